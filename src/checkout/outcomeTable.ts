import { OrderStatus } from './OrderStatus';

/**
 * How the shopper may try again after an outcome.
 *
 * `nextAttempt` charges the same agreement again with the next authorizationReferenceId;
 * `sameReference` re-sends the very same Charge (same reference id, so Amazon Pay cannot charge
 * twice); `newSetup` needs a new billing agreement; the `after*` values need the shopper to act
 * in their Amazon account or the Alexa app first.
 */
export const Retry = {
  None: 'none',
  Later: 'later',
  SameReference: 'sameReference',
  NextAttempt: 'nextAttempt',
  AfterPaymentUpdate: 'afterPaymentUpdate',
  AfterAddressUpdate: 'afterAddressUpdate',
  AfterConsent: 'afterConsent',
  AfterSettings: 'afterSettings',
  NewSetup: 'newSetup',
  NewOrder: 'newOrder',
} as const;
export type Retry = (typeof Retry)[keyof typeof Retry];

/** What the shopper hears: the key of a prompt in `speech/`. */
export const Reply = {
  Confirmed: 'confirmed',
  HeldForReview: 'heldForReview',
  PermissionNeeded: 'permissionNeeded',
  VoicePurchaseDisabled: 'voicePurchaseDisabled',
  /** Alexa or Amazon Pay has already spoken: a few words that neither repeat nor contradict it. */
  AmazonSpoke: 'amazonSpoke',
  AmazonSpokeTryLater: 'amazonSpokeTryLater',
  Declined: 'declined',
  DeclinedTryLater: 'declinedTryLater',
  AgreementNotUsable: 'agreementNotUsable',
  NoShippingAddress: 'noShippingAddress',
  /** The Setup's shipping address is one the shop does not deliver to. */
  Undeliverable: 'undeliverable',
  /** The Setup's shipping address is priced differently from the order (the address changed). */
  AddressChanged: 'addressChanged',
  SetupFailed: 'setupFailed',
  PaymentFailed: 'paymentFailed',
  PaymentUnfinished: 'paymentUnfinished',
  SomethingWentWrong: 'somethingWentWrong',
} as const;
export type Reply = (typeof Reply)[keyof typeof Reply];

/** Which card goes to the Alexa app with the answer. */
export type CardKind = 'none' | 'consent' | 'voicePurchase' | 'confirmation';

/** How loudly the merchant's log records an outcome. */
export type LogLevel = 'info' | 'warn' | 'error';

/** `unchanged`: the order keeps its status (nothing is written), so a retry can continue it. */
export type RowStatus = OrderStatus | 'unchanged';

/**
 * One row of the classification table: everything the skill does about one kind of answer.
 */
export type OutcomeRow = {
  /** Stable id: `<Setup|Charge>:<form>:<code>`, e.g. `Charge:error:InvalidPaymentMethod`. */
  readonly id: string;
  readonly operation: 'Setup' | 'Charge';
  /** Final order status. */
  readonly status: RowStatus;
  /** Alexa or Amazon Pay has already told the shopper (protocol page, 5.1 and 5.5). */
  readonly amazonSpoke: boolean;
  readonly reply: Reply;
  readonly card: CardKind;
  readonly retry: Retry;
  /** Released for fulfilment (only the `paid` row). */
  readonly fulfil: boolean;
  readonly log: { readonly level: LogLevel; readonly note: string };
};

type Policy = Omit<OutcomeRow, 'id' | 'operation' | 'fulfil'>;

function row(
  operation: 'Setup' | 'Charge',
  form: string,
  code: string,
  policy: Policy,
): OutcomeRow {
  return Object.freeze({
    id: `${operation}:${form}:${code}`,
    operation,
    ...policy,
    fulfil: policy.status === OrderStatus.Paid,
  });
}

function rows<K extends string>(
  operation: 'Setup' | 'Charge',
  form: string,
  policies: Readonly<Record<K, Policy>>,
): Readonly<Record<K, OutcomeRow>> {
  const entries = Object.entries<Policy>(policies).map(
    ([code, policy]) => [code, row(operation, form, code, policy)] as const,
  );
  return Object.freeze(Object.fromEntries(entries) as Record<K, OutcomeRow>);
}

const FAILED = OrderStatus.Failed;
const DECLINED = OrderStatus.Declined;

