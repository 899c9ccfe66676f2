import type { interfaces } from 'ask-sdk-model';

type ReleaseEnvironment = interfaces.amazonpay.model.response.ReleaseEnvironment;

/** The reason codes a scenario can force on a declined authorization (protocol page, 5.5). */
export const DeclineReasonCode = {
  InvalidPaymentMethod: 'InvalidPaymentMethod',
  AmazonRejected: 'AmazonRejected',
  TransactionTimedOut: 'TransactionTimedOut',
  ProcessingFailure: 'ProcessingFailure',
} as const;

/** One of the decline reason codes. */
export type DeclineReasonCode = (typeof DeclineReasonCode)[keyof typeof DeclineReasonCode];

/**
 * The `PaymentAuthenticationStatus.State` values of an SCA sandbox simulation string (protocol
 * page, 5.6 and 8): `{"SandboxSimulation":{"PaymentAuthenticationStatus":{"State":"Failure"}}}`.
 */
export const PaymentAuthenticationState = {
  Success: 'Success',
  Failure: 'Failure',
  Abandoned: 'Abandoned',
  NotSupported: 'NotSupported',
} as const;

/** One of the SCA simulation states. */
export type PaymentAuthenticationState =
  (typeof PaymentAuthenticationState)[keyof typeof PaymentAuthenticationState];

/** An SCA simulation state that stops the operation with an error. */
export type FailedPaymentAuthenticationState = Exclude<PaymentAuthenticationState, 'Success'>;

/**
 * The error code a Setup or Charge answers for each failed SCA simulation state.
 *
 * **UNCONFIRMED.** These names are the project's reading: Amazon's integration guide says a failed,
 * abandoned or unsupported authentication answers with "a dedicated authentication error", but the
 * page holding the exact code strings was not readable (protocol page, 5.6). The skill must treat
 * any unknown code as a failure anyway, so a wrong guess here cannot make it ship an unpaid order.
 */
export const PAYMENT_AUTHENTICATION_ERROR_CODES = {
  Failure: 'PaymentAuthenticationFailed',
  Abandoned: 'PaymentAuthenticationAbandoned',
  NotSupported: 'PaymentAuthenticationNotSupported',
} as const satisfies Record<FailedPaymentAuthenticationState, string>;

/** One of the (UNCONFIRMED) SCA error codes. */
export type PaymentAuthenticationErrorCode =
  (typeof PAYMENT_AUTHENTICATION_ERROR_CODES)[FailedPaymentAuthenticationState];

/** What a seller note asks the simulator to do, or why it cannot. */
export type SandboxSimulation =
  | { readonly kind: 'none' }
  | { readonly kind: 'decline'; readonly reasonCode: DeclineReasonCode }
  | { readonly kind: 'authentication'; readonly state: PaymentAuthenticationState }
  | { readonly kind: 'problem'; readonly errorCode: string; readonly message: string };

type JsonRecord = Readonly<Record<string, unknown>>;
type SimulationProblem = Extract<SandboxSimulation, { kind: 'problem' }>;

const SANDBOX_DECLINES: readonly string[] = [
  DeclineReasonCode.InvalidPaymentMethod,
  DeclineReasonCode.AmazonRejected,
  DeclineReasonCode.TransactionTimedOut,
];

const AUTHENTICATION_STATES: readonly string[] = Object.values(PaymentAuthenticationState);

/** The message of an `InvalidSandboxSimulationSpecified` answer. */
export const INVALID_SIMULATION_MESSAGE =
  'The sandbox simulation string is not a valid combination.';

const INVALID_SIMULATION: SimulationProblem = {
  kind: 'problem',
  errorCode: 'InvalidSandboxSimulationSpecified',
  message: INVALID_SIMULATION_MESSAGE,
};

/**
 * Reads a decline simulation string from a Charge's `sellerAuthorizationNote` (protocol page, 8).
 *
 * Only the three declines the page lists are simulated; any other content of a `SandboxSimulation`
 * string is `InvalidSandboxSimulationSpecified`. On a LIVE agreement a simulation string is refused
 * with `InvalidParameterValue`. A note without the word `SandboxSimulation` is plain text.
 */
