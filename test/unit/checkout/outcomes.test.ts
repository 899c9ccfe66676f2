import {
  parseChargeResult,
  parseConnectionsResponse,
  parseSetupResult,
  type ChargeResult,
  type SetupResult,
} from '../../../src/amazonpay/connectionsResponse';
import {
  CAPTURED_REASON,
  CERTIFICATION_TEST_REASON,
  classifyChargeResult,
  classifySetupResult,
  type ChargeExpectation,
} from '../../../src/checkout/outcomes';
import { findRowById, type OutcomeRow } from '../../../src/checkout/outcomeTable';
import {
  AUTHORIZATION_STATES,
  BILLING_AGREEMENT_STATUSES,
  CAPTURED_REASON_CODE,
  CERTIFICATION_TEST_TRANSACTION,
  CHARGE_ERROR_CODES,
  DECLINE_REASONS,
  INVALID_SANDBOX_SIMULATION_SPECIFIED,
  SETUP_ERROR_CODES,
  SETUP_ERROR_HTTP_CODES,
  SETUP_ERRORS_HANDLED_BY_AMAZON,
  SETUP_ONLY_INTEGRATION_ERRORS,
} from '../../fixtures/protocolCodes';

type Authorization = Extract<ChargeResult, { kind: 'authorization' }>;
type Agreement = Extract<SetupResult, { kind: 'agreement' }>;
type Environment = 'LIVE' | 'SANDBOX';

const REFERENCE_ID = '01JEXAMPLE0000000000000001-1';
const AGREEMENT_ID = 'B02-1234567-1234567';

/** The row with this id; fails the test at once if the table has none. */
function rowWithId(id: string): OutcomeRow {
  const row = findRowById(id);
  if (row === undefined) throw new Error(`no row with id ${id}`);
  return row;
}

/** A Setup result with an OPEN live agreement. */
function anAgreement(overrides: Partial<Agreement> = {}): SetupResult {
  return {
    kind: 'agreement',
    billingAgreementId: AGREEMENT_ID,
    billingAgreementStatus: 'OPEN',
    releaseEnvironment: 'LIVE',
    hasDestination: true,
    destinationCountryCode: 'US',
    ...overrides,
  };
}

/** A Setup or Charge error result. */
function anError(errorCode: string | undefined, statusCode = '400') {
  return { kind: 'error', statusCode, errorCode } as const;
}

/** A malformed Setup or Charge result. */
function aMalformed() {
  return { kind: 'malformed', statusCode: '200', problem: 'something is missing' } as const;
}

/** A Charge result of a captured AuthorizeAndCapture of 34.97 USD with our reference id. */
function anAuthorization(overrides: Partial<Authorization> = {}): ChargeResult {
  return {
    kind: 'authorization',
    amazonOrderReferenceId: 'S01-0000000-0000001',
    amazonAuthorizationId: 'S01-0000000-0000001-A000001',
    authorizationReferenceId: REFERENCE_ID,
    state: 'Closed',
    reasonCode: CAPTURED_REASON_CODE,
    softDecline: false,
    captureNow: true,
    authorizationAmount: { amount: '34.97', currencyCode: 'USD' },
    capturedAmount: { amount: '34.97', currencyCode: 'USD' },
    captureIds: ['S01-0000000-0000001-C000001'],
    ...overrides,
  };
}

/** A Charge result in a state other than a capture: nothing captured. */
const inState = (state: string, reasonCode: string | undefined) =>
  anAuthorization({ state, reasonCode, capturedAmount: undefined });

/** What an order of 34.97 USD expects, unless overridden. */
function anExpectation(overrides: Partial<ChargeExpectation> = {}): ChargeExpectation {
  return {
    authorizationReferenceId: REFERENCE_ID,
    totalMinor: 3497,
    currency: 'USD',
    ...overrides,
  };
}

/** The `request` of a Setup Connections.Response with an agreement. */
function aSetupEnvelope(details: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'Connections.Response',
    requestId: 'amzn1.echo-api.request.1',
    name: 'Setup',
    token: 'ORDER-1',
    status: { code: '200', message: 'OK' },
    payload: {
      billingAgreementDetails: {
        billingAgreementId: AGREEMENT_ID,
        creationTimestamp: '2018-09-19T13:31:26.439Z',
        checkoutLanguage: 'en_US',
        releaseEnvironment: 'LIVE',
        billingAgreementStatus: 'OPEN',
        destination: { name: 'A Shopper', addressLine1: '1 Main St', countryCode: 'US' },
        ...details,
      },
    },
  };
}

