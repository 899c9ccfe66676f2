/**
 * Base class of the billing module's errors.
 *
 * Messages name fields and variables, never their values: no customer key, buyer id, credential or
 * note ever appears in one.
 */
export class BillingError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BillingError';
  }
}

/** An agreement, usage charge or charge given to the store breaks a rule; `field` names it. */
export class InvalidBillingRecordError extends BillingError {
  readonly field: string;

  constructor(field: string, problem: string, options?: ErrorOptions) {
    super(`${field} ${problem}`, options);
    this.name = 'InvalidBillingRecordError';
    this.field = field;
  }
}

/**
 * A stored agreement or charge item is not valid; `field` names the attribute at fault. Always a
 * bug or a hand-edited table: nothing is written over it.
 */
export class CorruptBillingRecordError extends BillingError {
  readonly field: string;

  constructor(field: string, problem: string, options?: ErrorOptions) {
    super(`stored billing record is corrupt: ${field} ${problem}`, options);
    this.name = 'CorruptBillingRecordError';
    this.field = field;
  }
}

/** The store operations of the billing records. */
export type AgreementStoreOperation =
  | 'createAgreement'
  | 'getAgreement'
  | 'listDueAgreements'
  | 'agreementsOfCustomer'
  | 'replaceAgreement'
  | 'recordUsageCharge'
  | 'createCharge'
  | 'getCharge'
  | 'replaceCharge'
  | 'connect';

/**
 * The database could not be reached or refused a request for a reason that is not about the
 * record (network, throttling, timeouts, server errors, a missing table or index).
 */
export class AgreementStoreUnavailableError extends BillingError {
  readonly operation: AgreementStoreOperation;
  readonly retryable: boolean;
  /** The SDK error name or Node error code, such as `ThrottlingException`. */
  readonly code: string | undefined;

  constructor(
    message: string,
    context: {
      readonly operation: AgreementStoreOperation;
      readonly retryable: boolean;
      readonly code?: string;
    },
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'AgreementStoreUnavailableError';
    this.operation = context.operation;
    this.retryable = context.retryable;
    this.code = context.code;
  }
}

/**
 * A write kept losing to concurrent writes of the same record (its version changed each time);
 * nothing was written.
 */
export class AgreementContentionError extends BillingError {
  readonly billingAgreementId: string;

  constructor(billingAgreementId: string, options?: ErrorOptions) {
    super('the agreement kept changing under a write; nothing was written', options);
    this.name = 'AgreementContentionError';
    this.billingAgreementId = billingAgreementId;
  }
}

/** The billing configuration is invalid; `variables` names each variable at fault. */
export class BillingConfigError extends BillingError {
  readonly variables: ReadonlyArray<string>;

  constructor(
    problems: ReadonlyArray<{ readonly variable: string; readonly problem: string }>,
    options?: ErrorOptions,
  ) {
    super(
      `Invalid billing configuration: ${problems.map((p) => `${p.variable} ${p.problem}`).join('; ')}`,
      options,
    );
    this.name = 'BillingConfigError';
    this.variables = problems.map((p) => p.variable);
  }
}