export function readDeclineSimulation(
  note: string | undefined,
  environment: ReleaseEnvironment,
): SandboxSimulation {
  const simulation = readSimulationObject(note, environment);
  if (!('record' in simulation)) {
    return simulation;
  }
  const fields = simulation.record;
  const reasonCode = fields['ReasonCode'];
  if (
    fields['State'] !== 'Declined' ||
    typeof reasonCode !== 'string' ||
    !SANDBOX_DECLINES.includes(reasonCode)
  ) {
    return INVALID_SIMULATION;
  }
  const extras = Object.keys(fields).filter((key) => key !== 'State' && key !== 'ReasonCode');
  if (extras.length > 0) {
    const updateTime = fields['PaymentMethodUpdateTimeInMins'];
    const softDecline = fields['SoftDecline'];
    const extrasValid =
      reasonCode === 'InvalidPaymentMethod' &&
      extras.every((key) => key === 'PaymentMethodUpdateTimeInMins' || key === 'SoftDecline') &&
      (updateTime === undefined ||
        (typeof updateTime === 'number' && Number.isInteger(updateTime) && updateTime > 0)) &&
      (softDecline === undefined || softDecline === 'true' || softDecline === 'false');
    if (!extrasValid) {
      return INVALID_SIMULATION;
    }
  }
  return { kind: 'decline', reasonCode: reasonCode as DeclineReasonCode };
}

/**
 * Reads an SCA simulation string from a seller note (protocol page, 5.6 and 8): the `sellerNote` of
 * a Charge's `sellerOrderAttributes`, or of a Setup's `billingAgreementAttributes`.
 *
 * Exactly `{"SandboxSimulation":{"PaymentAuthenticationStatus":{"State":S}}}` with S one of
 * `Success`, `Failure`, `Abandoned`, `NotSupported` is accepted; an unknown state, an extra key at
 * any level or any other simulation (a decline string included) is
 * `InvalidSandboxSimulationSpecified`. On a LIVE agreement a simulation string is refused with
 * `InvalidParameterValue`. A note without the word `SandboxSimulation` is plain text.
 */
export function readAuthenticationSimulation(
  note: string | undefined,
  environment: ReleaseEnvironment,
): SandboxSimulation {
  const simulation = readSimulationObject(note, environment);
  if (!('record' in simulation)) {
    return simulation;
  }
  const fields = simulation.record;
  const status = fields['PaymentAuthenticationStatus'];
  if (Object.keys(fields).length !== 1 || !isRecord(status) || Object.keys(status).length !== 1) {
    return INVALID_SIMULATION;
  }
  const state = status['State'];
  if (typeof state !== 'string' || !AUTHENTICATION_STATES.includes(state)) {
    return INVALID_SIMULATION;
  }
  return { kind: 'authentication', state: state as PaymentAuthenticationState };
}

// The shared part: plain text, a refused LIVE string, an invalid string, or the inner object.
function readSimulationObject(
  note: string | undefined,
  environment: ReleaseEnvironment,
): { readonly kind: 'none' } | SimulationProblem | { readonly record: JsonRecord } {
  // Any note naming SandboxSimulation is taken as a simulation string; any other note is text.
  if (note === undefined || !note.includes('SandboxSimulation')) {
    return { kind: 'none' };
  }
  if (environment === 'LIVE') {
    return {
      kind: 'problem',
      errorCode: 'InvalidParameterValue',
      message: 'Sandbox simulation strings are accepted only on SANDBOX billing agreements',
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(note);
  } catch {
    return INVALID_SIMULATION;
  }
  if (
    !isRecord(parsed) ||
    Object.keys(parsed).length !== 1 ||
    !isRecord(parsed['SandboxSimulation'])
  ) {
    return INVALID_SIMULATION;
  }
  return { record: parsed['SandboxSimulation'] };
}

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