/** The `request` of a Charge Connections.Response with a captured authorization. */
function aChargeEnvelope(
  authorizationStatus: Record<string, unknown> = {
    state: 'Closed',
    reasonCode: 'MaxCapturesProcessed',
  },
  details: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    type: 'Connections.Response',
    requestId: 'amzn1.echo-api.request.2',
    name: 'Charge',
    token: 'ORDER-1',
    status: { code: '200', message: 'OK' },
    payload: {
      amazonOrderReferenceId: 'S02-0000000-0000001',
      authorizationDetails: {
        amazonAuthorizationId: 'S02-0000000-0000001-A000001',
        authorizationReferenceId: REFERENCE_ID,
        authorizationAmount: { amount: '34.97', currencyCode: 'USD' },
        capturedAmount: { amount: '34.97', currencyCode: 'USD' },
        idList: ['S02-0000000-0000001-C000001'],
        authorizationStatus,
        softDecline: false,
        captureNow: true,
        ...details,
      },
    },
  };
}

/** The `request` of an error answer; `payload` undefined leaves it out. */
function anErrorEnvelope(
  name: 'Setup' | 'Charge',
  status: Record<string, unknown>,
  payload?: Record<string, unknown>,
): Record<string, unknown> {
  return {
    type: 'Connections.Response',
    requestId: 'amzn1.echo-api.request.3',
    name,
    token: 'ORDER-1',
    status,
    ...(payload !== undefined && { payload }),
  };
}

const setupOf = (request: unknown) => parseSetupResult(parseConnectionsResponse(request));
const chargeOf = (request: unknown) => parseChargeResult(parseConnectionsResponse(request));

/** Codes nobody has documented, and codes that only look like documented ones. */
const UNKNOWN_CODES = [
  'SomethingNew',
  'access_denied',
  'voicePurchaseNotEnabled',
  'INVALIDPAYMENTMETHOD',
  '',
  'toString',
  'constructor',
  '__proto__',
  'hasOwnProperty',
  '*',
];

/** Setup rows for codes the page does not name for Setup (the project's readings, 5.4 and 5.6). */
const PROJECT_SETUP_ERROR_CODES = [
  'PaymentAuthenticationFailed',
  'PaymentAuthenticationAbandoned',
  'PaymentAuthenticationNotSupported',
  'InternalServerError',
  'ServiceUnavailable',
  INVALID_SANDBOX_SIMULATION_SPECIFIED,
];

/** Charge rows for codes the page does not name for Charge (the project's readings, 5.6). */
const PROJECT_CHARGE_ERROR_CODES = [
  'PaymentAuthenticationFailed',
  'PaymentAuthenticationAbandoned',
  'PaymentAuthenticationNotSupported',
  'UnsupportedClientPlatform',
  INVALID_SANDBOX_SIMULATION_SPECIFIED,
];

