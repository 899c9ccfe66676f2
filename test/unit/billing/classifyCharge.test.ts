import {
  MwsClientError,
  MwsCredentialsError,
  MwsMalformedResponseError,
  MwsNetworkError,
  MwsServerError,
  MwsThrottledError,
  MwsTimeoutError,
  MwsValidationError,
} from '../../../src/amazonpay/mws/errors';
import type {
  AuthorizationDetails,
  AuthorizeOnBillingAgreementResult,
  BillingAgreementDetails,
} from '../../../src/amazonpay/mws/types';
import { MwsErrorCode } from '../../../src/amazonpay/mws/types';
import {
  classifyAgreementDetails,
  classifyAuthorization,
  classifyMwsError,
  MWS_CODE_MEANING,
  toMwsCodeMeaning,
} from '../../../src/billing/classifyCharge';
import { decideChargeOutcome } from '../../../src/billing/decideChargeOutcome';

const OP = 'AuthorizeOnBillingAgreement' as const;
const context = (attempts: number) => ({ operation: OP, attempts, outcomeUnknown: true });

function anAgreement(overrides: Partial<BillingAgreementDetails> = {}): BillingAgreementDetails {
  return {
    amazonBillingAgreementId: 'C01-1000001-0000001',
    status: { state: 'Open' },
    releaseEnvironment: 'Sandbox',
    constraints: [],
    limits: {
      amountLimitPerTimePeriod: { amountMinor: 50_000, currency: 'USD' },
      currentRemainingBalance: { amountMinor: 2_000, currency: 'USD' },
      timePeriodStartDate: '2025-03-01T00:00:00Z',
      timePeriodEndDate: '2025-04-01T00:00:00Z',
    },
    ...overrides,
  };
}

function anAuthorization(
  overrides: Partial<AuthorizationDetails> = {},
): AuthorizeOnBillingAgreementResult {
  return {
    amazonOrderReferenceId: 'S01-1000002-0000002',
    authorization: {
      amazonAuthorizationId: 'S01-1000002-0000002-A000002',
      authorizationReferenceId: 'bp-x-0-1',
      authorizationAmount: { amountMinor: 1500, currency: 'USD' },
      captureIds: ['S01-1000002-0000002-C000002'],
      status: { state: 'Closed', reasonCode: 'MaxCapturesProcessed' },
      ...overrides,
    },
  };
}

function readCode(outcome: { readonly kind: string }): string | undefined {
  return 'code' in outcome && typeof outcome.code === 'string' ? outcome.code : undefined;
}

describe('classifyAgreementDetails', () => {
  const amount = { amountMinor: 1500, currency: 'USD' };

  it('lets an Open agreement with enough of its monthly limit be charged', () => {
    expect(classifyAgreementDetails(anAgreement(), amount)).toBeUndefined();
  });

  it('lets an amount of exactly the remaining balance be charged', () => {
    expect(
      classifyAgreementDetails(anAgreement(), { ...amount, amountMinor: 2_000 }),
    ).toBeUndefined();
  });

  it('stops an amount above the remaining balance, with the limit period end', () => {
    expect(classifyAgreementDetails(anAgreement(), { ...amount, amountMinor: 2_001 })).toEqual({
      kind: 'limitExceeded',
      remainingMinor: 2_000,
      periodEndsAt: '2025-04-01T00:00:00Z',
    });
  });

  it('leaves an agreement without reported limits to Amazon', () => {
    expect(
      classifyAgreementDetails(anAgreement({ limits: undefined }), {
        ...amount,
        amountMinor: 99_999,
      }),
    ).toBeUndefined();
  });

  it.each(['Suspended', 'Closed', 'Canceled', 'Draft'] as const)(
    'stops a %s agreement with its state and reason',
    (state) => {
      expect(
        classifyAgreementDetails(anAgreement({ status: { state, reasonCode: 'Why' } }), amount),
      ).toEqual({ kind: 'agreementNotOpen', agreementState: state, reasonCode: 'Why' });
    },
  );
});

describe('classifyAuthorization', () => {
  it('treats Closed MaxCapturesProcessed with a capture id as captured', () => {
    expect(classifyAuthorization(anAuthorization())).toEqual({
      kind: 'captured',
      amazonAuthorizationId: 'S01-1000002-0000002-A000002',
      amazonOrderReferenceId: 'S01-1000002-0000002',
      amazonCaptureIds: ['S01-1000002-0000002-C000002'],
    });
  });

  it('treats Open with a capture id as captured', () => {
    expect(classifyAuthorization(anAuthorization({ status: { state: 'Open' } })).kind).toBe(
      'captured',
    );
  });

  it('treats Open or Closed without a capture id as not captured', () => {
    expect(
      classifyAuthorization(
        anAuthorization({
          captureIds: [],
          status: { state: 'Closed', reasonCode: 'AmazonClosed' },
        }),
      ),
    ).toEqual({
      kind: 'notCaptured',
      authorizationState: 'Closed',
      reasonCode: 'AmazonClosed',
      amazonAuthorizationId: 'S01-1000002-0000002-A000002',
    });
    expect(
      classifyAuthorization(anAuthorization({ captureIds: [], status: { state: 'Open' } })),
    ).toMatchObject({ kind: 'notCaptured', authorizationState: 'Open' });
  });

  it('keeps a decline reason and the soft-decline flag', () => {
    expect(
      classifyAuthorization(
        anAuthorization({
          captureIds: [],
          softDecline: true,
          status: { state: 'Declined', reasonCode: 'InvalidPaymentMethod' },
        }),
      ),
    ).toEqual({
      kind: 'declined',
      reasonCode: 'InvalidPaymentMethod',
      amazonAuthorizationId: 'S01-1000002-0000002-A000002',
      softDecline: true,
    });
  });

  it('names a decline without a reason code Unknown', () => {
    expect(
      classifyAuthorization(anAuthorization({ captureIds: [], status: { state: 'Declined' } })),
    ).toMatchObject({ kind: 'declined', reasonCode: 'Unknown' });
  });

  it('treats Pending as pending', () => {
    expect(
      classifyAuthorization(anAuthorization({ captureIds: [], status: { state: 'Pending' } })),
    ).toEqual({
      kind: 'authorizationPending',
      amazonAuthorizationId: 'S01-1000002-0000002-A000002',
    });
  });
});