// Policies shared by several codes.
const AMAZON_HANDLED = (note: string, retry: Retry, level: LogLevel = 'warn'): Policy => ({
  status: FAILED,
  amazonSpoke: true,
  reply: Reply.AmazonSpoke,
  card: 'none',
  retry,
  log: { level, note },
});
const INTEGRATION = (note: string, reply: Reply = Reply.SetupFailed): Policy => ({
  status: FAILED,
  amazonSpoke: false,
  reply,
  card: 'none',
  retry: Retry.None,
  log: { level: 'error', note: `integration error, fix before launch: ${note}` },
});
const PERMISSION: Policy = {
  status: FAILED,
  amazonSpoke: false,
  reply: Reply.PermissionNeeded,
  card: 'consent',
  retry: Retry.AfterConsent,
  log: { level: 'info', note: 'Amazon Pay permission not granted; consent card sent' },
};
const VOICE_PURCHASE: Policy = {
  status: FAILED,
  amazonSpoke: false,
  reply: Reply.VoicePurchaseDisabled,
  card: 'voicePurchase',
  retry: Retry.AfterSettings,
  log: { level: 'info', note: 'voice purchasing is off in the Alexa app' },
};
// SCA (EU/UK): the code names are the project's reading; the page with Amazon's names was not
// readable (protocol page 5.6). Amazon Pay speaks its own prompt; no money is taken.
const AUTHENTICATION = (status: OrderStatus, note: string): Policy => ({
  status,
  amazonSpoke: true,
  reply: Reply.AmazonSpoke,
  card: 'none',
  retry: status === DECLINED ? Retry.NextAttempt : Retry.NewOrder,
  log: { level: 'info', note },
});

const SETUP_PERMISSION_AND_SETTINGS = {
  ACCESS_DENIED: PERMISSION,
  ACCESS_NOT_REQUESTED: PERMISSION,
  FORBIDDEN: PERMISSION,
  MissingPermissionsToAccessResource: PERMISSION,
  VoicePurchaseNotEnabled: VOICE_PURCHASE,
};

/**
 * Setup errors, by `payload.errorCode` (or `status.message`): protocol page 5.1 to 5.3 and 5.6.
 * No Charge follows any of them.
 */
export const SETUP_ERROR_ROWS = rows('Setup', 'error', {
  // 5.1: Amazon Pay has played its own prompt.
  UnsupportedClientPlatform: AMAZON_HANDLED('device cannot use Amazon Pay', Retry.None),
  InvalidShippingAddress: AMAZON_HANDLED(
    'default shipping address invalid',
    Retry.AfterAddressUpdate,
  ),
  InvalidAccountStatus: AMAZON_HANDLED(
    'merchant account suspended or incomplete: check Seller Central',
    Retry.None,
    'error',
  ),
  InvalidMerchantAccountStatus: AMAZON_HANDLED(
    'merchant account suspended or incomplete: check Seller Central',
    Retry.None,
    'error',
  ),
  RequestThrottled: {
    // The order waits in setup-pending: the next visit can send Setup again.
    status: 'unchanged',
    amazonSpoke: true,
    reply: Reply.AmazonSpokeTryLater,
    card: 'none',
    retry: Retry.Later,
    log: { level: 'warn', note: 'Setup throttled; retry later with backoff' },
  },
  // 5.2: integration errors, handled by us.
  InvalidParameterValue: INTEGRATION('a Setup field is malformed'),
  InvalidSellerId: INTEGRATION('sellerId unknown or not linked to this skill'),
  UnauthorizedAccess: INTEGRATION('skill not authorized for this seller, or sandbox/live mismatch'),
  InvalidSandboxCustomerEmail: INTEGRATION('sandbox customer email is not a sandbox buyer'),
  BuyerEqualsSeller: INTEGRATION("the buyer is the merchant's own account"),
  UnsupportedCountryOfEstablishment: INTEGRATION('countryOfEstablishment not supported'),
  UnsupportedCurrency: INTEGRATION('ledgerCurrency not valid for the region'),
  ReleaseEnvironmentNotAllowed: INTEGRATION('release environment not allowed'),
  InvalidBillingAgreementType: INTEGRATION('billingAgreementType not allowed'),
  InvalidSubscriptionAmount: INTEGRATION('subscriptionAmount invalid'),
  MissingSkillManifestData: INTEGRATION('skill manifest lacks Amazon Pay data'),
  InvalidSandboxSimulationSpecified: INTEGRATION('sandbox simulation string invalid'),
  // 5.3: permissions and voice purchasing.
  ...SETUP_PERMISSION_AND_SETTINGS,
  // 5.6: a failed authentication on Setup (charge later) creates no agreement.
  PaymentAuthenticationFailed: AUTHENTICATION(FAILED, 'authentication failed on Setup'),
  PaymentAuthenticationAbandoned: AUTHENTICATION(FAILED, 'authentication abandoned on Setup'),
  PaymentAuthenticationNotSupported: AUTHENTICATION(FAILED, 'authentication not supported'),
  // 5.4 codes that Amazon may also return on Setup.
  InternalServerError: {
    status: 'unchanged',
    amazonSpoke: false,
    reply: Reply.SetupFailed,
    card: 'none',
    retry: Retry.Later,
    log: { level: 'warn', note: 'Amazon Pay error on Setup; the order may be set up again' },
  },
  ServiceUnavailable: {
    status: 'unchanged',
    amazonSpoke: false,
    reply: Reply.SetupFailed,
    card: 'none',
    retry: Retry.Later,
    log: { level: 'warn', note: 'Amazon Pay unavailable on Setup; the order may be set up again' },
  },
});

