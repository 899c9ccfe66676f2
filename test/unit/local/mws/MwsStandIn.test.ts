import { MwsClientError } from '../../../../src/amazonpay/mws/errors';
import { MwsClient } from '../../../../src/amazonpay/mws/MwsClient';
import { MwsStandInError } from '../../../../src/local/mws/errors';
import { MWS_TEST_ACCOUNT, MwsStandIn } from '../../../../src/local/mws/MwsStandIn';
import type { MwsStandInServer } from '../../../../src/local/mws/startMwsStandInServer';
import { startMwsStandInServer } from '../../../../src/local/mws/startMwsStandInServer';

const CAPTURE_ID = 'S02-1234567-1234567-C000001';
const NOW = Date.parse('2026-03-02T09:00:00Z');

describe('MwsStandIn', () => {
  describe('seedCapture', () => {
    let server: MwsStandInServer | undefined;

    afterEach(async () => {
      await server?.close();
      server = undefined;
    });

    /** A stand-in behind loopback HTTP and a sandbox client of it. */
    const aRig = async (): Promise<{ standIn: MwsStandIn; client: MwsClient }> => {
      const standIn = new MwsStandIn({ throttling: 'off', now: () => NOW });
      server = await startMwsStandInServer(standIn);
      const client = new MwsClient(
        { ...MWS_TEST_ACCOUNT, region: 'NA', sandbox: true },
        { endpointOrigin: server.origin, now: () => NOW, pacing: false },
      );
      return { standIn, client };
    };

    it('creates a Completed capture that a Refund over HTTP then refunds', async () => {
      // Prepare
      const { standIn, client } = await aRig();
      standIn.seedCapture({
        amazonCaptureId: CAPTURE_ID,
        amount: { amountMinor: 3497, currency: 'USD' },
      });

      // Act
      const details = await client.getCaptureDetails({ amazonCaptureId: CAPTURE_ID });
      const refund = await client.refund({
        amazonCaptureId: CAPTURE_ID,
        refundReferenceId: 'order-1-r1',
        refundAmount: { amountMinor: 3497, currency: 'USD' },
      });

      // Assess
      expect(details.capture).toMatchObject({
        amazonCaptureId: CAPTURE_ID,
        captureAmount: { amountMinor: 3497, currency: 'USD' },
        status: { state: 'Completed' },
      });
      expect(refund.refund.status.state).toBe('Pending');
      expect(standIn.refunds()).toEqual([
        expect.objectContaining({
          amazonCaptureId: CAPTURE_ID,
          refundReferenceId: 'order-1-r1',
          amount: { amountMinor: 3497, currency: 'USD' },
        }),
      ]);
      expect(standIn.authorizations()).toEqual([
        expect.objectContaining({
          amazonAuthorizationId: 'S02-1234567-1234567-A000001',
          state: 'Closed',
          reasonCode: 'MaxCapturesProcessed',
          captureIds: [CAPTURE_ID],
        }),
      ]);
    });

    it('enforces the refund limits on a seeded capture', async () => {
      // Prepare
      const { standIn, client } = await aRig();
      standIn.seedCapture({
        amazonCaptureId: CAPTURE_ID,
        amount: { amountMinor: 1000, currency: 'USD' },
      });

      // Act
      const refused = client.refund({
        amazonCaptureId: CAPTURE_ID,
        refundReferenceId: 'order-1-r1',
        refundAmount: { amountMinor: 1151, currency: 'USD' },
      });

      // Assess
      await expect(refused).rejects.toBeInstanceOf(MwsClientError);
      await expect(refused).rejects.toMatchObject({ code: 'InvalidRefundAmount' });
    });

    it('adds the capture to a billing agreement it holds', () => {
      // Prepare
      const standIn = new MwsStandIn({ now: () => NOW });
      const agreementId = standIn.seedBillingAgreement({ currency: 'EUR' });

      // Act
      standIn.seedCapture({
        amazonCaptureId: CAPTURE_ID,
        amount: { amountMinor: 500, currency: 'EUR' },
        amazonBillingAgreementId: agreementId,
        amazonAuthorizationId: 'S02-1234567-1234567-A000009',
      });

      // Assess
      expect(standIn.authorizations()).toEqual([
        expect.objectContaining({
          amazonAuthorizationId: 'S02-1234567-1234567-A000009',
          amazonBillingAgreementId: agreementId,
        }),
      ]);
    });

    it('refuses a capture whose Refund would be signed by another seller', async () => {
      // Prepare
      const { standIn, client } = await aRig();
      standIn.seedCapture({
        amazonCaptureId: CAPTURE_ID,
        amount: { amountMinor: 1000, currency: 'USD' },
        sellerId: 'ANOTHER_SELLER',
      });

      // Act
      const refused = client.refund({
        amazonCaptureId: CAPTURE_ID,
        refundReferenceId: 'order-1-r1',
        refundAmount: { amountMinor: 100, currency: 'USD' },
      });

      // Assess
      await expect(refused).rejects.toMatchObject({ code: 'InvalidParameterValue' });
    });

    it.each<[string, (standIn: MwsStandIn) => void]>([
      [
        'a capture id it holds',
        (standIn) =>
          standIn.seedCapture({
            amazonCaptureId: CAPTURE_ID,
            amount: { amountMinor: 1, currency: 'USD' },
          }),
      ],
      [
        'an authorization id it holds',
        (standIn) =>
          standIn.seedCapture({
            amazonCaptureId: 'S02-1234567-1234567-C000002',
            amazonAuthorizationId: 'S02-1234567-1234567-A000001',
            amount: { amountMinor: 1, currency: 'USD' },
          }),
      ],
      [
        'an unsupported currency',
        (standIn) =>
          standIn.seedCapture({
            amazonCaptureId: 'S02-1-1-C2',
            amount: { amountMinor: 1, currency: 'CHF' },
          }),
      ],
      [
        'a zero amount',
        (standIn) =>
          standIn.seedCapture({
            amazonCaptureId: 'S02-1-1-C2',
            amount: { amountMinor: 0, currency: 'USD' },
          }),
      ],
      [
        'an agreement of another currency',
        (standIn) =>
          standIn.seedCapture({
            amazonCaptureId: 'S02-1-1-C2',
            amount: { amountMinor: 1, currency: 'USD' },
            amazonBillingAgreementId: standIn.seedBillingAgreement({ currency: 'GBP' }),
          }),
      ],
    ])('refuses to seed %s', (_name, seed) => {
      // Prepare
      const standIn = new MwsStandIn({ now: () => NOW });
      standIn.seedCapture({
        amazonCaptureId: CAPTURE_ID,
        amount: { amountMinor: 1000, currency: 'USD' },
      });

      // Act, Assess
      expect(() => seed(standIn)).toThrow(MwsStandInError);
    });
  });
});
