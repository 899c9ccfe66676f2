import {
  parseChargeResult,
  parseConnectionsResponse,
  parseSetupResult,
} from '../../../src/amazonpay/connectionsResponse';
import {
  aBillingAgreementDetails,
  aChargeResponse,
  aConnectionsResponse,
  aDestination,
  anAuthorizationDetails,
  anAuthorizationStatus,
  anErrorResponse,
  aSetupResponse,
  type Fields,
} from './factories';

const setupOf = (request: unknown) => parseSetupResult(parseConnectionsResponse(request));
const chargeOf = (request: unknown) => parseChargeResult(parseConnectionsResponse(request));

describe('connectionsResponse', () => {
  describe('parseConnectionsResponse', () => {
    it('reads name, token, status and payload of a Connections.Response', () => {
      // Prepare
      const request = aSetupResponse();

      // Act
      const parts = parseConnectionsResponse(request);

      // Assess
      expect(parts).toStrictEqual({
        name: 'Setup',
        token: 'tok-setup-0001',
        statusCode: '200',
        statusMessage: 'OK',
        payload: request['payload'],
      });
    });

    it.each([
      [200, '200'],
      [400, '400'],
    ])('reads the number code %p as the string %p', (code, expected) => {
      const parts = parseConnectionsResponse(aConnectionsResponse({ status: { code } }));

      expect(parts.statusCode).toBe(expected);
    });

    it.each<[string, Fields]>([
      ['a missing status', { status: undefined }],
      ['a status without code', { status: { message: 'OK' } }],
      ['a boolean code', { status: { code: true } }],
      ['a null code', { status: { code: null } }],
      ['a status that is a string', { status: '200' }],
    ])('has no status code for %s', (_name, overrides) => {
      const parts = parseConnectionsResponse(aConnectionsResponse(overrides));

      expect(parts.statusCode).toBeUndefined();
    });

    it.each([undefined, null, 'Connections.Response', 42, []])(
      'reads nothing from the non-object %p',
      (request) => {
        expect(parseConnectionsResponse(request)).toStrictEqual({
          name: undefined,
          token: undefined,
          statusCode: undefined,
          statusMessage: undefined,
          payload: undefined,
        });
      },
    );
  });

  describe('parseSetupResult', () => {
    it('reads an agreement with the country of its shipping address', () => {
      expect(setupOf(aSetupResponse())).toStrictEqual({
        kind: 'agreement',
        billingAgreementId: 'C01-0000000-FAKE0001',
        billingAgreementStatus: 'OPEN',
        releaseEnvironment: 'SANDBOX',
        hasDestination: true,
        destinationCountryCode: 'US',
        shippingAddress: {
          name: 'Test Buyer',
          addressLine1: '123 Example Street',
          city: 'Springfield',
          stateOrRegion: 'XX',
          postalCode: '00000',
          countryCode: 'US',
        },
      });
    });

    it('returns only the shipping fields of the destination: never its phone or the billing address', () => {
      // Prepare
      const request = aSetupResponse({
        destination: aDestination({ postalCode: '98765', phone: '555-0100' }),
        billingAddress: aDestination({ name: 'Billing Person', addressLine1: '9 Card Road' }),
      });

      // Act
      const result = setupOf(request);
      const serialised = JSON.stringify(result);

      // Assess
      expect(Object.keys(result).sort()).toEqual([
        'billingAgreementId',
        'billingAgreementStatus',
        'destinationCountryCode',
        'hasDestination',
        'kind',
        'releaseEnvironment',
        'shippingAddress',
      ]);
      for (const personal of ['555-0100', 'Billing Person', '9 Card Road']) {
        expect(serialised).not.toContain(personal);
      }
    });

    it.each<[string, Fields, boolean, string | undefined]>([
      ['no destination', { destination: undefined }, false, undefined],
      [
        'a destination without countryCode',
        { destination: aDestination({ countryCode: undefined }) },
        true,
        undefined,
      ],
      [
        'a destination that is not an object',
        { destination: '123 Example Street' },
        false,
        undefined,
      ],
      ['a UK destination', { destination: aDestination({ countryCode: 'GB' }) }, true, 'GB'],
    ])('reads %s', (_name, details, hasDestination, destinationCountryCode) => {
      expect(setupOf(aSetupResponse(details))).toMatchObject({
        kind: 'agreement',
        hasDestination,
        destinationCountryCode,
      });
    });

    it.each(['SUSPENDED', 'CLOSED', 'CANCELED', 'DRAFT'])(
      'reads the agreement status %s as it is',
      (billingAgreementStatus) => {
        expect(setupOf(aSetupResponse({ billingAgreementStatus }))).toMatchObject({
          kind: 'agreement',
          billingAgreementStatus,
        });
      },
    );

    it('reads a non-200 answer as an error with payload.errorCode', () => {
      expect(setupOf(anErrorResponse('Setup', '403', 'VoicePurchaseNotEnabled'))).toStrictEqual({
        kind: 'error',
        statusCode: '403',
        errorCode: 'VoicePurchaseNotEnabled',
      });
    });

    it('prefers payload.errorCode to status.message', () => {
      const request = anErrorResponse('Setup', '403', 'InvalidAccountStatus', {
        status: { code: '403', message: 'Forbidden' },
      });

      expect(setupOf(request)).toMatchObject({ errorCode: 'InvalidAccountStatus' });
    });

    it.each<[string, Fields]>([
      ['a payload without errorCode', { payload: { errorMessage: 'Throttled' } }],
      ['a missing payload', { payload: undefined }],
      ['a non-string errorCode', { payload: { errorCode: 429 } }],
      ['a payload that is a string', { payload: 'RequestThrottled' }],
    ])('falls back to status.message for %s', (_name, overrides) => {
      const request = anErrorResponse('Setup', '429', 'RequestThrottled', overrides);

      expect(setupOf(request)).toStrictEqual({
        kind: 'error',
        statusCode: '429',
        errorCode: 'RequestThrottled',
      });
    });

    it('has no error code when neither payload nor status carries one', () => {
      const request = aConnectionsResponse({ status: { code: '500' }, payload: undefined });

      expect(setupOf(request)).toStrictEqual({
        kind: 'error',
        statusCode: '500',
        errorCode: undefined,
      });
    });

    it('reads a status code of a number as an error too', () => {
      const request = anErrorResponse('Setup', '400', 'InvalidShippingAddress', {
        status: { code: 400, message: 'InvalidShippingAddress' },
      });

      expect(setupOf(request)).toMatchObject({ kind: 'error', statusCode: '400' });
    });

    it('calls an answer without status code malformed', () => {
      expect(setupOf(aConnectionsResponse({ status: undefined }))).toStrictEqual({
        kind: 'malformed',
        statusCode: undefined,
        problem: 'status.code is missing',
      });
    });

    it.each<[string, Fields, string]>([
      ['a missing payload', { payload: undefined }, 'billingAgreementId is missing'],
      [
        'a payload without billingAgreementDetails',
        { payload: {} },
        'billingAgreementId is missing',
      ],
      [
        'billingAgreementDetails that are a list',
        { payload: { billingAgreementDetails: [aBillingAgreementDetails()] } },
        'billingAgreementId is missing',
      ],
      [
        'a missing billingAgreementId',
        {
          payload: {
            billingAgreementDetails: aBillingAgreementDetails({ billingAgreementId: undefined }),
          },
        },
        'billingAgreementId is missing',
      ],
      [
        'an empty billingAgreementId',
        {
          payload: {
            billingAgreementDetails: aBillingAgreementDetails({ billingAgreementId: '' }),
          },
        },
        'billingAgreementId is missing',
      ],
      [
        'a missing billingAgreementStatus',
        {
          payload: {
            billingAgreementDetails: aBillingAgreementDetails({
              billingAgreementStatus: undefined,
            }),
          },
        },
        'billingAgreementStatus is missing',
      ],
      [
        'a missing releaseEnvironment',
        {
          payload: {
            billingAgreementDetails: aBillingAgreementDetails({ releaseEnvironment: undefined }),
          },
        },
        'releaseEnvironment is missing',
      ],
      [
        'a releaseEnvironment that is not a string',
        {
          payload: {
            billingAgreementDetails: aBillingAgreementDetails({ releaseEnvironment: true }),
          },
        },
        'releaseEnvironment is missing',
      ],
    ])('calls a 200 answer with %s malformed', (_name, overrides, problem) => {
      expect(setupOf(aConnectionsResponse(overrides))).toStrictEqual({
        kind: 'malformed',
        statusCode: '200',
        problem,
      });
    });
  });

  describe('parseChargeResult', () => {
    it('reads a captured authorization', () => {
      expect(chargeOf(aChargeResponse())).toStrictEqual({
        kind: 'authorization',
        amazonOrderReferenceId: 'S01-0000000-FAKE0002',
        amazonAuthorizationId: 'S01-0000000-FAKE0002-A000001',
        authorizationReferenceId: 'authref-test-0001',
        state: 'Closed',
        reasonCode: 'MaxCapturesProcessed',
        softDecline: false,
        captureNow: true,
        authorizationAmount: { amount: '19.99', currencyCode: 'USD' },
        capturedAmount: { amount: '19.99', currencyCode: 'USD' },
        captureIds: ['S01-0000000-FAKE0002-C000001'],
      });
    });

    it('reads state and reasonCode from authorizationDetails.authorizationStatus', () => {
      // Prepare
      const request = aChargeResponse({
        state: 'Closed',
        reasonCode: 'MaxCapturesProcessed',
        authorizationStatus: anAuthorizationStatus({
          state: 'Declined',
          reasonCode: 'InvalidPaymentMethod',
        }),
      });

      // Act
      const result = chargeOf(request);

      // Assess
      expect(result).toMatchObject({ state: 'Declined', reasonCode: 'InvalidPaymentMethod' });
    });

    it('ignores a reasonCode that sits only at authorizationDetails.reasonCode', () => {
      // Prepare
      const request = aChargeResponse({
        reasonCode: 'CertificationTestTransaction',
        authorizationStatus: anAuthorizationStatus({ reasonCode: undefined }),
      });

      // Act
      const result = chargeOf(request);

      // Assess
      expect(result).toMatchObject({ kind: 'authorization', state: 'Closed' });
      expect(result).toHaveProperty('reasonCode', undefined);
    });

    it('calls a state that sits only at authorizationDetails.state malformed', () => {
      const request = aChargeResponse({ state: 'Closed', authorizationStatus: undefined });

      expect(chargeOf(request)).toStrictEqual({
        kind: 'malformed',
        statusCode: '200',
        problem: 'authorizationDetails.authorizationStatus.state is missing',
      });
    });

    it.each<[string, Fields]>([
      ['a missing payload', { payload: undefined }],
      ['a payload without authorizationDetails', { payload: { amazonOrderReferenceId: 'S01-1' } }],
      [
        'a state that is not a string',
        {
          payload: {
            authorizationDetails: anAuthorizationDetails({
              authorizationStatus: anAuthorizationStatus({ state: 1 }),
            }),
          },
        },
      ],
    ])('calls a 200 answer with %s malformed', (_name, overrides) => {
      const request = aConnectionsResponse({ name: 'Charge', ...overrides });

      expect(chargeOf(request)).toMatchObject({ kind: 'malformed', statusCode: '200' });
    });

    it.each<[string, unknown, boolean]>([
      ['true', true, true],
      ['false', false, false],
      ['missing', undefined, false],
      ['the string "true"', 'true', false],
    ])('reads softDecline %s as %p', (_name, softDecline, expected) => {
      const result = chargeOf(
        aChargeResponse({
          softDecline,
          authorizationStatus: anAuthorizationStatus({
            state: 'Declined',
            reasonCode: 'InvalidPaymentMethod',
          }),
        }),
      );

      expect(result).toMatchObject({ kind: 'authorization', softDecline: expected });
    });

    it.each<[string, unknown, boolean | undefined]>([
      ['true', true, true],
      ['false', false, false],
      ['missing', undefined, undefined],
      ['a string', 'true', undefined],
    ])('reads captureNow %s as %p', (_name, captureNow, expected) => {
      expect(chargeOf(aChargeResponse({ captureNow }))).toHaveProperty('captureNow', expected);
    });

    it.each<[string, unknown]>([
      ['missing', undefined],
      ['without currencyCode', { amount: '19.99' }],
      ['without amount', { currencyCode: 'USD' }],
      ['with a number amount', { amount: 19.99, currencyCode: 'USD' }],
      ['a string', '19.99 USD'],
    ])('has no capturedAmount when it is %s', (_name, capturedAmount) => {
      expect(chargeOf(aChargeResponse({ capturedAmount }))).toHaveProperty(
        'capturedAmount',
        undefined,
      );
    });

    it.each<[string, unknown, ReadonlyArray<string>]>([
      ['missing', undefined, []],
      ['not a list', 'S01-0000000-FAKE0002-C000001', []],
      ['empty', [], []],
      [
        'two capture ids',
        ['S01-0000000-FAKE0002-C000001', 'S01-0000000-FAKE0002-C000002'],
        ['S01-0000000-FAKE0002-C000001', 'S01-0000000-FAKE0002-C000002'],
      ],
      [
        'entries that are no Amazon id',
        [42, '', ' S01-1', 'S01 1', '-S01', 'x'.repeat(65), 'S01-0000000-FAKE0002-C000001'],
        ['S01-0000000-FAKE0002-C000001'],
      ],
      [
        'more than ten ids',
        Array.from({ length: 12 }, (_, i) => `S01-0000000-FAKE0002-C00000${i}`),
        Array.from({ length: 10 }, (_, i) => `S01-0000000-FAKE0002-C00000${i}`),
      ],
    ])('reads the capture ids of an idList %s', (_name, idList, expected) => {
      expect(chargeOf(aChargeResponse({ idList }))).toHaveProperty('captureIds', expected);
    });

    it('reads a yen amount as Amazon wrote it', () => {
      const request = aChargeResponse({
        authorizationAmount: { amount: '5480', currencyCode: 'JPY' },
        capturedAmount: { amount: '5480', currencyCode: 'JPY' },
      });

      expect(chargeOf(request)).toMatchObject({
        authorizationAmount: { amount: '5480', currencyCode: 'JPY' },
        capturedAmount: { amount: '5480', currencyCode: 'JPY' },
      });
    });

    it('leaves out ids that Amazon did not send', () => {
      // Prepare
      const request = aChargeResponse({
        amazonAuthorizationId: undefined,
        authorizationReferenceId: undefined,
      });
      delete (request['payload'] as Fields)['amazonOrderReferenceId'];

      // Act
      const result = chargeOf(request);

      // Assess
      expect(result).toMatchObject({
        kind: 'authorization',
        amazonOrderReferenceId: undefined,
        amazonAuthorizationId: undefined,
        authorizationReferenceId: undefined,
      });
    });

    it.each([
      ['400', 'InvalidPaymentMethod'],
      ['400', 'DuplicateRequest'],
      ['403', 'ACCESS_DENIED'],
      ['429', 'RequestThrottled'],
      ['500', 'InternalServerError'],
    ])('reads a %s answer as the error %s', (statusCode, errorCode) => {
      expect(chargeOf(anErrorResponse('Charge', statusCode, errorCode))).toStrictEqual({
        kind: 'error',
        statusCode,
        errorCode,
      });
    });

    it('falls back to status.message when the error payload is missing', () => {
      const request = anErrorResponse('Charge', '400', 'AmazonRejected', { payload: undefined });

      expect(chargeOf(request)).toStrictEqual({
        kind: 'error',
        statusCode: '400',
        errorCode: 'AmazonRejected',
      });
    });

    it('calls an answer without status code malformed', () => {
      expect(chargeOf({ ...aChargeResponse(), status: undefined })).toStrictEqual({
        kind: 'malformed',
        statusCode: undefined,
        problem: 'status.code is missing',
      });
    });
  });
});
