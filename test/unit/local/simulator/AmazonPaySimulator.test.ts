import type { interfaces } from 'ask-sdk-model';
import {
  AmazonPaySimulator,
  PAYMENT_AUTHENTICATION_ERROR_CODES,
  SIMULATED_ERROR_STATUS,
} from '../../../../src/local/simulator/AmazonPaySimulator';
import type {
  ConnectionsResponseRequest,
  SimulatorBehaviour,
} from '../../../../src/local/simulator/AmazonPaySimulator';
import { SimulatorError } from '../../../../src/local/simulator/errors';
import {
  FIXED_NOW,
  SELLER_ID,
  aBillingAgreementAttributes,
  aChargePayload,
  aLiveSetupPayload,
  aMerchantInitiatedSetupPayload,
  aPrice,
  aSellerOrderAttributes,
  aSendRequest,
  aSetupPayload,
  anAuthenticationSimulation,
  anAuthorizeAttributes,
  fixedClock,
  sequentialIds,
} from './factories';
import type { Fields } from './factories';

type SetupResult = interfaces.amazonpay.response.SetupAmazonPayResult;
type ChargeResult = interfaces.amazonpay.response.ChargeAmazonPayResult;
type ErrorResponse = interfaces.amazonpay.response.AmazonPayErrorResponse;

const NOW = FIXED_NOW.toISOString();
const IN_30_DAYS = '2027-01-02T10:00:00.000Z';
const SIMULATE_INVALID_PAYMENT_METHOD =
  '{"SandboxSimulation":{"State":"Declined","ReasonCode":"InvalidPaymentMethod","PaymentMethodUpdateTimeInMins":1,"SoftDecline":"true"}}';

function aSimulator(): AmazonPaySimulator {
  return new AmazonPaySimulator({ clock: fixedClock(), ids: sequentialIds() });
}

function setupResult(response: ConnectionsResponseRequest): SetupResult {
  expect(response.status).toEqual({ code: '200', message: 'OK' });
  return response.payload as SetupResult;
}

function chargeResult(response: ConnectionsResponseRequest): ChargeResult {
  expect(response.status).toEqual({ code: '200', message: 'OK' });
  return response.payload as ChargeResult;
}

function errorOf(response: ConnectionsResponseRequest): ErrorResponse & { code: string } {
  const payload = response.payload as ErrorResponse;
  expect(response.status.message).toBe(payload.errorCode);
  return { ...payload, code: response.status.code };
}

/** Runs a Setup and returns the new billing agreement id. */
function setUpAgreement(
  simulator: AmazonPaySimulator,
  payload: Fields = aSetupPayload(),
  behaviour: SimulatorBehaviour = {},
): string {
  const response = simulator.answer(aSendRequest('Setup', payload), behaviour);
  return setupResult(response).billingAgreementDetails.billingAgreementId;
}

function chargeOn(billingAgreementId: string, overrides: Fields = {}): Fields {
  return aChargePayload({ billingAgreementId, ...overrides });
}

function withAuthorize(billingAgreementId: string, overrides: Fields): Fields {
  return chargeOn(billingAgreementId, { authorizeAttributes: anAuthorizeAttributes(overrides) });
}