describe('outcomes', () => {
  describe('constants', () => {
    it('spells the reason codes as the protocol page does', () => {
      expect(CERTIFICATION_TEST_REASON).toBe(CERTIFICATION_TEST_TRANSACTION);
      expect(CAPTURED_REASON).toBe(CAPTURED_REASON_CODE);
    });
  });

  describe('classifySetupResult', () => {
    it.each<[Environment]>([['LIVE'], ['SANDBOX']])(
      'lets the Charge go ahead for an OPEN agreement of the expected environment %s',
      (environment) => {
        expect(
          classifySetupResult(anAgreement({ releaseEnvironment: environment }), environment),
        ).toStrictEqual({
          row: rowWithId('Setup:agreement:OPEN'),
          billingAgreementId: AGREEMENT_ID,
        });
      },
    );

    it.each(BILLING_AGREEMENT_STATUSES.filter((status) => status !== 'OPEN'))(
      'does not charge an agreement in status %s',
      (billingAgreementStatus) => {
        expect(classifySetupResult(anAgreement({ billingAgreementStatus }), 'LIVE')).toStrictEqual({
          row: rowWithId(`Setup:agreement:${billingAgreementStatus}`),
          code: billingAgreementStatus,
        });
      },
    );

    it.each(['open', 'Open', '', 'ACTIVE', 'Unknown', '__proto__', 'toString', 'constructor'])(
      'does not charge an agreement in the unknown status %p',
      (billingAgreementStatus) => {
        expect(classifySetupResult(anAgreement({ billingAgreementStatus }), 'LIVE')).toStrictEqual({
          row: rowWithId('Setup:agreement:Unknown'),
          code: billingAgreementStatus,
        });
      },
    );

    it.each<[string, Environment, string, string]>(
      BILLING_AGREEMENT_STATUSES.flatMap((status): Array<[string, Environment, string, string]> => [
        [status, 'LIVE', 'SANDBOX', 'Setup:environment:SandboxUnderLive'],
        [status, 'SANDBOX', 'LIVE', 'Setup:environment:LiveUnderSandbox'],
      ]),
    )(
      'checks the environment before the status %s: under %s, a %s agreement',
      (billingAgreementStatus, expected, releaseEnvironment, id) => {
        expect(
          classifySetupResult(
            anAgreement({ billingAgreementStatus, releaseEnvironment }),
            expected,
          ),
        ).toStrictEqual({ row: rowWithId(id), code: releaseEnvironment });
      },
    );

    it.each<[Environment, string, string]>([
      ['LIVE', 'live', 'Setup:environment:SandboxUnderLive'],
      ['LIVE', 'PREPROD', 'Setup:environment:SandboxUnderLive'],
      ['SANDBOX', 'sandbox', 'Setup:environment:LiveUnderSandbox'],
      ['SANDBOX', '', 'Setup:environment:LiveUnderSandbox'],
    ])('never charges under %s an agreement of the environment %p', (expected, env, id) => {
      expect(classifySetupResult(anAgreement({ releaseEnvironment: env }), expected)).toStrictEqual(
        { row: rowWithId(id), code: env },
      );
    });

    it.each(SETUP_ERROR_CODES)('gives the Setup error %s its row', (code) => {
      expect(classifySetupResult(anError(code), 'LIVE')).toStrictEqual({
        row: rowWithId(`Setup:error:${code}`),
        code,
      });
    });

    it.each(PROJECT_SETUP_ERROR_CODES)('gives the Setup error %s its row', (code) => {
      expect(classifySetupResult(anError(code, '500'), 'SANDBOX')).toStrictEqual({
        row: rowWithId(`Setup:error:${code}`),
        code,
      });
    });

    it.each([
      ...UNKNOWN_CODES,
      ...DECLINE_REASONS,
      CERTIFICATION_TEST_TRANSACTION,
      CAPTURED_REASON_CODE,
      'InvalidBillingAgreementId',
      'BillingAgreementNotFound',
      'DuplicateRequest',
    ])('fails safely on the code %p that Setup does not know, keeping it for the log', (code) => {
      expect(classifySetupResult(anError(code), 'LIVE')).toStrictEqual({
        row: rowWithId('Setup:error:*'),
        code,
      });
    });

    it('fails safely on an error without a code', () => {
      expect(classifySetupResult(anError(undefined, '500'), 'LIVE')).toStrictEqual({
        row: rowWithId('Setup:error:*'),
      });
    });

    it('fails safely on a malformed answer', () => {
      expect(classifySetupResult(aMalformed(), 'LIVE')).toStrictEqual({
        row: rowWithId('Setup:malformed:*'),
      });
    });

    it('hands the agreement id out only with the approved Setup', () => {
      // Prepare
      const results: ReadonlyArray<SetupResult> = [
        anAgreement(),
        ...BILLING_AGREEMENT_STATUSES.map((billingAgreementStatus) =>
          anAgreement({ billingAgreementStatus }),
        ),
        anAgreement({ releaseEnvironment: 'SANDBOX' }),
        anError('InvalidShippingAddress'),
        anError(undefined),
        aMalformed(),
      ];

      // Act
      const withId = results
        .map((result) => classifySetupResult(result, 'LIVE'))
        .filter((classified) => 'billingAgreementId' in classified);

      // Assess
      expect(withId).toHaveLength(2);
      expect(withId.map((classified) => classified.row.id)).toEqual([
        'Setup:agreement:OPEN',
        'Setup:agreement:OPEN',
      ]);
    });

    describe('with answers read from Connections.Response requests', () => {
      it.each<[string, unknown, Environment, string, Record<string, unknown>]>([
        [
          'an OPEN live agreement',
          aSetupEnvelope(),
          'LIVE',
          'Setup:agreement:OPEN',
          {
            billingAgreementId: AGREEMENT_ID,
            shippingAddress: { name: 'A Shopper', addressLine1: '1 Main St', countryCode: 'US' },
          },
        ],
        [
          'an OPEN sandbox agreement under a live configuration',
          aSetupEnvelope({ releaseEnvironment: 'SANDBOX' }),
          'LIVE',
          'Setup:environment:SandboxUnderLive',
          { code: 'SANDBOX' },
        ],
        [
          'a SUSPENDED agreement',
          aSetupEnvelope({ billingAgreementStatus: 'SUSPENDED' }),
          'LIVE',
          'Setup:agreement:SUSPENDED',
          { code: 'SUSPENDED' },
        ],
        [
          'a 200 answer without billingAgreementDetails',
          { ...aSetupEnvelope(), payload: {} },
          'LIVE',
          'Setup:malformed:*',
          {},
        ],
        [
          'an answer without a status code',
          { ...aSetupEnvelope(), status: { message: 'OK' } },
          'LIVE',
          'Setup:malformed:*',
          {},
        ],
        [
          'an error whose payload says nothing, with the code in status.message',
          anErrorEnvelope('Setup', { code: '429', message: 'RequestThrottled' }),
          'LIVE',
          'Setup:error:RequestThrottled',
          { code: 'RequestThrottled' },
        ],
        [
          'an error whose payload.errorCode disagrees with status.message',
          anErrorEnvelope(
            'Setup',
            { code: '403', message: 'Forbidden' },
            { errorCode: 'ACCESS_DENIED', errorMessage: 'no consent' },
          ),
          'SANDBOX',
          'Setup:error:ACCESS_DENIED',
          { code: 'ACCESS_DENIED' },
        ],
        [
          'an error without any code',
          anErrorEnvelope('Setup', { code: '500' }),
          'LIVE',
          'Setup:error:*',
          {},
        ],
      ])('classifies %s', (_name, request, expected, id, extra) => {
        expect(classifySetupResult(setupOf(request), expected)).toStrictEqual({
          row: rowWithId(id),
          ...extra,
        });
      });

      it.each(SETUP_ERRORS_HANDLED_BY_AMAZON)(
        'classifies the 5.1 error %s with its HTTP code as spoken by Amazon',
        (code) => {
          // Prepare
          const request = anErrorEnvelope(
            'Setup',
            { code: SETUP_ERROR_HTTP_CODES[code], message: code },
            { errorCode: code, errorMessage: `simulated ${code}` },
          );

          // Act
          const classified = classifySetupResult(setupOf(request), 'LIVE');

          // Assess
          expect(classified).toStrictEqual({ row: rowWithId(`Setup:error:${code}`), code });
          expect(classified.row.amazonSpoke).toBe(true);
        },
      );
    });
  });

  describe('classifyChargeResult', () => {
    it.each<[string, Partial<Authorization>, Partial<ChargeExpectation>]>([
      ['a Closed authorization with MaxCapturesProcessed', {}, {}],
      ['a Closed authorization without a reason code', { reasonCode: undefined }, {}],
      [
        'a captured yen charge',
        { capturedAmount: { amount: '5480', currencyCode: 'JPY' } },
        { totalMinor: 5480, currency: 'JPY' },
      ],
      [
        'an amount echoed with fewer decimals',
        { capturedAmount: { amount: '6', currencyCode: 'EUR' } },
        { totalMinor: 600, currency: 'EUR' },
      ],
    ])('pays %s', (_name, overrides, expected) => {
      expect(
        classifyChargeResult(anAuthorization(overrides), anExpectation(expected)),
      ).toStrictEqual({ row: rowWithId('Charge:approved:MaxCapturesProcessed') });
    });

    it.each<[string, ChargeResult]>([
      ['a Closed authorization', anAuthorization({ reasonCode: CERTIFICATION_TEST_REASON })],
      ['an Open authorization', inState('Open', CERTIFICATION_TEST_REASON)],
      ['a Declined authorization', inState('Declined', CERTIFICATION_TEST_REASON)],
      ['a Pending authorization', inState('Pending', CERTIFICATION_TEST_REASON)],
      ['an unknown state', inState('closed', CERTIFICATION_TEST_REASON)],
      [
        'a Closed authorization of another amount',
        anAuthorization({
          reasonCode: CERTIFICATION_TEST_REASON,
          capturedAmount: { amount: '0.01', currencyCode: 'USD' },
        }),
      ],
      [
        'a Closed authorization of another reference id',
        anAuthorization({
          reasonCode: CERTIFICATION_TEST_REASON,
          authorizationReferenceId: 'SOMEONE-ELSE-1',
        }),
      ],
    ])('marks CertificationTestTransaction on %s as a certification test', (_name, result) => {
      expect(classifyChargeResult(result, anExpectation())).toStrictEqual({
        row: rowWithId('Charge:approved:CertificationTestTransaction'),
        code: CERTIFICATION_TEST_TRANSACTION,
      });
    });

    it.each(['400', '403'])(
      'marks CertificationTestTransaction as the error code of a %s answer as a certification test',
      (statusCode) => {
        expect(
          classifyChargeResult(anError(CERTIFICATION_TEST_REASON, statusCode), anExpectation()),
        ).toStrictEqual({
          row: rowWithId('Charge:error:CertificationTestTransaction'),
          code: CERTIFICATION_TEST_TRANSACTION,
        });
      },
    );

    it.each(DECLINE_REASONS)('declines %s in the 200 form (state Declined)', (reason) => {
      expect(classifyChargeResult(inState('Declined', reason), anExpectation())).toStrictEqual({
        row: rowWithId(`Charge:declined:${reason}`),
        code: reason,
      });
    });

    it.each(DECLINE_REASONS)('declines %s in the error form (errorCode)', (reason) => {
      expect(classifyChargeResult(anError(reason), anExpectation())).toStrictEqual({
        row: rowWithId(`Charge:error:${reason}`),
        code: reason,
      });
    });

    it('declines a soft decline as its reason says', () => {
      // Prepare
      const result = anAuthorization({
        state: 'Declined',
        reasonCode: 'InvalidPaymentMethod',
        softDecline: true,
        capturedAmount: undefined,
      });

      // Act
      const classified = classifyChargeResult(result, anExpectation());

      // Assess
      expect(classified).toStrictEqual({
        row: rowWithId('Charge:declined:InvalidPaymentMethod'),
        code: 'InvalidPaymentMethod',
      });
    });

    it.each([
      'BrandNewReason',
      CAPTURED_REASON_CODE,
      'ACCESS_DENIED',
      '',
      'toString',
      '__proto__',
      'constructor',
    ])('declines a Declined state with the unknown reason %p, keeping it', (reasonCode) => {
      expect(classifyChargeResult(inState('Declined', reasonCode), anExpectation())).toStrictEqual({
        row: rowWithId('Charge:state:DeclinedUnknownReason'),
        code: reasonCode,
      });
    });

    it('declines a Declined state without a reason', () => {
      expect(classifyChargeResult(inState('Declined', undefined), anExpectation())).toStrictEqual({
        row: rowWithId('Charge:state:DeclinedUnknownReason'),
      });
    });

    it.each<[string, string | undefined, Record<string, string>]>([
      ['Open', undefined, {}],
      ['Open', CAPTURED_REASON_CODE, { code: CAPTURED_REASON_CODE }],
      ['Open', 'Whatever', { code: 'Whatever' }],
      ['Pending', undefined, {}],
      ['Pending', 'Whatever', { code: 'Whatever' }],
    ])('holds the state %s with the reason %p for review', (state, reasonCode, extra) => {
      expect(classifyChargeResult(inState(state, reasonCode), anExpectation())).toStrictEqual({
        row: rowWithId(`Charge:state:${state}`),
        ...extra,
      });
    });

    it.each(['AmazonClosed', 'ExpiredUnused', 'Whatever', '', 'toString'])(
      'holds a Closed authorization with the unknown reason %p for review',
      (reasonCode) => {
        expect(
          classifyChargeResult(anAuthorization({ reasonCode }), anExpectation()),
        ).toStrictEqual({ row: rowWithId('Charge:state:ClosedUnknownReason'), code: reasonCode });
      },
    );

    it.each(['closed', 'CLOSED', 'Completed', '', 'Authorized', '__proto__'])(
      'holds the unknown state %p for review',
      (state) => {
        expect(classifyChargeResult(anAuthorization({ state }), anExpectation())).toStrictEqual({
          row: rowWithId('Charge:state:Unknown'),
          code: state,
        });
      },
    );

    it('keeps at most 64 characters of an unknown state for the log', () => {
      // Prepare
      const state = 'X'.repeat(100);

      // Act
      const classified = classifyChargeResult(anAuthorization({ state }), anExpectation());

      // Assess
      expect(classified).toStrictEqual({
        row: rowWithId('Charge:state:Unknown'),
        code: 'X'.repeat(64),
      });
    });

    it.each<[string, string | undefined]>([
      ['another reference id', 'SOMEONE-ELSE-1'],
      ['the reference id of an earlier attempt', `${REFERENCE_ID.slice(0, -1)}0`],
      ['no reference id', undefined],
    ])('holds a capture with %s for review', (_name, authorizationReferenceId) => {
      expect(
        classifyChargeResult(anAuthorization({ authorizationReferenceId }), anExpectation()),
      ).toStrictEqual({ row: rowWithId('Charge:state:ReferenceMismatch') });
    });

    it('reports the reference before the amount', () => {
      // Prepare
      const result = anAuthorization({
        authorizationReferenceId: 'SOMEONE-ELSE-1',
        capturedAmount: { amount: '0.01', currencyCode: 'USD' },
      });

      // Act
      const classified = classifyChargeResult(result, anExpectation());

      // Assess
      expect(classified.row.id).toBe('Charge:state:ReferenceMismatch');
    });

    it('reports an unknown reason before the reference', () => {
      // Prepare
      const result = anAuthorization({
        reasonCode: 'AmazonClosed',
        authorizationReferenceId: 'SOMEONE-ELSE-1',
      });

      // Act
      const classified = classifyChargeResult(result, anExpectation());

      // Assess
      expect(classified.row.id).toBe('Charge:state:ClosedUnknownReason');
    });

    it.each<[string, Authorization['capturedAmount'], Partial<ChargeExpectation>]>([
      ['a smaller amount', { amount: '34.96', currencyCode: 'USD' }, {}],
      ['a larger amount', { amount: '349.70', currencyCode: 'USD' }, {}],
      ['an amount in another currency', { amount: '34.97', currencyCode: 'EUR' }, {}],
      ['an amount in lower-case currency', { amount: '34.97', currencyCode: 'usd' }, {}],
      ['an amount with too many decimals', { amount: '34.970', currencyCode: 'USD' }, {}],
      ['an unparseable amount', { amount: 'lots', currencyCode: 'USD' }, {}],
      ['a negative amount', { amount: '-34.97', currencyCode: 'USD' }, {}],
      ['an empty amount', { amount: '', currencyCode: 'USD' }, {}],
      ['no captured amount', undefined, {}],
      [
        'an amount in a currency Amazon Pay does not use',
        { amount: '34.97', currencyCode: 'CHF' },
        { currency: 'CHF' },
      ],
    ])('holds a capture of %s for review', (_name, capturedAmount, expected) => {
      expect(
        classifyChargeResult(anAuthorization({ capturedAmount }), anExpectation(expected)),
      ).toStrictEqual({ row: rowWithId('Charge:state:AmountMismatch') });
    });

    it.each(CHARGE_ERROR_CODES.filter((code) => code !== CERTIFICATION_TEST_TRANSACTION))(
      'gives the Charge error %s its row',
      (code) => {
        expect(classifyChargeResult(anError(code), anExpectation())).toStrictEqual({
          row: rowWithId(`Charge:error:${code}`),
          code,
        });
      },
    );

    it.each(PROJECT_CHARGE_ERROR_CODES)('gives the Charge error %s its row', (code) => {
      expect(classifyChargeResult(anError(code, '403'), anExpectation())).toStrictEqual({
        row: rowWithId(`Charge:error:${code}`),
        code,
      });
    });

    it.each([
      ...UNKNOWN_CODES,
      ...SETUP_ONLY_INTEGRATION_ERRORS,
      'InvalidShippingAddress',
      'InvalidAccountStatus',
      'InvalidMerchantAccountStatus',
      CAPTURED_REASON_CODE,
    ])('fails safely on the code %p that Charge does not know, keeping it for the log', (code) => {
      expect(classifyChargeResult(anError(code), anExpectation())).toStrictEqual({
        row: rowWithId('Charge:error:*'),
        code,
      });
    });

    it('fails safely on an error without a code', () => {
      expect(classifyChargeResult(anError(undefined, '500'), anExpectation())).toStrictEqual({
        row: rowWithId('Charge:error:*'),
      });
    });

    it('fails safely on a malformed answer', () => {
      expect(classifyChargeResult(aMalformed(), anExpectation())).toStrictEqual({
        row: rowWithId('Charge:malformed:*'),
      });
    });

    it.each(AUTHORIZATION_STATES)('never fulfils the state %s without a capture', (state) => {
      expect(classifyChargeResult(inState(state, undefined), anExpectation()).row.fulfil).toBe(
        false,
      );
    });

    describe('with answers read from Connections.Response requests', () => {
      it.each<[string, unknown, string, Record<string, string>]>([
        ['a captured charge', aChargeEnvelope(), 'Charge:approved:MaxCapturesProcessed', {}],
        [
          'a captured charge with a numeric status code',
          { ...aChargeEnvelope(), status: { code: 200, message: 'OK' } },
          'Charge:approved:MaxCapturesProcessed',
          {},
        ],
        [
          'a certification test',
          aChargeEnvelope({ state: 'Closed', reasonCode: CERTIFICATION_TEST_REASON }),
          'Charge:approved:CertificationTestTransaction',
          { code: CERTIFICATION_TEST_REASON },
        ],
        [
          'a decline in the 200 form',
          aChargeEnvelope(
            { state: 'Declined', reasonCode: 'AmazonRejected' },
            { capturedAmount: undefined },
          ),
          'Charge:declined:AmazonRejected',
          { code: 'AmazonRejected' },
        ],
        [
          'a reason at the wrong path (authorizationDetails.reasonCode), which is not read',
          aChargeEnvelope({ state: 'Closed' }, { reasonCode: CERTIFICATION_TEST_REASON }),
          'Charge:approved:MaxCapturesProcessed',
          {},
        ],
        [
          'a state only at the wrong path (authorizationDetails.state)',
          aChargeEnvelope({}, { state: 'Closed' }),
          'Charge:malformed:*',
          {},
        ],
        [
          'the 400 decline of the GIST',
          anErrorEnvelope(
            'Charge',
            { code: '400', message: 'InvalidPaymentMethod' },
            {
              errorCode: 'InvalidPaymentMethod',
              errorMessage: "The payment method specified in the user's account is declined.",
            },
          ),
          'Charge:error:InvalidPaymentMethod',
          { code: 'InvalidPaymentMethod' },
        ],
        [
          'a decline with the code in status.message only',
          anErrorEnvelope('Charge', { code: '400', message: 'TransactionTimedOut' }),
          'Charge:error:TransactionTimedOut',
          { code: 'TransactionTimedOut' },
        ],
        [
          'a certification test as the error code',
          anErrorEnvelope(
            'Charge',
            { code: '400', message: 'Bad Request' },
            { errorCode: CERTIFICATION_TEST_REASON, errorMessage: 'certification' },
          ),
          'Charge:error:CertificationTestTransaction',
          { code: CERTIFICATION_TEST_REASON },
        ],
        [
          'a 500 answer',
          anErrorEnvelope('Charge', { code: '500', message: 'InternalServerError' }, {}),
          'Charge:error:InternalServerError',
          { code: 'InternalServerError' },
        ],
        [
          'an unknown error code',
          anErrorEnvelope('Charge', { code: '400' }, { errorCode: 'SomethingNew' }),
          'Charge:error:*',
          { code: 'SomethingNew' },
        ],
        [
          'an error without any code',
          anErrorEnvelope('Charge', { code: '503' }),
          'Charge:error:*',
          {},
        ],
      ])('classifies %s', (_name, request, id, extra) => {
        expect(classifyChargeResult(chargeOf(request), anExpectation())).toStrictEqual({
          row: rowWithId(id),
          ...extra,
        });
      });
    });
  });
});
