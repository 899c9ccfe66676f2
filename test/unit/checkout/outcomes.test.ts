import type { ChargeResult, SetupResult } from '../../../src/amazonpay/connectionsResponse';
import { OrderStatus } from '../../../src/checkout/OrderStatus';
import {
  CERTIFICATION_TEST_REASON,
  classifyChargeResult,
  classifySetupResult,
  DECLINE_REASONS,
  PERMISSION_ERROR_CODES,
  SETUP_ERRORS_SPOKEN_BY_AMAZON,
  toChargeStatus,
  type ChargeExpectation,
  type ChargeOutcome,
} from '../../../src/checkout/outcomes';

type Authorization = Extract<ChargeResult, { kind: 'authorization' }>;
type Agreement = Extract<SetupResult, { kind: 'agreement' }>;

const REFERENCE_ID = '01JEXAMPLE0000000000000001-1';

/** A Setup result with an OPEN live agreement. */
function anAgreement(overrides: Partial<Agreement> = {}): SetupResult {
  return {
    kind: 'agreement',
    billingAgreementId: 'B02-1234567-1234567',
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
    reasonCode: 'MaxCapturesProcessed',
    softDecline: false,
    captureNow: true,
    authorizationAmount: { amount: '34.97', currencyCode: 'USD' },
    capturedAmount: { amount: '34.97', currencyCode: 'USD' },
    ...overrides,
  };
}

/** What an order of 34.97 USD expects, unless overridden. */
function anExpectation(overrides: Partial<ChargeExpectation> = {}): ChargeExpectation {
  return {
    authorizationReferenceId: REFERENCE_ID,
    totalMinor: 3497,
    currency: 'USD',
    ...overrides,
  };
}

const declined = (state: string, reasonCode: string | undefined) =>
  anAuthorization({ state, reasonCode, capturedAmount: undefined });

/** Protocol page 5.1: Setup errors after which Amazon Pay has spoken to the shopper. */
const SETUP_ERRORS_HANDLED_BY_AMAZON: ReadonlyArray<[string, string]> = [
  ['UnsupportedClientPlatform', '403'],
  ['InvalidShippingAddress', '400'],
  ['InvalidAccountStatus', '403'],
  ['InvalidMerchantAccountStatus', '403'],
  ['RequestThrottled', '429'],
];

/** Protocol page 5.2: integration errors the merchant must fix. */
const INTEGRATION_ERRORS = [
  'InvalidParameterValue',
  'InvalidSellerId',
  'UnauthorizedAccess',
  'InvalidSandboxCustomerEmail',
  'BuyerEqualsSeller',
  'UnsupportedCountryOfEstablishment',
  'UnsupportedCurrency',
  'ReleaseEnvironmentNotAllowed',
  'InvalidBillingAgreementType',
  'InvalidSubscriptionAmount',
  'MissingSkillManifestData',
];

/** Protocol page 5.3: the permission codes. */
const PERMISSION_CODES = [
  'ACCESS_DENIED',
  'ACCESS_NOT_REQUESTED',
  'FORBIDDEN',
  'MissingPermissionsToAccessResource',
];

/** Protocol page 5.4: Charge and runtime errors (RequestThrottled is in 5.1 for Setup). */
const RUNTIME_ERRORS: ReadonlyArray<[string, string]> = [
  ['InvalidBillingAgreementId', '400'],
  ['InvalidBillingAgreementStatus', '400'],
  ['InvalidAuthorizationAmount', '400'],
  ['InvalidPaymentAction', '400'],
  ['DuplicateRequest', '400'],
  ['PeriodicAmountExceeded', '400'],
  ['ProviderNotAuthorized', '403'],
  ['InternalServerError', '500'],
  ['ServiceUnavailable', '503'],
  ['RequestThrottled', '429'],
];

/** Protocol page 5.5: the decline reasons and what the skill may do about them. */
const DECLINES: ReadonlyArray<[string, boolean, boolean]> = [
  ['InvalidPaymentMethod', true, true],
  ['AmazonRejected', false, false],
  ['TransactionTimedOut', true, false],
  ['ProcessingFailure', true, false],
];

