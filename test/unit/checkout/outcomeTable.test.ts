import { OrderStatus } from '../../../src/checkout/OrderStatus';
import {
  AGREEMENT_STATUS_ROWS,
  ALL_OUTCOME_ROWS,
  APPROVAL_ROWS,
  AUTHORIZATION_STATE_ROWS,
  CHARGE_ERROR_ROWS,
  DECLINE_REASON_ROWS,
  ENVIRONMENT_ROWS,
  FALLBACK_ROWS,
  findRowById,
  lookUpRow,
  Reply,
  Retry,
  SETUP_APPROVED_ROW,
  SETUP_ERROR_ROWS,
  type OutcomeRow,
} from '../../../src/checkout/outcomeTable';
import { classifyChargeResult, classifySetupResult } from '../../../src/checkout/outcomes';
import {
  AUTHORIZATION_STATES,
  BILLING_AGREEMENT_STATUSES,
  CAPTURED_REASON_CODE,
  CERTIFICATION_TEST_TRANSACTION,
  CHARGE_ERROR_CODES,
  DECLINE_REASONS,
  INVALID_SANDBOX_SIMULATION_SPECIFIED,
  PERMISSION_ERRORS,
  RELEASE_ENVIRONMENTS,
  SETUP_AND_CHARGE_INTEGRATION_ERRORS,
  SETUP_ERROR_CODES,
  SETUP_ERRORS_HANDLED_BY_AMAZON,
  SETUP_ONLY_INTEGRATION_ERRORS,
  V1_ONLY_AUTHORIZATION_STATES,
  VOICE_PURCHASE_ERRORS,
} from '../../fixtures/protocolCodes';

type Table = Readonly<Record<string, OutcomeRow>>;

/** The SCA codes are the project's reading: the page with Amazon's names was not readable (5.6). */
const PROJECT_AUTHENTICATION_CODES = [
  'PaymentAuthenticationFailed',
  'PaymentAuthenticationAbandoned',
  'PaymentAuthenticationNotSupported',
];

/** Setup rows for codes the page does not name for Setup: the project's own readings. */
const PROJECT_SETUP_ERROR_CODES = [
  ...PROJECT_AUTHENTICATION_CODES,
  // 5.4 codes that Amazon may also return on Setup.
  'InternalServerError',
  'ServiceUnavailable',
  // Section 8 names it for Charge; 5.6 puts simulation strings in the Setup sellerNote too.
  INVALID_SANDBOX_SIMULATION_SPECIFIED,
];

/** Charge rows for codes the page does not name for Charge: the project's own readings. */
const PROJECT_CHARGE_ERROR_CODES = [
  ...PROJECT_AUTHENTICATION_CODES,
  'UnsupportedClientPlatform',
  INVALID_SANDBOX_SIMULATION_SPECIFIED,
];

const NON_OPEN_AGREEMENT_STATUSES = BILLING_AGREEMENT_STATUSES.filter((s) => s !== 'OPEN');

/** The last part of a row id: the code (or `*` for a fallback). */
const codeOf = (row: OutcomeRow) => row.id.split(':').slice(2).join(':');

/** The ids of the rows that fail a rule: `[]` when all keep it. */
const idsWhere = (predicate: (row: OutcomeRow) => boolean) =>
  ALL_OUTCOME_ROWS.filter(predicate).map((row) => row.id);

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

const TABLES: ReadonlyArray<[string, Table]> = [
  ['SETUP_ERROR_ROWS', SETUP_ERROR_ROWS],
  ['CHARGE_ERROR_ROWS', CHARGE_ERROR_ROWS],
  ['DECLINE_REASON_ROWS', DECLINE_REASON_ROWS],
  ['APPROVAL_ROWS', APPROVAL_ROWS],
  ['AUTHORIZATION_STATE_ROWS', AUTHORIZATION_STATE_ROWS],
  ['AGREEMENT_STATUS_ROWS', AGREEMENT_STATUS_ROWS],
  ['ENVIRONMENT_ROWS', ENVIRONMENT_ROWS],
  ['FALLBACK_ROWS', FALLBACK_ROWS],
];