const DECLINE_POLICIES = {
  // Alexa itself tells the shopper to update the payment method (alexa-cookbook #162): never
  // repeat that advice. The agreement is SUSPENDED until the shopper updates it.
  InvalidPaymentMethod: {
    status: DECLINED,
    amazonSpoke: true,
    reply: Reply.AmazonSpoke,
    card: 'none',
    retry: Retry.AfterPaymentUpdate,
    log: { level: 'info', note: 'declined: payment method; agreement suspended until updated' },
  },
  AmazonRejected: {
    status: DECLINED,
    amazonSpoke: false,
    reply: Reply.Declined,
    card: 'none',
    retry: Retry.None,
    log: { level: 'info', note: 'declined by Amazon (risk); do not retry automatically' },
  },
  TransactionTimedOut: {
    status: DECLINED,
    amazonSpoke: false,
    reply: Reply.DeclinedTryLater,
    card: 'none',
    retry: Retry.NextAttempt,
    log: { level: 'info', note: 'declined: not processed in time; retry possible' },
  },
  ProcessingFailure: {
    status: DECLINED,
    amazonSpoke: false,
    reply: Reply.DeclinedTryLater,
    card: 'none',
    retry: Retry.NextAttempt,
    log: { level: 'warn', note: 'declined: Amazon processing failure; retry possible' },
  },
} satisfies Record<string, Policy>;

const CERTIFICATION: Policy = {
  status: OrderStatus.CertificationTest,
  amazonSpoke: false,
  reply: Reply.Confirmed,
  card: 'confirmation',
  retry: Retry.None,
  log: { level: 'info', note: 'certification test transaction: never ship' },
};

const UNFINISHED = (note: string): Policy => ({
  // Kept in charge-pending with its reference id: the same Charge may be sent again, and Amazon
  // Pay answers a repeated reference id with the first result instead of a second charge.
  status: 'unchanged',
  amazonSpoke: false,
  reply: Reply.PaymentUnfinished,
  card: 'none',
  retry: Retry.SameReference,
  log: { level: 'warn', note },
});

/**
 * Charge errors, by `payload.errorCode` (or `status.message`): protocol page 5.3 to 5.6, and the
 * 400 form of a decline (5.5).
 */