describe('AmazonPaySimulator', () => {
  describe('answer (directive)', () => {
    it.each<[string, unknown, string, string]>([
      ['a non-object directive', 'Setup', '', ''],
      ['null', null, '', ''],
      [
        'another directive type',
        {
          type: 'Connections.StartConnection',
          name: 'Setup',
          token: 't-1',
          payload: aSetupPayload(),
        },
        'Setup',
        't-1',
      ],
      [
        'an unknown name',
        { type: 'Connections.SendRequest', name: 'Buy', token: 't-2', payload: {} },
        'Buy',
        't-2',
      ],
      [
        'the v1 name SetupAmazonPay',
        { type: 'Connections.SendRequest', name: 'SetupAmazonPay', token: 't-3', payload: {} },
        'SetupAmazonPay',
        't-3',
      ],
      [
        'a missing name',
        { type: 'Connections.SendRequest', token: 't-5', payload: aSetupPayload() },
        '',
        't-5',
      ],
      [
        'a missing token',
        { type: 'Connections.SendRequest', name: 'Setup', payload: aSetupPayload() },
        'Setup',
        '',
      ],
      [
        'a numeric token',
        { type: 'Connections.SendRequest', name: 'Charge', token: 7, payload: aChargePayload() },
        'Charge',
        '',
      ],
    ])('answers 400 InvalidParameterValue to %s', (_label, directive, name, token) => {
      // Act
      const response = aSimulator().answer(directive);

      // Assess
      expect(response).toMatchObject({
        type: 'Connections.Response',
        name,
        token,
        status: { code: '400', message: 'InvalidParameterValue' },
        payload: { errorCode: 'InvalidParameterValue' },
      });
      expect(errorOf(response).errorMessage).not.toBe('');
    });

    it('answers 400 InvalidParameterValue to a directive without a payload', () => {
      // Act
      const response = aSimulator().answer({
        type: 'Connections.SendRequest',
        name: 'Setup',
        token: 't-4',
      });

      // Assess
      expect(errorOf(response)).toMatchObject({ code: '400', errorCode: 'InvalidParameterValue' });
      expect(response.token).toBe('t-4');
    });

    it('writes the configured locale on the response', () => {
      // Prepare
      const simulator = new AmazonPaySimulator({ clock: fixedClock(), locale: 'ja-JP' });

      // Act
      const response = simulator.answer(aSendRequest('Setup', aSetupPayload()));

      // Assess
      expect(response.locale).toBe('ja-JP');
    });

    it('gives a response that fits the ask-sdk-model ConnectionsResponse request type', () => {
      // Act
      const response: interfaces.connections.ConnectionsResponse = aSimulator().answer(
        aSendRequest('Setup', aSetupPayload()),
      );

      // Assess
      expect(typeof response.status?.code).toBe('string');
    });

    it('uses random B02-style ids when none are injected', () => {
      // Act
      const response = new AmazonPaySimulator().answer(aSendRequest('Setup', aSetupPayload()));

      // Assess
      expect(setupResult(response).billingAgreementDetails.billingAgreementId).toMatch(
        /^B02-[0-9]{7}-[0-9]{7}$/,
      );
      expect(response.requestId).toMatch(/^amzn1\.echo-api\.request\.sim-/);
    });
  });

  describe('answer (Setup)', () => {
    it('creates an OPEN sandbox agreement and answers 200 OK with the exact result shape', () => {
      // Prepare
      const simulator = aSimulator();

      // Act
      const response = simulator.answer(aSendRequest('Setup', aSetupPayload(), 'tok-setup-0001'));

      // Assess
      expect(response).toStrictEqual({
        type: 'Connections.Response',
        requestId: 'amzn1.echo-api.request.sim-ID0002-0000000',
        timestamp: NOW,
        name: 'Setup',
        status: { code: '200', message: 'OK' },
        payload: {
          billingAgreementDetails: {
            billingAgreementId: 'B02-ID0001-0000000',
            creationTimestamp: NOW,
            checkoutLanguage: 'en_US',
            releaseEnvironment: 'SANDBOX',
            billingAgreementStatus: 'OPEN',
            destination: {
              name: 'Test Buyer (simulated)',
              addressLine1: '123 Example Street',
              addressLine2: 'Simulated address, not a real place',
              city: 'Springfield',
              stateOrRegion: 'OR',
              postalCode: '00000',
              countryCode: 'US',
              phone: '000-000-0000',
            },
          },
        },
        token: 'tok-setup-0001',
      });
      expect(simulator.agreement('B02-ID0001-0000000')).toEqual({
        billingAgreementId: 'B02-ID0001-0000000',
        sellerId: SELLER_ID,
        countryOfEstablishment: 'US',
        ledgerCurrency: 'USD',
        releaseEnvironment: 'SANDBOX',
        status: 'OPEN',
        creationTimestamp: NOW,
      });
    });

    it('creates a LIVE agreement when sandboxMode is absent or false', () => {
      // Prepare
      const simulator = aSimulator();

      // Act
      const absent = simulator.answer(aSendRequest('Setup', aLiveSetupPayload()));
      const off = simulator.answer(
        aSendRequest('Setup', aLiveSetupPayload({ sandboxMode: false })),
      );

      // Assess
      expect(setupResult(absent).billingAgreementDetails.releaseEnvironment).toBe('LIVE');
      expect(setupResult(off).billingAgreementDetails.releaseEnvironment).toBe('LIVE');
    });

    it.each<[string, Fields]>([
      ['needAmazonShippingAddress is false', aSetupPayload({ needAmazonShippingAddress: false })],
      [
        'needAmazonShippingAddress is absent',
        aSetupPayload({ needAmazonShippingAddress: undefined }),
      ],
    ])('leaves the destination out when %s', (_label, payload) => {
      // Act
      const response = aSimulator().answer(aSendRequest('Setup', payload));

      // Assess
      expect(setupResult(response).billingAgreementDetails).not.toHaveProperty('destination');
    });

    it('gives a UK address the ISO code GB and no stateOrRegion', () => {
      // Prepare
      const payload = aSetupPayload({
        countryOfEstablishment: 'UK',
        ledgerCurrency: 'GBP',
        checkoutLanguage: 'en_GB',
      });

      // Act
      const response = aSimulator().answer(aSendRequest('Setup', payload));

      // Assess
      const destination = setupResult(response).billingAgreementDetails.destination;
      expect(destination?.countryCode).toBe('GB');
      expect(destination).not.toHaveProperty('stateOrRegion');
    });

    it.each<[string, string, string]>([
      ['US', 'USD', 'en_US'],
      ['DE', 'EUR', 'de_DE'],
      ['UK', 'GBP', 'en_GB'],
      ['JP', 'JPY', 'ja_JP'],
      ['NL', 'EUR', 'en_GB'],
    ])(
      'reports a default checkout language for %s when none is sent',
      (country, currency, language) => {
        // Prepare
        const payload = aSetupPayload({
          countryOfEstablishment: country,
          ledgerCurrency: currency,
          checkoutLanguage: undefined,
        });

        // Act
        const response = aSimulator().answer(aSendRequest('Setup', payload));

        // Assess
        expect(setupResult(response).billingAgreementDetails.checkoutLanguage).toBe(language);
      },
    );

    it('echoes the checkout language that was sent', () => {
      // Prepare
      const payload = aSetupPayload({
        countryOfEstablishment: 'DE',
        ledgerCurrency: 'EUR',
        checkoutLanguage: 'fr_FR',
      });

      // Act
      const response = aSimulator().answer(aSendRequest('Setup', payload));

      // Assess
      expect(setupResult(response).billingAgreementDetails.checkoutLanguage).toBe('fr_FR');
    });

    it('answers an invalid payload with its 400 error, whatever the behaviour says', () => {
      // Prepare
      const simulator = aSimulator();
      const payload = aSetupPayload({ countryOfEstablishment: 'GB' });

      // Act
      const response = simulator.answer(aSendRequest('Setup', payload, 'tok-x'), {
        setup: { kind: 'error', errorCode: 'InternalServerError', statusCode: '500' },
      });

      // Assess
      expect(errorOf(response)).toMatchObject({
        code: '400',
        errorCode: 'UnsupportedCountryOfEstablishment',
      });
      expect(errorOf(response).errorMessage).toContain('countryOfEstablishment');
      expect(response.token).toBe('tok-x');
      expect(simulator.agreement('B02-ID0001-0000000')).toBeUndefined();
    });

    it.each(['SUSPENDED', 'CLOSED', 'CANCELED', 'DRAFT'] as const)(
      'creates a %s agreement when told to, and refuses to charge it',
      (status) => {
        // Prepare
        const simulator = aSimulator();

        // Act
        const setup = simulator.answer(aSendRequest('Setup', aSetupPayload()), {
          setup: { kind: 'agreementStatus', status },
        });
        const details = setupResult(setup).billingAgreementDetails;
        const charge = simulator.answer(
          aSendRequest('Charge', chargeOn(details.billingAgreementId)),
        );

        // Assess
        expect(details.billingAgreementStatus).toBe(status);
        expect(errorOf(charge)).toMatchObject({
          code: '400',
          errorCode: 'InvalidBillingAgreementStatus',
        });
        expect(simulator.authorizationCount()).toBe(0);
      },
    );

    it('answers a forced error with its status and creates no agreement', () => {
      // Prepare
      const simulator = aSimulator();

      // Act
      const response = simulator.answer(aSendRequest('Setup', aSetupPayload(), 'tok-setup-0001'), {
        setup: { kind: 'error', errorCode: 'VoicePurchaseNotEnabled', statusCode: '403' },
      });

      // Assess
      expect(response).toMatchObject({
        name: 'Setup',
        token: 'tok-setup-0001',
        status: { code: '403', message: 'VoicePurchaseNotEnabled' },
        payload: {
          errorCode: 'VoicePurchaseNotEnabled',
          errorMessage: 'Voice purchasing is not enabled for this customer',
        },
      });
      expect(simulator.agreement('B02-ID0001-0000000')).toBeUndefined();
    });

    it('gives a generic message to a forced error code it does not know', () => {
      // Act
      const response = aSimulator().answer(aSendRequest('Setup', aSetupPayload()), {
        setup: { kind: 'error', errorCode: 'RequestThrottled', statusCode: '429' },
      });

      // Assess
      expect(errorOf(response)).toEqual({
        code: '429',
        errorCode: 'RequestThrottled',
        errorMessage: 'Simulated RequestThrottled error',
      });
    });

    it.each(['200', '42', 'abc', '600'])('refuses a forced error with status %p', (statusCode) => {
      expect(() =>
        aSimulator().answer(aSendRequest('Setup', aSetupPayload()), {
          setup: { kind: 'error', errorCode: 'InternalServerError', statusCode },
        }),
      ).toThrow(SimulatorError);
    });
  });

  describe('answer (Charge)', () => {
    it('authorizes and captures, echoing the token, with the exact result shape', () => {
      // Prepare
      const simulator = aSimulator();
      const billingAgreementId = setUpAgreement(simulator);
      const payload = withAuthorize(billingAgreementId, {
        sellerAuthorizationNote: 'Thank you for your order',
        softDescriptor: 'FakeShop',
      });

      // Act
      const response = simulator.answer(aSendRequest('Charge', payload, 'tok-charge-0001'));

      // Assess
      expect(response).toStrictEqual({
        type: 'Connections.Response',
        requestId: 'amzn1.echo-api.request.sim-ID0004-0000000',
        timestamp: NOW,
        name: 'Charge',
        status: { code: '200', message: 'OK' },
        payload: {
          amazonOrderReferenceId: 'S02-ID0003-0000000',
          authorizationDetails: {
            amazonAuthorizationId: 'S02-ID0003-0000000-A000001',
            authorizationReferenceId: 'order-0001-1',
            sellerAuthorizationNote: 'Thank you for your order',
            authorizationAmount: { amount: '19.99', currencyCode: 'USD' },
            capturedAmount: { amount: '19.99', currencyCode: 'USD' },
            authorizationFee: { amount: '0.00', currencyCode: 'USD' },
            idList: ['S02-ID0003-0000000-C000001'],
            creationTimestamp: NOW,
            expirationTimestamp: IN_30_DAYS,
            authorizationStatus: {
              state: 'Closed',
              reasonCode: 'MaxCapturesProcessed',
              reasonDescription: 'The authorization has been captured',
              lastUpdateTimestamp: NOW,
            },
            softDecline: false,
            captureNow: true,
            softDescriptor: 'AMZ*FakeShop',
          },
        },
        token: 'tok-charge-0001',
      });
      expect(simulator.authorizationCount()).toBe(1);
      expect(simulator.capturedTotalMinor('USD')).toBe(1999);
    });

    it('normalises the amount to the currency decimals ("6" EUR becomes "6.00")', () => {
      // Prepare
      const simulator = aSimulator();
      const billingAgreementId = setUpAgreement(
        simulator,
        aSetupPayload({
          countryOfEstablishment: 'DE',
          ledgerCurrency: 'EUR',
          checkoutLanguage: 'de_DE',
        }),
      );
      const payload = withAuthorize(billingAgreementId, {
        authorizationAmount: aPrice('6', 'EUR'),
      });

      // Act
      const details = chargeResult(
        simulator.answer(aSendRequest('Charge', payload)),
      ).authorizationDetails;

      // Assess
      expect(details.authorizationAmount).toEqual({ amount: '6.00', currencyCode: 'EUR' });
      expect(details.capturedAmount).toEqual({ amount: '6.00', currencyCode: 'EUR' });
      expect(simulator.capturedTotalMinor('EUR')).toBe(600);
    });

    it('writes yen without decimals', () => {
      // Prepare
      const simulator = aSimulator();
      const billingAgreementId = setUpAgreement(
        simulator,
        aSetupPayload({
          countryOfEstablishment: 'JP',
          ledgerCurrency: 'JPY',
          checkoutLanguage: 'ja_JP',
        }),
      );
      const payload = withAuthorize(billingAgreementId, {
        authorizationAmount: aPrice('1500', 'JPY'),
      });

      // Act
      const details = chargeResult(
        simulator.answer(aSendRequest('Charge', payload)),
      ).authorizationDetails;

      // Assess
      expect(details.capturedAmount).toEqual({ amount: '1500', currencyCode: 'JPY' });
      expect(details.authorizationFee).toEqual({ amount: '0', currencyCode: 'JPY' });
      expect(simulator.capturedTotalMinor('JPY')).toBe(1500);
    });

    it('authorizes without capturing for paymentAction Authorize', () => {
      // Prepare
      const simulator = aSimulator();
      const billingAgreementId = setUpAgreement(simulator);

      // Act
      const response = simulator.answer(
        aSendRequest('Charge', chargeOn(billingAgreementId, { paymentAction: 'Authorize' })),
      );

      // Assess
      expect(chargeResult(response).authorizationDetails).toMatchObject({
        authorizationAmount: { amount: '19.99', currencyCode: 'USD' },
        capturedAmount: { amount: '0.00', currencyCode: 'USD' },
        idList: [],
        captureNow: false,
        softDecline: false,
        authorizationStatus: { state: 'Open', lastUpdateTimestamp: NOW },
      });
      expect(chargeResult(response).authorizationDetails.authorizationStatus).not.toHaveProperty(
        'reasonCode',
      );
      expect(simulator.capturedTotalMinor('USD')).toBe(0);
      expect(simulator.authorizationCount()).toBe(1);
    });

    it('leaves out softDescriptor and sellerAuthorizationNote when none were sent', () => {
      // Prepare
      const simulator = aSimulator();
      const billingAgreementId = setUpAgreement(simulator);

      // Act
      const details = chargeResult(
        simulator.answer(aSendRequest('Charge', chargeOn(billingAgreementId))),
      ).authorizationDetails;

      // Assess
      expect(details).not.toHaveProperty('softDescriptor');
      expect(details).not.toHaveProperty('sellerAuthorizationNote');
    });

    it('answers InvalidBillingAgreementId for an agreement it never created', () => {
      // Prepare
      const simulator = aSimulator();

      // Act
      const response = simulator.answer(aSendRequest('Charge', chargeOn('B02-9999999-9999999')));

      // Assess
      expect(errorOf(response)).toMatchObject({
        code: '400',
        errorCode: 'InvalidBillingAgreementId',
      });
      expect(simulator.authorizationCount()).toBe(0);
    });

    it("answers InvalidBillingAgreementId for another seller's agreement", () => {
      // Prepare
      const simulator = aSimulator();
      const billingAgreementId = setUpAgreement(simulator);

      // Act
      const response = simulator.answer(
        aSendRequest('Charge', chargeOn(billingAgreementId, { sellerId: 'A9OTHERSELLER' })),
      );

      // Assess
      expect(errorOf(response)).toMatchObject({
        code: '400',
        errorCode: 'InvalidBillingAgreementId',
      });
    });

    it("answers InvalidAuthorizationAmount when the currency is not the agreement's ledger currency", () => {
      // Prepare
      const simulator = aSimulator();
      const billingAgreementId = setUpAgreement(simulator);
      const payload = withAuthorize(billingAgreementId, {
        authorizationAmount: aPrice('6.00', 'EUR'),
      });

      // Act
      const response = simulator.answer(aSendRequest('Charge', payload));

      // Assess
      expect(errorOf(response)).toMatchObject({
        code: '400',
        errorCode: 'InvalidAuthorizationAmount',
      });
      expect(simulator.authorizationCount()).toBe(0);
    });

    it('answers an invalid payload with its error, whatever the behaviour says', () => {
      // Prepare
      const simulator = aSimulator();
      const billingAgreementId = setUpAgreement(simulator);
      const payload = chargeOn(billingAgreementId, { paymentAction: 'AUTHORIZEANDCAPTURE' });

      // Act
      const response = simulator.answer(aSendRequest('Charge', payload, 'tok-bad'), {
        charge: { kind: 'declined', reasonCode: 'AmazonRejected', form: 'state' },
      });

      // Assess
      expect(errorOf(response)).toMatchObject({ code: '400', errorCode: 'InvalidPaymentAction' });
      expect(response.token).toBe('tok-bad');
      expect(simulator.authorizationCount()).toBe(0);
    });

    describe('idempotency', () => {
      it('replays the same answer for the same reference id and parameters, charging once', () => {
        // Prepare
        const simulator = aSimulator();
        const billingAgreementId = setUpAgreement(simulator);
        const payload = chargeOn(billingAgreementId);

        // Act
        const first = simulator.answer(aSendRequest('Charge', payload, 'tok-first'));
        const replay = simulator.answer(aSendRequest('Charge', payload, 'tok-replay'));

        // Assess
        expect(replay.payload).toEqual(first.payload);
        expect(chargeResult(replay).authorizationDetails.amazonAuthorizationId).toBe(
          'S02-ID0003-0000000-A000001',
        );
        expect(replay.token).toBe('tok-replay');
        expect(replay.requestId).not.toBe(first.requestId);
        expect(simulator.authorizationCount()).toBe(1);
        expect(simulator.capturedTotalMinor('USD')).toBe(1999);
      });

      it('treats a re-ordered but identical payload as the same request', () => {
        // Prepare
        const simulator = aSimulator();
        const billingAgreementId = setUpAgreement(simulator);
        const payload = chargeOn(billingAgreementId);
        const reordered = Object.fromEntries(Object.entries(payload).reverse());

        // Act
        const first = simulator.answer(aSendRequest('Charge', payload));
        const replay = simulator.answer(aSendRequest('Charge', reordered));

        // Assess
        expect(replay.payload).toEqual(first.payload);
        expect(simulator.authorizationCount()).toBe(1);
      });

      it('does not let a caller mutate a stored answer through a returned one', () => {
        // Prepare
        const simulator = aSimulator();
        const billingAgreementId = setUpAgreement(simulator);
        const payload = chargeOn(billingAgreementId);
        const first = chargeResult(simulator.answer(aSendRequest('Charge', payload)));

        // Act
        first.amazonOrderReferenceId = 'tampered';
        const replay = chargeResult(simulator.answer(aSendRequest('Charge', payload)));

        // Assess
        expect(replay.amazonOrderReferenceId).toBe('S02-ID0003-0000000');
      });

      it.each<[string, (agreementId: string) => Fields]>([
        [
          'another amount',
          (id) => withAuthorize(id, { authorizationAmount: aPrice('29.99', 'USD') }),
        ],
        ['another payment action', (id) => chargeOn(id, { paymentAction: 'Authorize' })],
        ['another seller note', (id) => withAuthorize(id, { sellerAuthorizationNote: 'Changed' })],
      ])('answers DuplicateRequest for the same reference id with %s', (_label, changed) => {
        // Prepare
        const simulator = aSimulator();
        const billingAgreementId = setUpAgreement(simulator);
        simulator.answer(aSendRequest('Charge', chargeOn(billingAgreementId)));

        // Act
        const response = simulator.answer(aSendRequest('Charge', changed(billingAgreementId)));

        // Assess
        expect(errorOf(response)).toEqual({
          code: '400',
          errorCode: 'DuplicateRequest',
          errorMessage: 'The authorizationReferenceId has already been used',
        });
        expect(simulator.authorizationCount()).toBe(1);
        expect(simulator.capturedTotalMinor('USD')).toBe(1999);
      });

      it('makes a second authorization for a new reference id', () => {
        // Prepare
        const simulator = aSimulator();
        const billingAgreementId = setUpAgreement(simulator);
        simulator.answer(aSendRequest('Charge', chargeOn(billingAgreementId)));

        // Act
        simulator.answer(
          aSendRequest(
            'Charge',
            withAuthorize(billingAgreementId, { authorizationReferenceId: 'order-0002-1' }),
          ),
        );

        // Assess
        expect(simulator.authorizationCount()).toBe(2);
        expect(simulator.capturedTotalMinor('USD')).toBe(3998);
      });

      it('lets a retry with the same reference id succeed after a forced error, charging once', () => {
        // Prepare
        const simulator = aSimulator();
        const billingAgreementId = setUpAgreement(simulator);
        const payload = chargeOn(billingAgreementId);

        // Act
        const failed = simulator.answer(aSendRequest('Charge', payload), {
          charge: { kind: 'error', errorCode: 'InternalServerError', statusCode: '500' },
        });
        const retried = simulator.answer(aSendRequest('Charge', payload));

        // Assess
        expect(errorOf(failed)).toMatchObject({ code: '500', errorCode: 'InternalServerError' });
        expect(chargeResult(retried).authorizationDetails.authorizationStatus?.state).toBe(
          'Closed',
        );
        expect(simulator.authorizationCount()).toBe(1);
        expect(simulator.capturedTotalMinor('USD')).toBe(1999);
      });

      it('replays a decline that suspended the agreement instead of answering with its status', () => {
        // Prepare
        const simulator = aSimulator();
        const billingAgreementId = setUpAgreement(simulator);
        const payload = chargeOn(billingAgreementId);
        const declined = simulator.answer(aSendRequest('Charge', payload), {
          charge: {
            kind: 'declined',
            reasonCode: 'InvalidPaymentMethod',
            form: 'state',
            softDecline: true,
          },
        });

        // Act
        const replay = simulator.answer(aSendRequest('Charge', payload));

        // Assess
        expect(replay.status).toEqual({ code: '200', message: 'OK' });
        expect(replay.payload).toEqual(declined.payload);
        expect(simulator.authorizationCount()).toBe(1);
      });
    });

    describe('behaviour', () => {
      it.each([
        'InvalidPaymentMethod',
        'AmazonRejected',
        'TransactionTimedOut',
        'ProcessingFailure',
      ] as const)(
        'declines with %s in the state form: 200, state Declined, nothing captured',
        (reasonCode) => {
          // Prepare
          const simulator = aSimulator();
          const billingAgreementId = setUpAgreement(simulator);

          // Act
          const response = simulator.answer(aSendRequest('Charge', chargeOn(billingAgreementId)), {
            charge: { kind: 'declined', reasonCode, form: 'state' },
          });

          // Assess
          expect(chargeResult(response).authorizationDetails).toMatchObject({
            authorizationStatus: { state: 'Declined', reasonCode, lastUpdateTimestamp: NOW },
            softDecline: false,
            captureNow: true,
            capturedAmount: { amount: '0.00', currencyCode: 'USD' },
            idList: [],
          });
          expect(simulator.capturedTotalMinor('USD')).toBe(0);
          expect(simulator.authorizationCount()).toBe(1);
        },
      );

      it('reports a soft decline when told to', () => {
        // Prepare
        const simulator = aSimulator();
        const billingAgreementId = setUpAgreement(simulator);

        // Act
        const response = simulator.answer(aSendRequest('Charge', chargeOn(billingAgreementId)), {
          charge: {
            kind: 'declined',
            reasonCode: 'InvalidPaymentMethod',
            form: 'state',
            softDecline: true,
          },
        });

        // Assess
        expect(chargeResult(response).authorizationDetails.softDecline).toBe(true);
      });

      it.each([
        'InvalidPaymentMethod',
        'AmazonRejected',
        'TransactionTimedOut',
        'ProcessingFailure',
      ] as const)(
        'declines with %s in the error form: 400 with the reason as errorCode',
        (reasonCode) => {
          // Prepare
          const simulator = aSimulator();
          const billingAgreementId = setUpAgreement(simulator);

          // Act
          const response = simulator.answer(
            aSendRequest('Charge', chargeOn(billingAgreementId), 'tok-charge-0002'),
            { charge: { kind: 'declined', reasonCode, form: 'error' } },
          );

          // Assess
          expect(response.status).toEqual({ code: '400', message: reasonCode });
          expect(Object.keys(response.payload).sort()).toEqual(['errorCode', 'errorMessage']);
          expect(errorOf(response).errorCode).toBe(reasonCode);
          expect(response.token).toBe('tok-charge-0002');
          expect(simulator.capturedTotalMinor('USD')).toBe(0);
        },
      );

      it('uses the GIST message for an InvalidPaymentMethod error', () => {
        // Prepare
        const simulator = aSimulator();
        const billingAgreementId = setUpAgreement(simulator);

        // Act
        const response = simulator.answer(aSendRequest('Charge', chargeOn(billingAgreementId)), {
          charge: { kind: 'declined', reasonCode: 'InvalidPaymentMethod', form: 'error' },
        });

        // Assess
        expect(errorOf(response).errorMessage).toBe(
          "The payment method specified in the user's account is declined.",
        );
      });

      it.each(['state', 'error'] as const)(
        'suspends the agreement after an InvalidPaymentMethod decline (%s form)',
        (form) => {
          // Prepare
          const simulator = aSimulator();
          const billingAgreementId = setUpAgreement(simulator);
          simulator.answer(aSendRequest('Charge', chargeOn(billingAgreementId)), {
            charge: { kind: 'declined', reasonCode: 'InvalidPaymentMethod', form },
          });

          // Act
          const next = simulator.answer(
            aSendRequest(
              'Charge',
              withAuthorize(billingAgreementId, { authorizationReferenceId: 'order-0001-2' }),
            ),
          );

          // Assess
          expect(simulator.agreement(billingAgreementId)?.status).toBe('SUSPENDED');
          expect(errorOf(next)).toMatchObject({
            code: '400',
            errorCode: 'InvalidBillingAgreementStatus',
          });
          expect(simulator.capturedTotalMinor('USD')).toBe(0);
        },
      );

      it.each(['AmazonRejected', 'TransactionTimedOut', 'ProcessingFailure'] as const)(
        'keeps the agreement OPEN after a %s decline',
        (reasonCode) => {
          // Prepare
          const simulator = aSimulator();
          const billingAgreementId = setUpAgreement(simulator);

          // Act
          simulator.answer(aSendRequest('Charge', chargeOn(billingAgreementId)), {
            charge: { kind: 'declined', reasonCode, form: 'state' },
          });

          // Assess
          expect(simulator.agreement(billingAgreementId)?.status).toBe('OPEN');
        },
      );

      it('answers a forced error with its status, before even looking up the agreement', () => {
        // Prepare
        const simulator = aSimulator();

        // Act
        const response = simulator.answer(aSendRequest('Charge', chargeOn('B02-unknown')), {
          charge: { kind: 'error', errorCode: 'ServiceUnavailable', statusCode: '503' },
        });

        // Assess
        expect(errorOf(response)).toMatchObject({ code: '503', errorCode: 'ServiceUnavailable' });
        expect(simulator.authorizationCount()).toBe(0);
      });

      it('answers Pending with nothing captured', () => {
        // Prepare
        const simulator = aSimulator();
        const billingAgreementId = setUpAgreement(simulator);

        // Act
        const response = simulator.answer(aSendRequest('Charge', chargeOn(billingAgreementId)), {
          charge: { kind: 'pending' },
        });

        // Assess
        const details = chargeResult(response).authorizationDetails;
        expect(details.authorizationStatus).toEqual({ state: 'Pending', lastUpdateTimestamp: NOW });
        expect(details.capturedAmount).toEqual({ amount: '0.00', currencyCode: 'USD' });
        expect(details.idList).toEqual([]);
        expect(simulator.capturedTotalMinor('USD')).toBe(0);
      });

      it('approves with CertificationTestTransaction on a Closed, captured authorization', () => {
        // Prepare
        const simulator = aSimulator();
        const billingAgreementId = setUpAgreement(simulator);

        // Act
        const response = simulator.answer(aSendRequest('Charge', chargeOn(billingAgreementId)), {
          charge: {
            kind: 'reasonCode',
            state: 'Closed',
            reasonCode: 'CertificationTestTransaction',
          },
        });

        // Assess
        const details = chargeResult(response).authorizationDetails;
        expect(details.authorizationStatus).toEqual({
          state: 'Closed',
          reasonCode: 'CertificationTestTransaction',
          reasonDescription: 'CertificationTestTransaction',
          lastUpdateTimestamp: NOW,
        });
        expect(details.idList).toEqual(['S02-ID0003-0000000-C000001']);
        expect(simulator.capturedTotalMinor('USD')).toBe(1999);
      });

      it('approves with a reason code on an Open authorization without capturing', () => {
        // Prepare
        const simulator = aSimulator();
        const billingAgreementId = setUpAgreement(simulator);

        // Act
        const response = simulator.answer(aSendRequest('Charge', chargeOn(billingAgreementId)), {
          charge: { kind: 'reasonCode', state: 'Open', reasonCode: 'SomethingNew' },
        });

        // Assess
        const details = chargeResult(response).authorizationDetails;
        expect(details.authorizationStatus).toMatchObject({
          state: 'Open',
          reasonCode: 'SomethingNew',
        });
        expect(details.capturedAmount).toEqual({ amount: '0.00', currencyCode: 'USD' });
        expect(simulator.capturedTotalMinor('USD')).toBe(0);
      });
    });

    describe('sandbox simulation strings', () => {
      it.each<[string, string]>([
        ['InvalidPaymentMethod', SIMULATE_INVALID_PAYMENT_METHOD],
        [
          'InvalidPaymentMethod',
          '{"SandboxSimulation":{"State":"Declined","ReasonCode":"InvalidPaymentMethod"}}',
        ],
        [
          'AmazonRejected',
          '{"SandboxSimulation":{"State":"Declined","ReasonCode":"AmazonRejected"}}',
        ],
        [
          'TransactionTimedOut',
          '{"SandboxSimulation":{"State":"Declined","ReasonCode":"TransactionTimedOut"}}',
        ],
      ])('declines with %s as a 400 error on a SANDBOX agreement (%s)', (reasonCode, note) => {
        // Prepare
        const simulator = aSimulator();
        const billingAgreementId = setUpAgreement(simulator);

        // Act
        const response = simulator.answer(
          aSendRequest(
            'Charge',
            withAuthorize(billingAgreementId, { sellerAuthorizationNote: note }),
          ),
        );

        // Assess
        expect(errorOf(response)).toMatchObject({ code: '400', errorCode: reasonCode });
        expect(simulator.capturedTotalMinor('USD')).toBe(0);
        expect(simulator.agreement(billingAgreementId)?.status).toBe(
          reasonCode === 'InvalidPaymentMethod' ? 'SUSPENDED' : 'OPEN',
        );
      });

      it('lets the simulation string win over the behaviour switch', () => {
        // Prepare
        const simulator = aSimulator();
        const billingAgreementId = setUpAgreement(simulator);
        const payload = withAuthorize(billingAgreementId, {
          sellerAuthorizationNote: SIMULATE_INVALID_PAYMENT_METHOD,
        });

        // Act
        const response = simulator.answer(aSendRequest('Charge', payload), {
          charge: {
            kind: 'reasonCode',
            state: 'Closed',
            reasonCode: 'CertificationTestTransaction',
          },
        });

        // Assess
        expect(errorOf(response)).toMatchObject({ errorCode: 'InvalidPaymentMethod' });
      });

      it.each<[string, string]>([
        ['not JSON', 'SandboxSimulation please decline'],
        ['a Closed state', '{"SandboxSimulation":{"State":"Closed","ReasonCode":"AmazonClosed"}}'],
        ['an unknown reason', '{"SandboxSimulation":{"State":"Declined","ReasonCode":"Fraud"}}'],
        [
          'ProcessingFailure (not a listed simulation)',
          '{"SandboxSimulation":{"State":"Declined","ReasonCode":"ProcessingFailure"}}',
        ],
        ['no reason', '{"SandboxSimulation":{"State":"Declined"}}'],
        [
          'SoftDecline on AmazonRejected',
          '{"SandboxSimulation":{"State":"Declined","ReasonCode":"AmazonRejected","SoftDecline":"true"}}',
        ],
        [
          'SoftDecline as a boolean',
          '{"SandboxSimulation":{"State":"Declined","ReasonCode":"InvalidPaymentMethod","SoftDecline":true}}',
        ],
        [
          'a zero update time',
          '{"SandboxSimulation":{"State":"Declined","ReasonCode":"InvalidPaymentMethod","PaymentMethodUpdateTimeInMins":0}}',
        ],
        [
          'an unknown key',
          '{"SandboxSimulation":{"State":"Declined","ReasonCode":"InvalidPaymentMethod","Delay":1}}',
        ],
        [
          'a second top-level key',
          '{"SandboxSimulation":{"State":"Declined","ReasonCode":"AmazonRejected"},"x":1}',
        ],
        ['a simulation that is not an object', '{"SandboxSimulation":"Declined"}'],
      ])('answers InvalidSandboxSimulationSpecified for %s', (_label, note) => {
        // Prepare
        const simulator = aSimulator();
        const billingAgreementId = setUpAgreement(simulator);

        // Act
        const response = simulator.answer(
          aSendRequest(
            'Charge',
            withAuthorize(billingAgreementId, { sellerAuthorizationNote: note }),
          ),
        );

        // Assess
        expect(errorOf(response)).toMatchObject({
          code: '400',
          errorCode: 'InvalidSandboxSimulationSpecified',
        });
        expect(simulator.authorizationCount()).toBe(0);
        expect(simulator.agreement(billingAgreementId)?.status).toBe('OPEN');
      });

      it('refuses a simulation string on a LIVE agreement with InvalidParameterValue', () => {
        // Prepare
        const simulator = aSimulator();
        const billingAgreementId = setUpAgreement(simulator, aLiveSetupPayload());
        const payload = withAuthorize(billingAgreementId, {
          sellerAuthorizationNote: SIMULATE_INVALID_PAYMENT_METHOD,
        });

        // Act
        const response = simulator.answer(aSendRequest('Charge', payload));

        // Assess
        expect(errorOf(response)).toMatchObject({
          code: '400',
          errorCode: 'InvalidParameterValue',
        });
        expect(simulator.authorizationCount()).toBe(0);
        expect(simulator.agreement(billingAgreementId)?.status).toBe('OPEN');
      });

      it('treats an ordinary note on a LIVE agreement as text', () => {
        // Prepare
        const simulator = aSimulator();
        const billingAgreementId = setUpAgreement(simulator, aLiveSetupPayload());
        const payload = withAuthorize(billingAgreementId, { sellerAuthorizationNote: 'Thanks!' });

        // Act
        const response = simulator.answer(aSendRequest('Charge', payload));

        // Assess
        expect(chargeResult(response).authorizationDetails.sellerAuthorizationNote).toBe('Thanks!');
      });
    });
  });

  describe('forced errors (issue 3)', () => {
    const FORCED_ERRORS: ReadonlyArray<[string, string]> = [
      ['ACCESS_DENIED', '403'],
      ['ACCESS_NOT_REQUESTED', '403'],
      ['FORBIDDEN', '403'],
      ['MissingPermissionsToAccessResource', '403'],
      ['VoicePurchaseNotEnabled', '403'],
      ['UnsupportedClientPlatform', '403'],
      ['InvalidShippingAddress', '400'],
      ['InvalidAccountStatus', '403'],
      ['RequestThrottled', '429'],
      ['InternalServerError', '500'],
      ['ServiceUnavailable', '503'],
    ];

    it.each(FORCED_ERRORS)(
      'answers a forced %s on Setup with status %s and creates no agreement',
      (errorCode, statusCode) => {
        // Prepare
        const simulator = aSimulator();

        // Act
        const response = simulator.answer(aSendRequest('Setup', aSetupPayload(), 'tok-s'), {
          setup: { kind: 'error', errorCode, statusCode: SIMULATED_ERROR_STATUS[errorCode] ?? '' },
        });

        // Assess
        expect(response).toMatchObject({
          name: 'Setup',
          token: 'tok-s',
          status: { code: statusCode, message: errorCode },
        });
        expect(Object.keys(response.payload).sort()).toEqual(['errorCode', 'errorMessage']);
        expect(errorOf(response).errorMessage).not.toBe('');
        expect(simulator.agreement('B02-ID0001-0000000')).toBeUndefined();
      },
    );

    it.each(FORCED_ERRORS)(
      'answers a forced %s on Charge with status %s, authorizing nothing',
      (errorCode, statusCode) => {
        // Prepare
        const simulator = aSimulator();
        const billingAgreementId = setUpAgreement(simulator);

        // Act
        const response = simulator.answer(
          aSendRequest('Charge', chargeOn(billingAgreementId), 'tok-c'),
          {
            charge: {
              kind: 'error',
              errorCode,
              statusCode: SIMULATED_ERROR_STATUS[errorCode] ?? '',
            },
          },
        );

        // Assess
        expect(response).toMatchObject({
          name: 'Charge',
          token: 'tok-c',
          status: { code: statusCode, message: errorCode },
          payload: { errorCode },
        });
        expect(simulator.authorizationCount()).toBe(0);
        expect(simulator.capturedTotalMinor('USD')).toBe(0);
        expect(simulator.agreement(billingAgreementId)?.status).toBe('OPEN');
      },
    );

    it('lets a scenario write the status of a named code without a fallback', () => {
      // Prepare
      const behaviour: SimulatorBehaviour = {
        setup: {
          kind: 'error',
          errorCode: 'RequestThrottled',
          statusCode: SIMULATED_ERROR_STATUS.RequestThrottled,
        },
      };

      // Act
      const response = aSimulator().answer(aSendRequest('Setup', aSetupPayload()), behaviour);

      // Assess
      expect(response.status).toEqual({ code: '429', message: 'RequestThrottled' });
    });
  });

  describe('releaseEnvironment switch', () => {
    it.each<[string, 'SANDBOX' | 'LIVE', Fields]>([
      ['a SANDBOX agreement under a live configuration', 'SANDBOX', aLiveSetupPayload()],
      ['a LIVE agreement under a sandbox configuration', 'LIVE', aSetupPayload()],
    ])('answers %s, OPEN, and charges it normally', (_label, releaseEnvironment, payload) => {
      // Prepare
      const simulator = aSimulator();

      // Act
      const setup = simulator.answer(aSendRequest('Setup', payload), {
        setup: { kind: 'releaseEnvironment', releaseEnvironment },
      });
      const details = setupResult(setup).billingAgreementDetails;
      const charge = simulator.answer(aSendRequest('Charge', chargeOn(details.billingAgreementId)));

      // Assess
      expect(details).toMatchObject({ releaseEnvironment, billingAgreementStatus: 'OPEN' });
      expect(simulator.agreement(details.billingAgreementId)?.releaseEnvironment).toBe(
        releaseEnvironment,
      );
      expect(chargeResult(charge).authorizationDetails.authorizationStatus).toMatchObject({
        state: 'Closed',
        reasonCode: 'MaxCapturesProcessed',
      });
      expect(simulator.capturedTotalMinor('USD')).toBe(1999);
    });

    it.each<[string, 'SANDBOX' | 'LIVE', Fields, string]>([
      [
        'honours a decline string on a SANDBOX agreement made under a live configuration',
        'SANDBOX',
        aLiveSetupPayload(),
        'AmazonRejected',
      ],
      [
        'refuses a decline string on a LIVE agreement made under a sandbox configuration',
        'LIVE',
        aSetupPayload(),
        'InvalidParameterValue',
      ],
    ])('%s', (_label, releaseEnvironment, payload, errorCode) => {
      // Prepare
      const simulator = aSimulator();
      const billingAgreementId = setUpAgreement(simulator, payload, {
        setup: { kind: 'releaseEnvironment', releaseEnvironment },
      });
      const charge = withAuthorize(billingAgreementId, {
        sellerAuthorizationNote:
          '{"SandboxSimulation":{"State":"Declined","ReasonCode":"AmazonRejected"}}',
      });

      // Act
      const response = simulator.answer(aSendRequest('Charge', charge));

      // Assess
      expect(errorOf(response)).toMatchObject({ code: '400', errorCode });
      expect(simulator.capturedTotalMinor('USD')).toBe(0);
    });
  });

  describe('malformed switch', () => {
    it('answers a Setup with 200 OK and no billingAgreementDetails, creating no agreement', () => {
      // Prepare
      const simulator = aSimulator();

      // Act
      const response = simulator.answer(aSendRequest('Setup', aSetupPayload(), 'tok-m'), {
        setup: { kind: 'malformed' },
      });

      // Assess
      expect(response).toMatchObject({
        type: 'Connections.Response',
        name: 'Setup',
        token: 'tok-m',
        status: { code: '200', message: 'OK' },
      });
      expect(response.payload).toStrictEqual({});
      expect(simulator.agreement('B02-ID0001-0000000')).toBeUndefined();
    });

    it('answers a Charge with 200 OK and no authorizationDetails, authorizing nothing', () => {
      // Prepare
      const simulator = aSimulator();
      const billingAgreementId = setUpAgreement(simulator);
      const payload = chargeOn(billingAgreementId);

      // Act
      const response = simulator.answer(aSendRequest('Charge', payload, 'tok-m'), {
        charge: { kind: 'malformed' },
      });
      const retry = simulator.answer(aSendRequest('Charge', payload));

      // Assess
      expect(response).toMatchObject({
        name: 'Charge',
        token: 'tok-m',
        status: { code: '200', message: 'OK' },
      });
      expect(response.payload).toStrictEqual({ amazonOrderReferenceId: 'S02-ID0003-0000000' });
      expect(response.payload).not.toHaveProperty('authorizationDetails');
      expect(chargeResult(retry).authorizationDetails.authorizationStatus?.state).toBe('Closed');
      expect(simulator.authorizationCount()).toBe(1);
      expect(simulator.capturedTotalMinor('USD')).toBe(1999);
    });

    it('answers a malformed Charge before looking up the agreement', () => {
      // Act
      const response = aSimulator().answer(aSendRequest('Charge', chargeOn('B02-unknown')), {
        charge: { kind: 'malformed' },
      });

      // Assess
      expect(response.status).toEqual({ code: '200', message: 'OK' });
      expect(response.payload).not.toHaveProperty('authorizationDetails');
    });

    it.each<[string, string, Fields, SimulatorBehaviour, string]>([
      [
        'Setup',
        'Setup',
        aSetupPayload({ ledgerCurrency: 'EUR' }),
        { setup: { kind: 'malformed' } },
        'UnsupportedCurrency',
      ],
      [
        'Charge',
        'Charge',
        aChargePayload({ paymentAction: 'Capture' }),
        { charge: { kind: 'malformed' } },
        'InvalidPaymentAction',
      ],
    ])(
      'still answers an invalid %s payload with its error',
      (_label, name, payload, behaviour, errorCode) => {
        // Act
        const response = aSimulator().answer(aSendRequest(name, payload), behaviour);

        // Assess
        expect(errorOf(response)).toMatchObject({ code: '400', errorCode });
      },
    );
  });

  describe('SCA simulation strings on Charge (sellerOrderAttributes.sellerNote)', () => {
    function withSellerNote(billingAgreementId: string, sellerNote: string): Fields {
      return chargeOn(billingAgreementId, {
        sellerOrderAttributes: aSellerOrderAttributes({ sellerNote }),
      });
    }

    it.each<[string, string]>([
      ['Failure', 'PaymentAuthenticationFailed'],
      ['Abandoned', 'PaymentAuthenticationAbandoned'],
      ['NotSupported', 'PaymentAuthenticationNotSupported'],
    ])(
      'answers a %s authentication with 400 %s, taking no money and authorizing nothing',
      (state, errorCode) => {
        // Prepare
        const simulator = aSimulator();
        const billingAgreementId = setUpAgreement(simulator);

        // Act
        const response = simulator.answer(
          aSendRequest(
            'Charge',
            withSellerNote(billingAgreementId, anAuthenticationSimulation(state)),
            'tok-sca',
          ),
        );

        // Assess
        expect(response).toMatchObject({
          name: 'Charge',
          token: 'tok-sca',
          status: { code: '400', message: errorCode },
        });
        expect(Object.keys(response.payload).sort()).toEqual(['errorCode', 'errorMessage']);
        expect(errorOf(response).errorCode).toBe(errorCode);
        expect(errorOf(response).errorMessage).not.toContain('Simulated');
        expect(PAYMENT_AUTHENTICATION_ERROR_CODES).toHaveProperty(state, errorCode);
        expect(SIMULATED_ERROR_STATUS[errorCode]).toBe('400');
        expect(simulator.authorizationCount()).toBe(0);
        expect(simulator.capturedTotalMinor('USD')).toBe(0);
        expect(simulator.agreement(billingAgreementId)?.status).toBe('OPEN');
      },
    );

    it('leaves the reference id free after a failed authentication, so a passed retry charges once', () => {
      // Prepare
      const simulator = aSimulator();
      const billingAgreementId = setUpAgreement(simulator);
      simulator.answer(
        aSendRequest(
          'Charge',
          withSellerNote(billingAgreementId, anAuthenticationSimulation('Abandoned')),
        ),
      );

      // Act
      const retry = simulator.answer(
        aSendRequest(
          'Charge',
          withSellerNote(billingAgreementId, anAuthenticationSimulation('Success')),
        ),
      );

      // Assess
      expect(chargeResult(retry).authorizationDetails.authorizationStatus?.state).toBe('Closed');
      expect(simulator.authorizationCount()).toBe(1);
      expect(simulator.capturedTotalMinor('USD')).toBe(1999);
    });

    it.each<[string, string]>([
      ['a Success authentication', anAuthenticationSimulation('Success')],
      ['a plain-text seller note', 'Thank you for your order'],
      ['a seller note that is JSON without SandboxSimulation', '{"gift":true}'],
    ])('approves normally with %s', (_label, sellerNote) => {
      // Prepare
      const simulator = aSimulator();
      const billingAgreementId = setUpAgreement(simulator);

      // Act
      const response = simulator.answer(
        aSendRequest('Charge', withSellerNote(billingAgreementId, sellerNote)),
      );

      // Assess
      expect(chargeResult(response).authorizationDetails).toMatchObject({
        authorizationStatus: { state: 'Closed', reasonCode: 'MaxCapturesProcessed' },
        capturedAmount: { amount: '19.99', currencyCode: 'USD' },
      });
      expect(simulator.authorizationCount()).toBe(1);
      expect(simulator.capturedTotalMinor('USD')).toBe(1999);
    });

    it('treats a plain-text seller note on a LIVE agreement as text', () => {
      // Prepare
      const simulator = aSimulator();
      const billingAgreementId = setUpAgreement(simulator, aLiveSetupPayload());

      // Act
      const response = simulator.answer(
        aSendRequest('Charge', withSellerNote(billingAgreementId, 'Gift wrap, please')),
      );

      // Assess
      expect(chargeResult(response).authorizationDetails.authorizationStatus?.state).toBe('Closed');
    });

    it.each(['Failure', 'Abandoned', 'NotSupported', 'Success'])(
      'refuses the %s simulation on a LIVE agreement with InvalidParameterValue',
      (state) => {
        // Prepare
        const simulator = aSimulator();
        const billingAgreementId = setUpAgreement(simulator, aLiveSetupPayload());

        // Act
        const response = simulator.answer(
          aSendRequest(
            'Charge',
            withSellerNote(billingAgreementId, anAuthenticationSimulation(state)),
          ),
        );

        // Assess
        expect(errorOf(response)).toMatchObject({
          code: '400',
          errorCode: 'InvalidParameterValue',
        });
        expect(simulator.authorizationCount()).toBe(0);
        expect(simulator.capturedTotalMinor('USD')).toBe(0);
      },
    );

    it.each<[string, string]>([
      ['an unknown state', anAuthenticationSimulation('Passed')],
      ['a lower-case state', anAuthenticationSimulation('failure')],
      ['an empty state', anAuthenticationSimulation('')],
      ['a numeric state', '{"SandboxSimulation":{"PaymentAuthenticationStatus":{"State":1}}}'],
      ['no state', '{"SandboxSimulation":{"PaymentAuthenticationStatus":{}}}'],
      [
        'an extra key beside State',
        '{"SandboxSimulation":{"PaymentAuthenticationStatus":{"State":"Failure","Reason":"x"}}}',
      ],
      [
        'an extra key beside PaymentAuthenticationStatus',
        '{"SandboxSimulation":{"PaymentAuthenticationStatus":{"State":"Failure"},"State":"Declined"}}',
      ],
      [
        'an extra top-level key',
        '{"SandboxSimulation":{"PaymentAuthenticationStatus":{"State":"Failure"}},"x":1}',
      ],
      [
        'a status that is not an object',
        '{"SandboxSimulation":{"PaymentAuthenticationStatus":"Failure"}}',
      ],
      [
        'a status that is an array',
        '{"SandboxSimulation":{"PaymentAuthenticationStatus":["Failure"]}}',
      ],
      ['not JSON', 'SandboxSimulation: fail the authentication'],
      [
        'a decline string (it belongs in sellerAuthorizationNote)',
        '{"SandboxSimulation":{"State":"Declined","ReasonCode":"AmazonRejected"}}',
      ],
    ])('answers InvalidSandboxSimulationSpecified for %s', (_label, sellerNote) => {
      // Prepare
      const simulator = aSimulator();
      const billingAgreementId = setUpAgreement(simulator);

      // Act
      const response = simulator.answer(
        aSendRequest('Charge', withSellerNote(billingAgreementId, sellerNote)),
      );

      // Assess
      expect(errorOf(response)).toMatchObject({
        code: '400',
        errorCode: 'InvalidSandboxSimulationSpecified',
      });
      expect(simulator.authorizationCount()).toBe(0);
      expect(simulator.capturedTotalMinor('USD')).toBe(0);
    });

    it('answers InvalidSandboxSimulationSpecified for an SCA string in sellerAuthorizationNote', () => {
      // Prepare
      const simulator = aSimulator();
      const billingAgreementId = setUpAgreement(simulator);
      const payload = withAuthorize(billingAgreementId, {
        sellerAuthorizationNote: anAuthenticationSimulation('Failure'),
      });

      // Act
      const response = simulator.answer(aSendRequest('Charge', payload));

      // Assess
      expect(errorOf(response)).toMatchObject({ errorCode: 'InvalidSandboxSimulationSpecified' });
    });

    it.each<[string, Fields, SimulatorBehaviour, string]>([
      [
        'a failed authentication wins over a decline string (the challenge comes first)',
        {
          authorizeAttributes: anAuthorizeAttributes({
            sellerAuthorizationNote:
              '{"SandboxSimulation":{"State":"Declined","ReasonCode":"InvalidPaymentMethod"}}',
          }),
          sellerOrderAttributes: aSellerOrderAttributes({
            sellerNote: anAuthenticationSimulation('Failure'),
          }),
        },
        {},
        'PaymentAuthenticationFailed',
      ],
      [
        'a failed authentication wins over a declined switch',
        {
          sellerOrderAttributes: aSellerOrderAttributes({
            sellerNote: anAuthenticationSimulation('NotSupported'),
          }),
        },
        { charge: { kind: 'declined', reasonCode: 'AmazonRejected', form: 'state' } },
        'PaymentAuthenticationNotSupported',
      ],
      [
        'a failed authentication wins over a reasonCode switch',
        {
          sellerOrderAttributes: aSellerOrderAttributes({
            sellerNote: anAuthenticationSimulation('Abandoned'),
          }),
        },
        {
          charge: {
            kind: 'reasonCode',
            state: 'Closed',
            reasonCode: 'CertificationTestTransaction',
          },
        },
        'PaymentAuthenticationAbandoned',
      ],
      [
        'a forced error wins over a failed authentication',
        {
          sellerOrderAttributes: aSellerOrderAttributes({
            sellerNote: anAuthenticationSimulation('Failure'),
          }),
        },
        { charge: { kind: 'error', errorCode: 'ServiceUnavailable', statusCode: '503' } },
        'ServiceUnavailable',
      ],
      [
        'a decline string still declines after a Success authentication',
        {
          authorizeAttributes: anAuthorizeAttributes({
            sellerAuthorizationNote:
              '{"SandboxSimulation":{"State":"Declined","ReasonCode":"TransactionTimedOut"}}',
          }),
          sellerOrderAttributes: aSellerOrderAttributes({
            sellerNote: anAuthenticationSimulation('Success'),
          }),
        },
        {},
        'TransactionTimedOut',
      ],
    ])('%s', (_label, overrides, behaviour, errorCode) => {
      // Prepare
      const simulator = aSimulator();
      const billingAgreementId = setUpAgreement(simulator);

      // Act
      const response = simulator.answer(
        aSendRequest('Charge', chargeOn(billingAgreementId, overrides)),
        behaviour,
      );

      // Assess
      expect(errorOf(response).errorCode).toBe(errorCode);
      expect(response.status.code).not.toBe('200');
      expect(simulator.capturedTotalMinor('USD')).toBe(0);
    });

    it('honours the simulation on a SANDBOX agreement made under a live configuration', () => {
      // Prepare
      const simulator = aSimulator();
      const billingAgreementId = setUpAgreement(simulator, aLiveSetupPayload(), {
        setup: { kind: 'releaseEnvironment', releaseEnvironment: 'SANDBOX' },
      });

      // Act
      const response = simulator.answer(
        aSendRequest(
          'Charge',
          withSellerNote(billingAgreementId, anAuthenticationSimulation('Failure')),
        ),
      );

      // Assess
      expect(errorOf(response)).toMatchObject({
        code: '400',
        errorCode: 'PaymentAuthenticationFailed',
      });
    });
  });

  describe('SCA simulation strings on Setup (billingAgreementAttributes.sellerNote)', () => {
    it.each<[string, string]>([
      ['Failure', 'PaymentAuthenticationFailed'],
      ['Abandoned', 'PaymentAuthenticationAbandoned'],
      ['NotSupported', 'PaymentAuthenticationNotSupported'],
    ])(
      'answers a %s authentication of a MerchantInitiatedTransaction with 400 %s and no agreement',
      (state, errorCode) => {
        // Prepare
        const simulator = aSimulator();
        const payload = aMerchantInitiatedSetupPayload(anAuthenticationSimulation(state));

        // Act
        const response = simulator.answer(aSendRequest('Setup', payload, 'tok-sca'));

        // Assess
        expect(response).toMatchObject({
          name: 'Setup',
          token: 'tok-sca',
          status: { code: '400', message: errorCode },
        });
        expect(Object.keys(response.payload).sort()).toEqual(['errorCode', 'errorMessage']);
        expect(errorOf(response).errorCode).toBe(errorCode);
        expect(response.payload).not.toHaveProperty('billingAgreementDetails');
        expect(simulator.agreement('B02-ID0001-0000000')).toBeUndefined();
      },
    );

    it.each<[string, string]>([
      ['a Success authentication', anAuthenticationSimulation('Success')],
      ['a plain-text seller note', 'Your monthly coffee'],
    ])('creates an OPEN agreement for %s', (_label, sellerNote) => {
      // Prepare
      const simulator = aSimulator();

      // Act
      const response = simulator.answer(
        aSendRequest('Setup', aMerchantInitiatedSetupPayload(sellerNote)),
      );

      // Assess
      const details = setupResult(response).billingAgreementDetails;
      expect(details).toMatchObject({
        billingAgreementStatus: 'OPEN',
        releaseEnvironment: 'SANDBOX',
      });
      expect(simulator.agreement(details.billingAgreementId)?.status).toBe('OPEN');
    });

    it.each<[string, Fields, string]>([
      [
        'an SCA string on a live Setup',
        aMerchantInitiatedSetupPayload(anAuthenticationSimulation('Failure'), {
          sandboxMode: undefined,
          sandboxCustomerEmailId: undefined,
        }),
        'InvalidParameterValue',
      ],
      [
        'an SCA string for a CustomerInitiatedTransaction',
        aSetupPayload({
          billingAgreementAttributes: aBillingAgreementAttributes({
            billingAgreementType: 'CustomerInitiatedTransaction',
            sellerNote: anAuthenticationSimulation('Failure'),
          }),
        }),
        'InvalidSandboxSimulationSpecified',
      ],
      [
        'an SCA string without a billingAgreementType (CustomerInitiatedTransaction)',
        aSetupPayload({
          billingAgreementAttributes: aBillingAgreementAttributes({
            sellerNote: anAuthenticationSimulation('Abandoned'),
          }),
        }),
        'InvalidSandboxSimulationSpecified',
      ],
      [
        'an unknown state',
        aMerchantInitiatedSetupPayload(anAuthenticationSimulation('Declined')),
        'InvalidSandboxSimulationSpecified',
      ],
      [
        'an extra key',
        aMerchantInitiatedSetupPayload(
          '{"SandboxSimulation":{"PaymentAuthenticationStatus":{"State":"Failure","Delay":1}}}',
        ),
        'InvalidSandboxSimulationSpecified',
      ],
      [
        'a decline string',
        aMerchantInitiatedSetupPayload(
          '{"SandboxSimulation":{"State":"Declined","ReasonCode":"AmazonRejected"}}',
        ),
        'InvalidSandboxSimulationSpecified',
      ],
    ])('answers 400 %s with the right error and no agreement', (_label, payload, errorCode) => {
      // Prepare
      const simulator = aSimulator();

      // Act
      const response = simulator.answer(aSendRequest('Setup', payload));

      // Assess
      expect(errorOf(response)).toMatchObject({ code: '400', errorCode });
      expect(simulator.agreement('B02-ID0001-0000000')).toBeUndefined();
    });

    it('treats a plain-text seller note on a live Setup as text', () => {
      // Prepare
      const payload = aMerchantInitiatedSetupPayload('Your monthly coffee', {
        sandboxMode: undefined,
        sandboxCustomerEmailId: undefined,
      });

      // Act
      const response = aSimulator().answer(aSendRequest('Setup', payload));

      // Assess
      expect(setupResult(response).billingAgreementDetails.releaseEnvironment).toBe('LIVE');
    });

    it.each<[string, SimulatorBehaviour, Fields, string]>([
      [
        'a failed authentication wins over an agreementStatus switch',
        { setup: { kind: 'agreementStatus', status: 'SUSPENDED' } },
        aMerchantInitiatedSetupPayload(anAuthenticationSimulation('Failure')),
        'PaymentAuthenticationFailed',
      ],
      [
        'a failed authentication is honoured under a SANDBOX releaseEnvironment switch',
        { setup: { kind: 'releaseEnvironment', releaseEnvironment: 'SANDBOX' } },
        aMerchantInitiatedSetupPayload(anAuthenticationSimulation('NotSupported'), {
          sandboxMode: undefined,
          sandboxCustomerEmailId: undefined,
        }),
        'PaymentAuthenticationNotSupported',
      ],
      [
        'an SCA string is refused under a LIVE releaseEnvironment switch',
        { setup: { kind: 'releaseEnvironment', releaseEnvironment: 'LIVE' } },
        aMerchantInitiatedSetupPayload(anAuthenticationSimulation('Failure')),
        'InvalidParameterValue',
      ],
      [
        'a forced error wins over a failed authentication',
        { setup: { kind: 'error', errorCode: 'InvalidShippingAddress', statusCode: '400' } },
        aMerchantInitiatedSetupPayload(anAuthenticationSimulation('Failure')),
        'InvalidShippingAddress',
      ],
    ])('%s', (_label, behaviour, payload, errorCode) => {
      // Prepare
      const simulator = aSimulator();

      // Act
      const response = simulator.answer(aSendRequest('Setup', payload), behaviour);

      // Assess
      expect(errorOf(response).errorCode).toBe(errorCode);
      expect(simulator.agreement('B02-ID0001-0000000')).toBeUndefined();
    });
  });

  describe('agreement', () => {
    it('returns a snapshot that later changes do not alter', () => {
      // Prepare
      const simulator = aSimulator();
      const billingAgreementId = setUpAgreement(simulator);
      const before = simulator.agreement(billingAgreementId);

      // Act
      simulator.setAgreementStatus(billingAgreementId, 'CLOSED');

      // Assess
      expect(before?.status).toBe('OPEN');
      expect(simulator.agreement(billingAgreementId)?.status).toBe('CLOSED');
    });
  });

  describe('setAgreementStatus', () => {
    it('reopens a suspended agreement so that a new charge succeeds', () => {
      // Prepare
      const simulator = aSimulator();
      const billingAgreementId = setUpAgreement(simulator);
      simulator.answer(aSendRequest('Charge', chargeOn(billingAgreementId)), {
        charge: { kind: 'declined', reasonCode: 'InvalidPaymentMethod', form: 'error' },
      });

      // Act
      simulator.setAgreementStatus(billingAgreementId, 'OPEN');
      const retry = simulator.answer(
        aSendRequest(
          'Charge',
          withAuthorize(billingAgreementId, { authorizationReferenceId: 'order-0001-2' }),
        ),
      );

      // Assess
      expect(chargeResult(retry).authorizationDetails.authorizationStatus?.state).toBe('Closed');
      expect(simulator.authorizationCount()).toBe(2);
      expect(simulator.capturedTotalMinor('USD')).toBe(1999);
    });

    it('throws for an agreement it never created', () => {
      expect(() => aSimulator().setAgreementStatus('B02-none', 'OPEN')).toThrow(SimulatorError);
    });
  });

  describe('capturedTotalMinor', () => {
    it('sums each currency on its own', () => {
      // Prepare
      const simulator = aSimulator();
      const usAgreement = setUpAgreement(simulator);
      const ukAgreement = setUpAgreement(
        simulator,
        aSetupPayload({
          countryOfEstablishment: 'UK',
          ledgerCurrency: 'GBP',
          checkoutLanguage: 'en_GB',
        }),
      );

      // Act
      simulator.answer(aSendRequest('Charge', chargeOn(usAgreement)));
      simulator.answer(
        aSendRequest(
          'Charge',
          withAuthorize(ukAgreement, {
            authorizationReferenceId: 'order-0002-1',
            authorizationAmount: aPrice('150000.00', 'GBP'),
          }),
        ),
      );

      // Assess
      expect(simulator.capturedTotalMinor('USD')).toBe(1999);
      expect(simulator.capturedTotalMinor('GBP')).toBe(15_000_000);
      expect(simulator.capturedTotalMinor('EUR')).toBe(0);
    });
  });
});