describe('outcomeTable', () => {
  describe('SETUP_ERROR_ROWS', () => {
    it.each(SETUP_ERROR_CODES)('has a row for the Setup error %s', (code) => {
      expect(lookUpRow(SETUP_ERROR_ROWS, code)?.id).toBe(`Setup:error:${code}`);
    });

    it.each([INVALID_SANDBOX_SIMULATION_SPECIFIED])('has a row for the sandbox code %s', (code) => {
      expect(lookUpRow(SETUP_ERROR_ROWS, code)?.id).toBe(`Setup:error:${code}`);
    });

    it('names no code beyond the page and the listed readings of the project', () => {
      expect(sorted(Object.keys(SETUP_ERROR_ROWS))).toEqual(
        sorted([...SETUP_ERROR_CODES, ...PROJECT_SETUP_ERROR_CODES]),
      );
    });
  });

  describe('CHARGE_ERROR_ROWS', () => {
    it.each(CHARGE_ERROR_CODES)('has a row for the Charge error %s', (code) => {
      expect(lookUpRow(CHARGE_ERROR_ROWS, code)?.id).toBe(`Charge:error:${code}`);
    });

    it.each([INVALID_SANDBOX_SIMULATION_SPECIFIED])('has a row for the sandbox code %s', (code) => {
      expect(lookUpRow(CHARGE_ERROR_ROWS, code)?.id).toBe(`Charge:error:${code}`);
    });

    it('names no code beyond the page and the listed readings of the project', () => {
      expect(sorted(Object.keys(CHARGE_ERROR_ROWS))).toEqual(
        sorted([...CHARGE_ERROR_CODES, ...PROJECT_CHARGE_ERROR_CODES]),
      );
    });

    it.each(SETUP_ONLY_INTEGRATION_ERRORS)('has no row for the Setup-only code %s', (code) => {
      expect(lookUpRow(CHARGE_ERROR_ROWS, code)).toBeUndefined();
    });
  });

  describe('DECLINE_REASON_ROWS', () => {
    it.each(DECLINE_REASONS)('has a row for the decline reason %s', (reason) => {
      expect(lookUpRow(DECLINE_REASON_ROWS, reason)?.id).toBe(`Charge:declined:${reason}`);
    });

    it('names only the decline reasons of the page', () => {
      expect(sorted(Object.keys(DECLINE_REASON_ROWS))).toEqual(sorted(DECLINE_REASONS));
    });

    it.each(DECLINE_REASONS)('treats %s alike in its 200 and its error form', (reason) => {
      // Prepare
      const declined = lookUpRow(DECLINE_REASON_ROWS, reason);
      const error = lookUpRow(CHARGE_ERROR_ROWS, reason);

      // Act
      const policyOf = (row: OutcomeRow | undefined) =>
        row === undefined ? undefined : { ...row, id: undefined };

      // Assess
      expect(declined).toBeDefined();
      expect(policyOf(error)).toStrictEqual(policyOf(declined));
    });
  });

  describe('AGREEMENT_STATUS_ROWS', () => {
    it.each(NON_OPEN_AGREEMENT_STATUSES)('has a row for the agreement status %s', (status) => {
      expect(lookUpRow(AGREEMENT_STATUS_ROWS, status)?.id).toBe(`Setup:agreement:${status}`);
    });

    it('has no row for OPEN, which is the approved Setup', () => {
      expect(lookUpRow(AGREEMENT_STATUS_ROWS, 'OPEN')).toBeUndefined();
      expect(SETUP_APPROVED_ROW.id).toBe('Setup:agreement:OPEN');
    });

    it.each(NON_OPEN_AGREEMENT_STATUSES)('never charges an agreement in status %s', (status) => {
      expect(lookUpRow(AGREEMENT_STATUS_ROWS, status)?.status).toBe(OrderStatus.Failed);
    });
  });

  describe('ENVIRONMENT_ROWS', () => {
    it.each(RELEASE_ENVIRONMENTS)('covers the other environment under %s', (expected) => {
      // Prepare
      const other = RELEASE_ENVIRONMENTS.find((e) => e !== expected) ?? expected;

      // Act
      const { row } = classifySetupResult(
        {
          kind: 'agreement',
          billingAgreementId: 'B02-0000000-0000001',
          billingAgreementStatus: 'OPEN',
          releaseEnvironment: other,
          destinationCountryCode: undefined,
          hasDestination: false,
        },
        expected,
      );

      // Assess
      expect(Object.values(ENVIRONMENT_ROWS)).toContain(row);
      expect(row.status).toBe(OrderStatus.Failed);
    });
  });

  describe('AUTHORIZATION_STATE_ROWS', () => {
    const expectedRowOfState: Readonly<Record<(typeof AUTHORIZATION_STATES)[number], string>> = {
      Open: 'Charge:state:Open',
      Closed: `Charge:approved:${CAPTURED_REASON_CODE}`,
      Declined: 'Charge:state:DeclinedUnknownReason',
      Pending: 'Charge:state:Pending',
    };

    it.each(AUTHORIZATION_STATES)('has classifyChargeResult cover the state %s', (state) => {
      // Act
      const { row } = classifyChargeResult(
        {
          kind: 'authorization',
          amazonOrderReferenceId: 'S02-0000000-0000001',
          amazonAuthorizationId: 'S02-0000000-0000001-A000001',
          authorizationReferenceId: 'ORDER-1',
          state,
          reasonCode: undefined,
          softDecline: false,
          captureNow: true,
          authorizationAmount: { amount: '1.00', currencyCode: 'USD' },
          capturedAmount: { amount: '1.00', currencyCode: 'USD' },
          captureIds: ['S02-0000000-0000001-C000001'],
        },
        { authorizationReferenceId: 'ORDER-1', totalMinor: 100, currency: 'USD' },
      );

      // Assess
      expect(row.id).toBe(expectedRowOfState[state]);
      expect(row).not.toBe(AUTHORIZATION_STATE_ROWS.Unknown);
    });

    it.each(V1_ONLY_AUTHORIZATION_STATES)('holds the v1-only state %s as unknown', (state) => {
      const { row } = classifyChargeResult(
        {
          kind: 'authorization',
          amazonOrderReferenceId: undefined,
          amazonAuthorizationId: undefined,
          authorizationReferenceId: 'ORDER-1',
          state,
          reasonCode: undefined,
          softDecline: false,
          captureNow: undefined,
          authorizationAmount: undefined,
          capturedAmount: undefined,
          captureIds: [],
        },
        { authorizationReferenceId: 'ORDER-1', totalMinor: 100, currency: 'USD' },
      );

      expect(row).toBe(AUTHORIZATION_STATE_ROWS.Unknown);
    });
  });

  describe('APPROVAL_ROWS', () => {
    it('has a row for the captured reason and for the certification test', () => {
      expect(sorted(Object.keys(APPROVAL_ROWS))).toEqual(
        sorted([CAPTURED_REASON_CODE, CERTIFICATION_TEST_TRANSACTION]),
      );
    });
  });

  describe('ALL_OUTCOME_ROWS', () => {
    it('holds every row of every table, once', () => {
      // Prepare
      const fromTables = [
        SETUP_APPROVED_ROW,
        ...TABLES.flatMap(([, table]) => Object.values(table)),
      ];

      // Assess
      expect(ALL_OUTCOME_ROWS).toHaveLength(fromTables.length);
      expect(new Set(ALL_OUTCOME_ROWS)).toEqual(new Set(fromTables));
    });

    it('gives every row a unique id', () => {
      const ids = ALL_OUTCOME_ROWS.map((row) => row.id);

      expect(new Set(ids).size).toBe(ids.length);
    });

    it('names every id after the operation of its row', () => {
      expect(idsWhere((row) => !new RegExp(`^${row.operation}:[a-z]+:.+$`).test(row.id))).toEqual(
        [],
      );
    });

    it('releases for fulfilment only the rows with status paid', () => {
      expect(idsWhere((row) => row.fulfil !== (row.status === OrderStatus.Paid))).toEqual([]);
    });

    it('gives status paid only to the captured Charge', () => {
      expect(idsWhere((row) => row.status === OrderStatus.Paid)).toEqual([
        `Charge:approved:${CAPTURED_REASON_CODE}`,
      ]);
    });

    it('never fulfils a certification row', () => {
      // Prepare
      const certification = ALL_OUTCOME_ROWS.filter(
        (row) =>
          row.status === OrderStatus.CertificationTest ||
          codeOf(row) === CERTIFICATION_TEST_TRANSACTION,
      );

      // Assess
      expect(certification.map((row) => row.id).sort()).toEqual(
        [
          `Charge:approved:${CERTIFICATION_TEST_TRANSACTION}`,
          `Charge:error:${CERTIFICATION_TEST_TRANSACTION}`,
        ].sort(),
      );
      expect(certification.filter((row) => row.fulfil)).toEqual([]);
    });

    it('gives a certification test the normal confirmation (protocol page 4)', () => {
      expect(
        idsWhere(
          (row) =>
            row.status === OrderStatus.CertificationTest &&
            (row.reply !== Reply.Confirmed || row.card !== 'confirmation'),
        ),
      ).toEqual([]);
    });

    it('sends no confirmation card unless the order is paid or a certification test', () => {
      expect(
        idsWhere(
          (row) =>
            row.status !== OrderStatus.Paid &&
            row.status !== OrderStatus.CertificationTest &&
            row.card === 'confirmation',
        ),
      ).toEqual([]);
    });

    it('confirms by voice only a paid order or a certification test', () => {
      // SETUP_APPROVED_ROW's reply is never spoken: the Charge directive goes out without speech.
      expect(
        idsWhere(
          (row) =>
            row !== SETUP_APPROVED_ROW &&
            row.status !== OrderStatus.Paid &&
            row.status !== OrderStatus.CertificationTest &&
            row.reply === Reply.Confirmed,
        ),
      ).toEqual([]);
    });

    it('sends the consent card for the permission codes, and only for them', () => {
      const permission = (row: OutcomeRow) =>
        (PERMISSION_ERRORS as ReadonlyArray<string>).includes(codeOf(row));

      expect(idsWhere((row) => permission(row) !== (row.card === 'consent'))).toEqual([]);
      expect(idsWhere(permission)).toHaveLength(2 * PERMISSION_ERRORS.length);
    });

    it('sends the voice purchasing card for VoicePurchaseNotEnabled, and only for it', () => {
      const voicePurchase = (row: OutcomeRow) =>
        (VOICE_PURCHASE_ERRORS as ReadonlyArray<string>).includes(codeOf(row));

      expect(idsWhere((row) => voicePurchase(row) !== (row.card === 'voicePurchase'))).toEqual([]);
      expect(idsWhere(voicePurchase)).toEqual([
        'Setup:error:VoicePurchaseNotEnabled',
        'Charge:error:VoicePurchaseNotEnabled',
      ]);
    });

    it('answers with a few words that neither repeat nor contradict Amazon when it spoke', () => {
      const amazonSpokeReplies: ReadonlyArray<Reply> = [
        Reply.AmazonSpoke,
        Reply.AmazonSpokeTryLater,
      ];

      expect(idsWhere((row) => row.amazonSpoke !== amazonSpokeReplies.includes(row.reply))).toEqual(
        [],
      );
    });

    it('lets no Setup row but the approved one move the order to charge-pending', () => {
      expect(
        idsWhere((row) => row.status === OrderStatus.ChargePending && row !== SETUP_APPROVED_ROW),
      ).toEqual([]);
      expect(SETUP_APPROVED_ROW.status).toBe(OrderStatus.ChargePending);
    });

    it('keeps the order unchanged only when it may be retried later or with the same reference', () => {
      const retries: ReadonlyArray<Retry> = [Retry.Later, Retry.SameReference];

      expect(idsWhere((row) => row.status === 'unchanged' && !retries.includes(row.retry))).toEqual(
        [],
      );
    });

    it('freezes every row', () => {
      expect(idsWhere((row) => !Object.isFrozen(row))).toEqual([]);
      expect(Object.isFrozen(ALL_OUTCOME_ROWS)).toBe(true);
    });

    it('refuses changes to a row', () => {
      // Prepare
      const row = SETUP_APPROVED_ROW as { status: string };

      // Act
      const change = () => {
        row.status = OrderStatus.Paid;
      };

      // Assess
      expect(change).toThrow(TypeError);
      expect(SETUP_APPROVED_ROW.status).toBe(OrderStatus.ChargePending);
    });

    it.each(TABLES)('freezes the table %s', (_name, table) => {
      expect(Object.isFrozen(table)).toBe(true);
    });
  });

  describe('policies of the protocol page', () => {
    it.each(SETUP_ERRORS_HANDLED_BY_AMAZON)(
      'knows that Amazon Pay spoke after %s (5.1)',
      (code) => {
        expect(lookUpRow(SETUP_ERROR_ROWS, code)?.amazonSpoke).toBe(true);
      },
    );

    it('retries a throttled Setup later, not in the same turn (5.1)', () => {
      expect(SETUP_ERROR_ROWS.RequestThrottled).toMatchObject({
        status: 'unchanged',
        retry: Retry.Later,
      });
    });

    it.each([
      ...[...SETUP_AND_CHARGE_INTEGRATION_ERRORS, ...SETUP_ONLY_INTEGRATION_ERRORS].map(
        (code): [string, string, Table] => ['Setup', code, SETUP_ERROR_ROWS],
      ),
      ...SETUP_AND_CHARGE_INTEGRATION_ERRORS.map((code): [string, string, Table] => [
        'Charge',
        code,
        CHARGE_ERROR_ROWS,
      ]),
    ])('fails the %s integration error %s for the merchant to fix (5.2)', (_op, code, table) => {
      expect(lookUpRow(table, code)).toMatchObject({
        status: OrderStatus.Failed,
        amazonSpoke: false,
        retry: Retry.None,
        log: { level: 'error' },
      });
    });

    it.each(['InternalServerError', 'ServiceUnavailable', 'RequestThrottled'])(
      'resends a Charge after %s only with the same reference (5.4)',
      (code) => {
        expect(lookUpRow(CHARGE_ERROR_ROWS, code)).toMatchObject({
          status: 'unchanged',
          retry: Retry.SameReference,
        });
      },
    );

    it.each(['InvalidBillingAgreementId', 'BillingAgreementNotFound'])(
      'runs Setup again after %s (5.4)',
      (code) => {
        expect(lookUpRow(CHARGE_ERROR_ROWS, code)).toMatchObject({
          status: OrderStatus.Failed,
          retry: Retry.NewSetup,
        });
      },
    );

    it('lets Alexa speak for InvalidPaymentMethod, and waits for the payment update (5.5)', () => {
      expect(DECLINE_REASON_ROWS.InvalidPaymentMethod).toMatchObject({
        status: OrderStatus.Declined,
        amazonSpoke: true,
        retry: Retry.AfterPaymentUpdate,
      });
    });

    it('does not retry AmazonRejected automatically (5.5)', () => {
      expect(DECLINE_REASON_ROWS.AmazonRejected.retry).toBe(Retry.None);
    });

    it.each(['TransactionTimedOut', 'ProcessingFailure'] as const)(
      'allows a later retry after %s (5.5)',
      (reason) => {
        expect(DECLINE_REASON_ROWS[reason].retry).toBe(Retry.NextAttempt);
      },
    );

    it.each(DECLINE_REASONS)('declines %s (5.5)', (reason) => {
      expect(lookUpRow(DECLINE_REASON_ROWS, reason)?.status).toBe(OrderStatus.Declined);
    });

    it.each(
      Object.values(FALLBACK_ROWS)
        .filter((row) => row !== FALLBACK_ROWS.chargeMalformed)
        .map((row) => [row.id, row] as const),
    )('fails %s safely with a short apology (5.6)', (_id, row) => {
      expect(row).toMatchObject({
        status: OrderStatus.Failed,
        reply: Reply.SomethingWentWrong,
        fulfil: false,
      });
    });
  });

  describe('a Charge answered 200 with an unreadable payload', () => {
    it('is held for review, never paid nor failed: Amazon may have taken the money', () => {
      expect(FALLBACK_ROWS.chargeMalformed).toMatchObject({
        status: OrderStatus.HeldForReview,
        reply: Reply.HeldForReview,
        fulfil: false,
      });
    });
  });

  describe('lookUpRow', () => {
    const NOT_CODES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
    const cases = TABLES.flatMap(([name, table]) =>
      NOT_CODES.map((key): [string, string, Table] => [key, name, table]),
    );

    it.each(cases)('ignores %s in %s', (key, _name, table) => {
      expect(lookUpRow(table, key)).toBeUndefined();
    });

    it.each(TABLES)('finds nothing for an undefined code in %s', (_name, table) => {
      expect(lookUpRow(table, undefined)).toBeUndefined();
    });

    it('finds a row by its code', () => {
      expect(lookUpRow(CHARGE_ERROR_ROWS, 'DuplicateRequest')).toBe(
        CHARGE_ERROR_ROWS.DuplicateRequest,
      );
    });

    it('tells codes apart by case', () => {
      expect(lookUpRow(SETUP_ERROR_ROWS, 'access_denied')).toBeUndefined();
    });
  });

  describe('findRowById', () => {
    it.each(ALL_OUTCOME_ROWS.map((row) => [row.id, row] as const))(
      'finds %s by its id',
      (id, row) => {
        expect(findRowById(id)).toBe(row);
      },
    );

    it.each([undefined, '', 'Charge:error:SomethingNew', 'charge:approved:MaxCapturesProcessed'])(
      'finds nothing for %p',
      (id) => {
        expect(findRowById(id)).toBeUndefined();
      },
    );
  });
});