export const CHARGE_ERROR_ROWS = rows('Charge', 'error', {
  ...DECLINE_POLICIES,
  CertificationTestTransaction: CERTIFICATION,
  ACCESS_DENIED: PERMISSION,
  ACCESS_NOT_REQUESTED: PERMISSION,
  FORBIDDEN: PERMISSION,
  MissingPermissionsToAccessResource: PERMISSION,
  VoicePurchaseNotEnabled: VOICE_PURCHASE,
  InvalidBillingAgreementId: {
    status: FAILED,
    amazonSpoke: false,
    reply: Reply.PaymentFailed,
    card: 'none',
    retry: Retry.NewSetup,
    log: { level: 'error', note: 'billing agreement unknown (wrong seller or environment)' },
  },
  BillingAgreementNotFound: {
    status: FAILED,
    amazonSpoke: false,
    reply: Reply.PaymentFailed,
    card: 'none',
    retry: Retry.NewSetup,
    log: { level: 'error', note: 'billing agreement not found' },
  },
  InvalidBillingAgreementStatus: {
    status: FAILED,
    amazonSpoke: false,
    reply: Reply.AgreementNotUsable,
    card: 'none',
    retry: Retry.NewSetup,
    log: { level: 'info', note: 'billing agreement not OPEN' },
  },
  InvalidAuthorizationAmount: INTEGRATION('authorization amount invalid', Reply.PaymentFailed),
  InvalidPaymentAction: INTEGRATION('paymentAction invalid', Reply.PaymentFailed),
  DuplicateRequest: INTEGRATION(
    'authorizationReferenceId reused with other parameters',
    Reply.PaymentFailed,
  ),
  ProviderNotAuthorized: INTEGRATION('providerAttributes not authorized', Reply.PaymentFailed),
  InvalidParameterValue: INTEGRATION('a Charge field is malformed', Reply.PaymentFailed),
  InvalidSellerId: INTEGRATION('sellerId unknown or not linked', Reply.PaymentFailed),
  UnauthorizedAccess: INTEGRATION('skill not authorized for this seller', Reply.PaymentFailed),
  UnsupportedCurrency: INTEGRATION('currency not valid for the region', Reply.PaymentFailed),
  InvalidSandboxSimulationSpecified: INTEGRATION(
    'sandbox simulation string invalid',
    Reply.PaymentFailed,
  ),
  PeriodicAmountExceeded: {
    status: FAILED,
    amazonSpoke: false,
    reply: Reply.PaymentFailed,
    card: 'none',
    retry: Retry.None,
    log: { level: 'warn', note: 'monthly limit of the agreement exceeded' },
  },
  InternalServerError: UNFINISHED('Amazon Pay error on Charge; resend with the same reference'),
  ServiceUnavailable: UNFINISHED(
    'Amazon Pay unavailable on Charge; resend with the same reference',
  ),
  RequestThrottled: UNFINISHED('Charge throttled; resend later with the same reference'),
  PaymentAuthenticationFailed: AUTHENTICATION(DECLINED, 'authentication failed on Charge'),
  PaymentAuthenticationAbandoned: AUTHENTICATION(DECLINED, 'authentication abandoned on Charge'),
  PaymentAuthenticationNotSupported: AUTHENTICATION(
    FAILED,
    'authentication not supported for the payment method',
  ),
  UnsupportedClientPlatform: AMAZON_HANDLED('device cannot use Amazon Pay', Retry.None),
});

/** Declines in the 200 form: `authorizationStatus.state` `Declined` with this reasonCode (5.5). */
export const DECLINE_REASON_ROWS = rows('Charge', 'declined', DECLINE_POLICIES);

/** Approvals (`Closed` or `Open` states) by reasonCode. */
export const APPROVAL_ROWS = rows('Charge', 'approved', {
  // AuthorizeAndCapture captured in full: the only row released for fulfilment.
  MaxCapturesProcessed: {
    status: OrderStatus.Paid,
    amazonSpoke: false,
    reply: Reply.Confirmed,
    card: 'confirmation',
    retry: Retry.None,
    log: { level: 'info', note: 'paid: released for fulfilment' },
  },
  CertificationTestTransaction: CERTIFICATION,
});

const HELD = (note: string): Policy => ({
  status: OrderStatus.HeldForReview,
  amazonSpoke: false,
  reply: Reply.HeldForReview,
  card: 'none',
  retry: Retry.None,
  log: { level: 'warn', note: `held for review: ${note}` },
});

/** Authorization states other than a clean capture or a decline (protocol page 4). */
export const AUTHORIZATION_STATE_ROWS = rows('Charge', 'state', {
  // Authorized but not captured: AuthorizeAndCapture should have closed it.
  Open: HELD('authorization Open, not captured'),
  // Should not happen with transactionTimeout 0; never fulfilled until confirmed.
  Pending: HELD('authorization Pending'),
  // Closed with a reasonCode the table does not know.
  ClosedUnknownReason: HELD('approved with an unknown reason code'),
  // A state that is none of Open, Closed, Declined, Pending.
  Unknown: HELD('unknown authorization state'),
  AmountMismatch: HELD('captured amount differs from the order total'),
  ReferenceMismatch: HELD('authorizationReferenceId differs from the order'),
  // Declined with a reasonCode the table does not know.
  DeclinedUnknownReason: {
    status: DECLINED,
    amazonSpoke: false,
    reply: Reply.Declined,
    card: 'none',
    retry: Retry.None,
    log: { level: 'warn', note: 'declined with an unknown reason code' },
  },
});

const AGREEMENT_NOT_OPEN = (status: string): Policy => ({
  status: FAILED,
  amazonSpoke: false,
  reply: Reply.AgreementNotUsable,
  card: 'none',
  retry: Retry.AfterPaymentUpdate,
  log: { level: 'info', note: `billing agreement ${status}: not charged` },
});