describe('classifyMwsError', () => {
  it('gives every error code of the fact sheet a meaning and a decision that records it', () => {
    // Prepare
    const codes = Object.values(MwsErrorCode);

    // Act
    const decided = codes.map((code) => {
      const outcome = classifyMwsError(
        new MwsClientError({ statusCode: 400, code }, { ...context(1), outcomeUnknown: false }),
        OP,
      );
      if (outcome === undefined) throw new Error(`${code} not classified`);
      return [
        code,
        outcome,
        decideChargeOutcome(outcome, { attempt: 1, retries: 0, now: '2025-03-10T09:00:00.000Z' }),
      ] as const;
    });

    // Assess
    expect(Object.keys(MWS_CODE_MEANING).sort()).toEqual([...codes].sort());
    for (const [code, outcome, decision] of decided) {
      expect([code, ['retry', 'failed', 'declined'].includes(decision.chargeState)]).toEqual([
        code,
        true,
      ]);
      expect([code, outcome.kind === 'limitExceeded' || readCode(outcome) === code]).toEqual([
        code,
        true,
      ]);
    }
  });

  it.each<[string, string]>([
    [MwsErrorCode.PeriodicAmountExceeded, 'limitExceeded'],
    [MwsErrorCode.InvalidBillingAgreementStatus, 'agreementState'],
    [MwsErrorCode.InvalidBillingAgreementId, 'agreementState'],
    [MwsErrorCode.InvalidAccountStatus, 'configuration'],
    [MwsErrorCode.SignatureDoesNotMatch, 'configuration'],
    [MwsErrorCode.InvalidSellerId, 'configuration'],
    [MwsErrorCode.UnauthorizedAccess, 'configuration'],
    ['InvalidAccessKeyId', 'configuration'],
    ['RequestExpired', 'configuration'],
    [MwsErrorCode.DuplicateRequest, 'request'],
    [MwsErrorCode.DuplicateReferenceId, 'request'],
    [MwsErrorCode.TransactionAmountExceeded, 'request'],
    [MwsErrorCode.CurrencyMismatch, 'request'],
    [MwsErrorCode.InvalidSandboxSimulationSpecified, 'request'],
    ['ACodeAmazonAddsLater', 'request'],
  ])('reads %s as %s', (code, meaning) => {
    expect(toMwsCodeMeaning(code)).toBe(meaning);
  });

  it('turns PeriodicAmountExceeded into the limitExceeded outcome', () => {
    expect(
      classifyMwsError(
        new MwsClientError({ statusCode: 400, code: 'PeriodicAmountExceeded' }, context(1)),
        OP,
      ),
    ).toEqual({ kind: 'limitExceeded' });
  });

  it('keeps the code and status of a client error', () => {
    expect(
      classifyMwsError(
        new MwsClientError({ statusCode: 405, code: 'InvalidBillingAgreementStatus' }, context(1)),
        OP,
      ),
    ).toEqual({
      kind: 'mwsFailure',
      operation: OP,
      category: 'agreementState',
      errorName: 'MwsClientError',
      code: 'InvalidBillingAgreementStatus',
      statusCode: 405,
    });
  });

  it.each([
    ['a 500', new MwsServerError({ statusCode: 500, code: 'InternalServerError' }, context(4))],
    [
      'throttling',
      new MwsThrottledError({ statusCode: 503, code: 'RequestThrottled' }, context(4)),
    ],
    ['a timeout', new MwsTimeoutError('no answer', 10_000, context(1))],
    ['a lost connection', new MwsNetworkError('reset', context(1))],
    ['an unreadable answer', new MwsMalformedResponseError(200, 'not XML', context(1))],
  ])('treats %s as transient', (_name, error) => {
    expect(classifyMwsError(error, OP)).toMatchObject({
      kind: 'mwsFailure',
      category: 'transient',
    });
  });

  it('treats a request the client refused to send as a request failure', () => {
    expect(
      classifyMwsError(new MwsValidationError('too long', 'sellerAuthorizationNote'), OP),
    ).toEqual({
      kind: 'mwsFailure',
      operation: OP,
      category: 'request',
      errorName: 'MwsValidationError',
    });
  });

  it('treats credentials that could not be loaded as configuration', () => {
    expect(
      classifyMwsError(new MwsCredentialsError('is not set', 'MWS_SECRET_KEY'), OP),
    ).toMatchObject({ category: 'configuration' });
  });

  it('leaves an error that is not from MWS to the caller', () => {
    expect(classifyMwsError(new Error('crash'), OP)).toBeUndefined();
    expect(classifyMwsError('text', OP)).toBeUndefined();
  });
});
