import type { ChargeResult } from '../../../src/amazonpay/connectionsResponse';
import { toCaptureChanges } from '../../../src/checkout/captureChanges';
import { OrderStatus } from '../../../src/checkout/OrderStatus';

type Authorization = Extract<ChargeResult, { kind: 'authorization' }>;

const CAPTURE_ID = 'S02-1234567-1234567-C000001';

/** A captured AuthorizeAndCapture of 34.97 USD with one capture id. */
function aCapture(overrides: Partial<Authorization> = {}): ChargeResult {
  return {
    kind: 'authorization',
    amazonOrderReferenceId: 'S02-1234567-1234567',
    amazonAuthorizationId: 'S02-1234567-1234567-A000001',
    authorizationReferenceId: 'order-1',
    state: 'Closed',
    reasonCode: 'MaxCapturesProcessed',
    softDecline: false,
    captureNow: true,
    authorizationAmount: { amount: '34.97', currencyCode: 'USD' },
    capturedAmount: { amount: '34.97', currencyCode: 'USD' },
    captureIds: [CAPTURE_ID],
    ...overrides,
  };
}

describe('toCaptureChanges', () => {
  it.each([OrderStatus.Paid, OrderStatus.HeldForReview, OrderStatus.CertificationTest])(
    'keeps the capture id and amount of an order that becomes %s',
    (status) => {
      expect(toCaptureChanges(aCapture(), status)).toStrictEqual({
        amazonCaptureId: CAPTURE_ID,
        captured: { amountMinor: 3497, currency: 'USD' },
      });
    },
  );

  it('keeps the first capture id when Amazon lists several', () => {
    // Act
    const changes = toCaptureChanges(
      aCapture({ captureIds: [CAPTURE_ID, 'S02-1234567-1234567-C000002'] }),
      OrderStatus.Paid,
    );

    // Assess
    expect(changes.amazonCaptureId).toBe(CAPTURE_ID);
  });

  it('reads a yen capture without decimals', () => {
    expect(
      toCaptureChanges(
        aCapture({ capturedAmount: { amount: '5480', currencyCode: 'JPY' } }),
        OrderStatus.Paid,
      ),
    ).toStrictEqual({
      amazonCaptureId: CAPTURE_ID,
      captured: { amountMinor: 5480, currency: 'JPY' },
    });
  });

  it.each<[string, Partial<Authorization>]>([
    ['no captured amount', { capturedAmount: undefined }],
    ['an unsupported currency', { capturedAmount: { amount: '34.97', currencyCode: 'CHF' } }],
    ['an amount that is not a decimal', { capturedAmount: { amount: '3e1', currencyCode: 'USD' } }],
    [
      'too many decimals for the currency',
      { capturedAmount: { amount: '5.5', currencyCode: 'JPY' } },
    ],
  ])('keeps the capture id but no amount for %s', (_name, overrides) => {
    expect(toCaptureChanges(aCapture(overrides), OrderStatus.HeldForReview)).toStrictEqual({
      amazonCaptureId: CAPTURE_ID,
    });
  });

  it.each([
    OrderStatus.Declined,
    OrderStatus.Failed,
    OrderStatus.ChargePending,
    'unchanged',
  ] as const)('keeps nothing for an answer that leaves the order %s', (status) => {
    expect(toCaptureChanges(aCapture(), status)).toStrictEqual({});
  });

  it('keeps nothing when the answer lists no capture', () => {
    expect(toCaptureChanges(aCapture({ captureIds: [] }), OrderStatus.HeldForReview)).toStrictEqual(
      {},
    );
  });

  it.each<[string, ChargeResult]>([
    ['an error', { kind: 'error', statusCode: '400', errorCode: 'AmazonRejected' }],
    ['a malformed answer', { kind: 'malformed', statusCode: '200', problem: 'no state' }],
  ])('keeps nothing for %s', (_name, result) => {
    expect(toCaptureChanges(result, OrderStatus.HeldForReview)).toStrictEqual({});
  });
});