/** Setup answers with status 200, by `billingAgreementStatus`: only OPEN may be charged (5.7). */
export const AGREEMENT_STATUS_ROWS = rows('Setup', 'agreement', {
  SUSPENDED: AGREEMENT_NOT_OPEN('SUSPENDED'),
  CLOSED: AGREEMENT_NOT_OPEN('CLOSED'),
  CANCELED: AGREEMENT_NOT_OPEN('CANCELED'),
  DRAFT: AGREEMENT_NOT_OPEN('DRAFT'),
  Unknown: AGREEMENT_NOT_OPEN('in an unknown status'),
  // OPEN, but without the shipping address the Setup asked for: nothing to ship to, no Charge.
  NoShippingAddress: {
    status: FAILED,
    amazonSpoke: false,
    reply: Reply.NoShippingAddress,
    card: 'none',
    retry: Retry.AfterAddressUpdate,
    log: { level: 'warn', note: 'OPEN agreement without a shipping address: not charged' },
  },
  // OPEN, but the shipping address is in a country or region the shop does not deliver to.
  UndeliverableAddress: {
    status: FAILED,
    amazonSpoke: false,
    reply: Reply.Undeliverable,
    card: 'none',
    retry: Retry.None,
    log: { level: 'warn', note: 'OPEN agreement with an undeliverable address: not charged' },
  },
  // OPEN, but the address is in another delivery zone than the order was priced for: the total
  // would be wrong, so nothing is charged and the shopper is asked to order again.
  AddressChanged: {
    status: FAILED,
    amazonSpoke: false,
    reply: Reply.AddressChanged,
    card: 'none',
    retry: Retry.None,
    log: { level: 'warn', note: 'OPEN agreement for another delivery zone: not charged' },
  },
});

/** A release environment other than the configuration's: never charged (protocol page 4). */
export const ENVIRONMENT_ROWS = rows('Setup', 'environment', {
  SandboxUnderLive: INTEGRATION(
    'SANDBOX agreement under a live configuration (sandboxMode left on?)',
  ),
  LiveUnderSandbox: INTEGRATION('LIVE agreement under a sandbox configuration'),
});

const UNKNOWN = (operation: 'Setup' | 'Charge', note: string): Policy => ({
  status: FAILED,
  amazonSpoke: false,
  reply: Reply.SomethingWentWrong,
  card: 'none',
  retry: Retry.NewOrder,
  log: { level: 'warn', note: `${operation} ${note}` },
});

/** Answers no other row covers: never fulfilled, a short apology, the raw code logged. */
export const FALLBACK_ROWS = Object.freeze({
  setupUnknownCode: row('Setup', 'error', '*', UNKNOWN('Setup', 'error with an unknown code')),
  setupMalformed: row('Setup', 'malformed', '*', UNKNOWN('Setup', 'answer of an unknown shape')),
  chargeUnknownCode: row('Charge', 'error', '*', UNKNOWN('Charge', 'error with an unknown code')),
  // A 200 answer whose payload cannot be read: Amazon may have taken the money, so the order is
  // neither failed nor paid but held for the merchant to check.
  chargeMalformed: row(
    'Charge',
    'malformed',
    '*',
    HELD('Charge answered 200 with a payload of an unknown shape'),
  ),
});

/** The Setup row that lets the Charge go ahead: an OPEN agreement of the expected environment. */
export const SETUP_APPROVED_ROW = row('Setup', 'agreement', 'OPEN', {
  status: OrderStatus.ChargePending,
  amazonSpoke: false,
  reply: Reply.Confirmed,
  card: 'none',
  retry: Retry.None,
  log: { level: 'info', note: 'billing agreement OPEN: Charge sent' },
});

/** Every row of the table, for review and for the tests that check each one. */
export const ALL_OUTCOME_ROWS: ReadonlyArray<OutcomeRow> = Object.freeze([
  SETUP_APPROVED_ROW,
  ...Object.values(SETUP_ERROR_ROWS),
  ...Object.values(AGREEMENT_STATUS_ROWS),
  ...Object.values(ENVIRONMENT_ROWS),
  ...Object.values(CHARGE_ERROR_ROWS),
  ...Object.values(DECLINE_REASON_ROWS),
  ...Object.values(APPROVAL_ROWS),
  ...Object.values(AUTHORIZATION_STATE_ROWS),
  ...Object.values(FALLBACK_ROWS),
]);

/** Finds a row by its id (as recorded on an order's last outcome). */
export function findRowById(id: string | undefined): OutcomeRow | undefined {
  return ALL_OUTCOME_ROWS.find((r) => r.id === id);
}

/** Looks a code up in one of the tables (own keys only: `__proto__` is not a code). */
export function lookUpRow(
  table: Readonly<Record<string, OutcomeRow>>,
  code: string | undefined,
): OutcomeRow | undefined {
  return code !== undefined && Object.prototype.hasOwnProperty.call(table, code)
    ? table[code]
    : undefined;
}