/** Codes nobody has documented, and codes that only look like documented ones. */
const UNKNOWN_CODES = [
  'PaymentAuthenticationFailed',
  'SomethingNew',
  'access_denied',
  'voicePurchaseNotEnabled',
  '',
  'toString',
  '__proto__',
];

describe('outcomes', () => {
  describe('code tables', () => {
    it('lists the permission codes of section 5.3', () => {
      expect([...PERMISSION_ERROR_CODES].sort()).toEqual([...PERMISSION_CODES].sort());
    });

    it('lists the Setup errors of section 5.1 as spoken by Amazon', () => {
      expect([...SETUP_ERRORS_SPOKEN_BY_AMAZON].sort()).toEqual(
        SETUP_ERRORS_HANDLED_BY_AMAZON.map(([code]) => code).sort(),
      );
    });

    it('lists the decline reasons of section 5.5', () => {
      expect(Object.keys(DECLINE_REASONS).sort()).toEqual(DECLINES.map(([code]) => code).sort());
    });

    it('spells the certification reason code as Amazon does', () => {
      expect(CERTIFICATION_TEST_REASON).toBe('CertificationTestTransaction');
    });
  });

  describe('classifySetupResult', () => {
    it.each<['LIVE' | 'SANDBOX']>([['LIVE'], ['SANDBOX']])(
      'approves an OPEN agreement of the expected environment %s',
      (environment) => {
        const result = anAgreement({ releaseEnvironment: environment });

        expect(classifySetupResult(result, environment)).toStrictEqual({
          kind: 'approved',
          billingAgreementId: 'B02-1234567-1234567',
        });
      },
    );

    it.each(['SUSPENDED', 'CLOSED', 'CANCELED', 'DRAFT', 'open', ''])(
      'does not charge an agreement in status %p',
      (billingAgreementStatus) => {
        expect(classifySetupResult(anAgreement({ billingAgreementStatus }), 'LIVE')).toStrictEqual({
          kind: 'failed',
          category: 'agreementNotOpen',
          code: billingAgreementStatus,
          amazonSpoke: false,
        });
      },
    );

    it.each<[string, 'LIVE' | 'SANDBOX', string]>([
      ['a SANDBOX agreement under a live configuration', 'LIVE', 'SANDBOX'],
      ['a LIVE agreement under a sandbox configuration', 'SANDBOX', 'LIVE'],
      ['an unknown environment', 'LIVE', 'PREPROD'],
    ])('refuses %s', (_name, expected, releaseEnvironment) => {
      expect(classifySetupResult(anAgreement({ releaseEnvironment }), expected)).toStrictEqual({
        kind: 'failed',
        category: 'wrongEnvironment',
        code: releaseEnvironment,
        amazonSpoke: false,
      });
    });

    it('reports the wrong environment before the status of a SUSPENDED SANDBOX agreement', () => {
      const result = anAgreement({
        releaseEnvironment: 'SANDBOX',
        billingAgreementStatus: 'SUSPENDED',
      });

      expect(classifySetupResult(result, 'LIVE')).toMatchObject({
        kind: 'failed',
        category: 'wrongEnvironment',
      });
    });

    it.each(SETUP_ERRORS_HANDLED_BY_AMAZON)(
      'knows that Amazon Pay has spoken about %s (%s)',
      (code, statusCode) => {
        expect(classifySetupResult(anError(code, statusCode), 'LIVE')).toStrictEqual({
          kind: 'failed',
          category: 'handledByAmazon',
          code,
          amazonSpoke: true,
        });
      },
    );

    it.each(INTEGRATION_ERRORS)(
      'fails on the integration error %s without Amazon speech',
      (code) => {
        expect(classifySetupResult(anError(code), 'LIVE')).toStrictEqual({
          kind: 'failed',
          category: 'error',
          code,
          amazonSpoke: false,
        });
      },
    );

    it.each(PERMISSION_CODES)('asks for the permission after %s', (code) => {
      expect(classifySetupResult(anError(code, '403'), 'LIVE')).toStrictEqual({
        kind: 'permissionRequired',
        code,
      });
    });

    it('asks to turn on voice purchasing after VoicePurchaseNotEnabled', () => {
      expect(classifySetupResult(anError('VoicePurchaseNotEnabled', '403'), 'LIVE')).toStrictEqual({
        kind: 'voicePurchaseDisabled',
        code: 'VoicePurchaseNotEnabled',
      });
    });

    it.each(['InternalServerError', 'ServiceUnavailable', 'InvalidPaymentMethod'])(
      'fails on %s during Setup',
      (code) => {
        expect(classifySetupResult(anError(code, '500'), 'LIVE')).toMatchObject({
          kind: 'failed',
          category: 'error',
          code,
        });
      },
    );

    it.each(UNKNOWN_CODES)('fails safely on the unknown code %p', (code) => {
      expect(classifySetupResult(anError(code), 'SANDBOX')).toStrictEqual({
        kind: 'failed',
        category: 'error',
        code,
        amazonSpoke: false,
      });
    });

    it('fails on an error without a code', () => {
      expect(classifySetupResult(anError(undefined, '500'), 'LIVE')).toStrictEqual({
        kind: 'failed',
        category: 'error',
        code: undefined,
        amazonSpoke: false,
      });
    });

    it('fails on a malformed answer', () => {
      expect(classifySetupResult(aMalformed(), 'LIVE')).toStrictEqual({
        kind: 'failed',
        category: 'malformed',
        code: undefined,
        amazonSpoke: false,
      });
    });

    it('fails safe on a result kind that untyped code made up', () => {
      const result = { kind: 'approved', billingAgreementId: 'B02-1' } as unknown as SetupResult;

      expect(classifySetupResult(result, 'LIVE')).toStrictEqual({
        kind: 'failed',
        category: 'malformed',
        code: undefined,
        amazonSpoke: false,
      });
    });
  });

  describe('classifyChargeResult', () => {
    it.each<[string, Partial<Authorization>, Partial<ChargeExpectation>]>([
      ['a captured charge with MaxCapturesProcessed', {}, {}],
      ['a captured charge without a reason code', { reasonCode: undefined }, {}],
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
    ])('approves %s', (_name, overrides, expected) => {
      expect(
        classifyChargeResult(anAuthorization(overrides), anExpectation(expected)),
      ).toStrictEqual({ kind: 'approved' });
    });

    it.each<[string, ChargeResult]>([
      ['on a Closed authorization', anAuthorization({ reasonCode: CERTIFICATION_TEST_REASON })],
      [
        'on an Open authorization',
        anAuthorization({ state: 'Open', reasonCode: CERTIFICATION_TEST_REASON }),
      ],
      ['on a Declined authorization', declined('Declined', CERTIFICATION_TEST_REASON)],
      [
        'with a captured amount that does not match',
        anAuthorization({
          reasonCode: CERTIFICATION_TEST_REASON,
          capturedAmount: { amount: '0.01', currencyCode: 'USD' },
        }),
      ],
      ['as the error code of a 400 answer', anError(CERTIFICATION_TEST_REASON)],
      ['as the error code of a 403 answer', anError(CERTIFICATION_TEST_REASON, '403')],
    ])('marks CertificationTestTransaction %s as a certification test', (_name, result) => {
      expect(classifyChargeResult(result, anExpectation())).toStrictEqual({
        kind: 'certificationTest',
      });
    });

    it.each(DECLINES)(
      'declines %s in authorizationStatus (retryable %p, Amazon spoke %p)',
      (reason, retryable, amazonSpoke) => {
        expect(classifyChargeResult(declined('Declined', reason), anExpectation())).toStrictEqual({
          kind: 'declined',
          reason,
          retryable,
          amazonSpoke,
        });
      },
    );

    it.each(DECLINES)(
      'declines %s as the error code of a 400 answer (retryable %p, Amazon spoke %p)',
      (reason, retryable, amazonSpoke) => {
        expect(classifyChargeResult(anError(reason), anExpectation())).toStrictEqual({
          kind: 'declined',
          reason,
          retryable,
          amazonSpoke,
        });
      },
    );

    it.each<[string, string | undefined, string]>([
      ['an unknown reason', 'BrandNewReason', 'BrandNewReason'],
      ['no reason', undefined, 'Unspecified'],
      ['an inherited property name', 'toString', 'toString'],
      ['a permission code', 'ACCESS_DENIED', 'ACCESS_DENIED'],
    ])('declines a Declined state with %s, not retryable', (_name, reasonCode, reason) => {
      expect(classifyChargeResult(declined('Declined', reasonCode), anExpectation())).toStrictEqual(
        {
          kind: 'declined',
          reason,
          retryable: false,
          amazonSpoke: false,
        },
      );
    });

    it('declines a soft decline of a known reason as that reason says', () => {
      const result = anAuthorization({
        state: 'Declined',
        reasonCode: 'InvalidPaymentMethod',
        softDecline: true,
        capturedAmount: undefined,
      });

      expect(classifyChargeResult(result, anExpectation())).toMatchObject({
        kind: 'declined',
        retryable: true,
      });
    });

    it.each<[string, Partial<Authorization>, string]>([
      [
        'an Open authorization (not captured)',
        { state: 'Open', reasonCode: undefined },
        'state:Open',
      ],
      ['a Pending authorization', { state: 'Pending', reasonCode: undefined }, 'state:Pending'],
      ['the v1 state Completed', { state: 'Completed' }, 'state:unknown'],
      ['a lower-case state', { state: 'closed' }, 'state:unknown'],
      ['an empty state', { state: '' }, 'state:unknown'],
      [
        'a Closed authorization with AmazonClosed',
        { reasonCode: 'AmazonClosed' },
        'reason:AmazonClosed',
      ],
      [
        'a Closed authorization with ExpiredUnused',
        { reasonCode: 'ExpiredUnused' },
        'reason:ExpiredUnused',
      ],
      [
        'a Closed authorization with an unknown reason',
        { reasonCode: 'Whatever' },
        'reason:Whatever',
      ],
      ['another reference id', { authorizationReferenceId: 'SOMEONE-ELSE-1' }, 'referenceMismatch'],
      [
        'the reference id of an earlier attempt',
        { authorizationReferenceId: `${REFERENCE_ID.slice(0, -1)}0` },
        'referenceMismatch',
      ],
      ['no reference id', { authorizationReferenceId: undefined }, 'referenceMismatch'],
      [
        'a smaller captured amount',
        { capturedAmount: { amount: '34.96', currencyCode: 'USD' } },
        'amountMismatch',
      ],
      [
        'a larger captured amount',
        { capturedAmount: { amount: '349.70', currencyCode: 'USD' } },
        'amountMismatch',
      ],
      [
        'a captured amount in another currency',
        { capturedAmount: { amount: '34.97', currencyCode: 'EUR' } },
        'amountMismatch',
      ],
      [
        'a captured amount with too many decimals',
        { capturedAmount: { amount: '34.970', currencyCode: 'USD' } },
        'amountMismatch',
      ],
      [
        'an unreadable captured amount',
        { capturedAmount: { amount: 'lots', currencyCode: 'USD' } },
        'amountMismatch',
      ],
      ['no captured amount', { capturedAmount: undefined }, 'amountMismatch'],
    ])('holds %s for review', (_name, overrides, reason) => {
      expect(classifyChargeResult(anAuthorization(overrides), anExpectation())).toStrictEqual({
        kind: 'heldForReview',
        reason,
      });
    });

    it.each(PERMISSION_CODES)('asks for the permission after %s', (code) => {
      expect(classifyChargeResult(anError(code, '403'), anExpectation())).toStrictEqual({
        kind: 'permissionRequired',
        code,
      });
    });

    it('asks to turn on voice purchasing after VoicePurchaseNotEnabled', () => {
      expect(
        classifyChargeResult(anError('VoicePurchaseNotEnabled', '403'), anExpectation()),
      ).toStrictEqual({ kind: 'voicePurchaseDisabled', code: 'VoicePurchaseNotEnabled' });
    });

    it.each([
      ...RUNTIME_ERRORS,
      ...INTEGRATION_ERRORS.map((code): [string, string] => [code, '400']),
    ])('fails on %s (%s) without charging', (code, statusCode) => {
      expect(classifyChargeResult(anError(code, statusCode), anExpectation())).toStrictEqual({
        kind: 'failed',
        category: 'error',
        code,
      });
    });

    it.each(SETUP_ERRORS_HANDLED_BY_AMAZON.filter(([code]) => code !== 'RequestThrottled'))(
      'fails on the Setup error %s (%s) arriving on a Charge',
      (code, statusCode) => {
        expect(classifyChargeResult(anError(code, statusCode), anExpectation())).toStrictEqual({
          kind: 'failed',
          category: 'error',
          code,
        });
      },
    );

    it.each(UNKNOWN_CODES)('fails safely on the unknown code %p', (code) => {
      expect(classifyChargeResult(anError(code), anExpectation())).toStrictEqual({
        kind: 'failed',
        category: 'error',
        code,
      });
    });

    it('fails on an error without a code', () => {
      expect(classifyChargeResult(anError(undefined, '500'), anExpectation())).toStrictEqual({
        kind: 'failed',
        category: 'error',
        code: undefined,
      });
    });

    it('fails on a malformed answer', () => {
      expect(classifyChargeResult(aMalformed(), anExpectation())).toStrictEqual({
        kind: 'failed',
        category: 'malformed',
        code: undefined,
      });
    });

    it('fails safe on a result kind that untyped code made up', () => {
      const result = { kind: 'approved' } as unknown as ChargeResult;

      expect(classifyChargeResult(result, anExpectation())).toStrictEqual({
        kind: 'failed',
        category: 'malformed',
        code: undefined,
      });
    });
  });

  describe('toChargeStatus', () => {
    it.each<[string, OrderStatus, ChargeOutcome]>([
      ['an approved', OrderStatus.Paid, { kind: 'approved' }],
      ['a certificationTest', OrderStatus.CertificationTest, { kind: 'certificationTest' }],
      [
        'a heldForReview',
        OrderStatus.HeldForReview,
        { kind: 'heldForReview', reason: 'state:Open' },
      ],
      [
        'a retryable declined',
        OrderStatus.Declined,
        { kind: 'declined', reason: 'InvalidPaymentMethod', retryable: true, amazonSpoke: true },
      ],
      [
        'a final declined',
        OrderStatus.Declined,
        { kind: 'declined', reason: 'AmazonRejected', retryable: false, amazonSpoke: false },
      ],
      [
        'a permissionRequired',
        OrderStatus.Failed,
        { kind: 'permissionRequired', code: 'ACCESS_DENIED' },
      ],
      [
        'a voicePurchaseDisabled',
        OrderStatus.Failed,
        { kind: 'voicePurchaseDisabled', code: 'VoicePurchaseNotEnabled' },
      ],
      [
        'a failed error',
        OrderStatus.Failed,
        { kind: 'failed', category: 'error', code: 'DuplicateRequest' },
      ],
      [
        'a failed malformed',
        OrderStatus.Failed,
        { kind: 'failed', category: 'malformed', code: undefined },
      ],
    ])('leaves an order with %s outcome in %s', (_name, status, outcome) => {
      expect(toChargeStatus(outcome)).toBe(status);
    });

    it('fails safe on an outcome kind that untyped code made up', () => {
      const outcome = { kind: 'paid' } as unknown as ChargeOutcome;

      expect(toChargeStatus(outcome)).toBe(OrderStatus.Failed);
    });

    it('releases only an approved charge to fulfilment', () => {
      // Prepare
      const outcomes: ReadonlyArray<ChargeOutcome> = [
        { kind: 'approved' },
        { kind: 'certificationTest' },
        { kind: 'heldForReview', reason: 'reason:Whatever' },
        { kind: 'declined', reason: 'AmazonRejected', retryable: false, amazonSpoke: false },
        { kind: 'permissionRequired', code: 'FORBIDDEN' },
        { kind: 'voicePurchaseDisabled', code: 'VoicePurchaseNotEnabled' },
        { kind: 'failed', category: 'error', code: undefined },
      ];

      // Act
      const paid = outcomes.filter((outcome) => toChargeStatus(outcome) === OrderStatus.Paid);

      // Assess
      expect(paid).toEqual([{ kind: 'approved' }]);
    });
  });
});
