import { isRecord } from '../../amazonpay/readUnknown';

/**
 * An authorization outcome forced by a `SellerAuthorizationNote` simulation string, as the
 * Amazon Pay sandbox simulations list them
 * (https://pay.amazon.com/us/developer/documentation/lpwa/201956480).
 */
export type AuthorizationSimulation =
  | {
      readonly kind: 'declined';
      readonly reasonCode: 'InvalidPaymentMethod';
      readonly softDecline: boolean;
      readonly paymentMethodUpdateTimeInMins?: number;
    }
  | { readonly kind: 'declined'; readonly reasonCode: 'AmazonRejected' | 'TransactionTimedOut' }
  | {
      readonly kind: 'closed';
      readonly reasonCode: 'ExpiredUnused';
      readonly expirationTimeInMins?: number;
    }
  | { readonly kind: 'closed'; readonly reasonCode: 'AmazonClosed' };

/** A refund outcome forced by a `SellerRefundNote` simulation string. */
export type RefundSimulation = { readonly kind: 'declined'; readonly reasonCode: 'AmazonRejected' };

/** What a note says: nothing to simulate, a simulation, or an invalid one (an error answer). */
export type SimulationReading<T> =
  | { readonly kind: 'none' }
  | { readonly kind: 'simulation'; readonly simulation: T }
  | { readonly kind: 'invalid' };

const NONE = { kind: 'none' } as const;
const INVALID = { kind: 'invalid' } as const;

/** Reads the `SandboxSimulation` object of a note, or says there is none or it is invalid. */
function readSimulationObject(
  note: string | undefined,
):
  | { kind: 'none' }
  | { kind: 'invalid' }
  | { kind: 'object'; value: Readonly<Record<string, unknown>> } {
  if (note === undefined || !note.includes('SandboxSimulation')) return NONE;
  let parsed: unknown;
  try {
    parsed = JSON.parse(note);
  } catch {
    return INVALID;
  }
  if (!isRecord(parsed) || Object.keys(parsed).length !== 1) return INVALID;
  const value = parsed.SandboxSimulation;
  return isRecord(value) ? { kind: 'object', value } : INVALID;
}

function hasOnlyKeys(
  value: Readonly<Record<string, unknown>>,
  allowed: ReadonlyArray<string>,
): boolean {
  return Object.keys(value).every((key) => allowed.includes(key));
}

function readMinutes(value: unknown): number | undefined | 'invalid' {
  if (value === undefined) return undefined;
  const minutes = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof minutes === 'number' && Number.isSafeInteger(minutes) && minutes >= 0
    ? minutes
    : 'invalid';
}

function readSoftDecline(value: unknown): boolean | 'invalid' {
  if (value === undefined || value === false || value === 'false') return false;
  return value === true || value === 'true' ? true : 'invalid';
}

/**
 * Reads a `SellerAuthorizationNote`: Declined with InvalidPaymentMethod (optional
 * `PaymentMethodUpdateTimeInMins`, `SoftDecline`), AmazonRejected or TransactionTimedOut; Closed
 * with ExpiredUnused (optional `ExpirationTimeInMins`) or AmazonClosed. Any other combination is
 * invalid ("Invalid combinations result in an InvalidSandboxSimulationSpecified error").
 */
export function readAuthorizationSimulation(
  note: string | undefined,
): SimulationReading<AuthorizationSimulation> {
  const read = readSimulationObject(note);
  if (read.kind !== 'object') return read;
  const { State: state, ReasonCode: reasonCode } = read.value;
  if (state === 'Declined' && reasonCode === 'InvalidPaymentMethod') {
    const allowed = ['State', 'ReasonCode', 'PaymentMethodUpdateTimeInMins', 'SoftDecline'];
    const minutes = readMinutes(read.value.PaymentMethodUpdateTimeInMins);
    const softDecline = readSoftDecline(read.value.SoftDecline);
    if (!hasOnlyKeys(read.value, allowed) || minutes === 'invalid' || softDecline === 'invalid') {
      return INVALID;
    }
    return {
      kind: 'simulation',
      simulation: {
        kind: 'declined',
        reasonCode,
        softDecline,
        ...(minutes === undefined ? {} : { paymentMethodUpdateTimeInMins: minutes }),
      },
    };
  }
  if (
    state === 'Declined' &&
    (reasonCode === 'AmazonRejected' || reasonCode === 'TransactionTimedOut')
  ) {
    return hasOnlyKeys(read.value, ['State', 'ReasonCode'])
      ? { kind: 'simulation', simulation: { kind: 'declined', reasonCode } }
      : INVALID;
  }
  if (state === 'Closed' && reasonCode === 'ExpiredUnused') {
    const minutes = readMinutes(read.value.ExpirationTimeInMins);
    if (
      !hasOnlyKeys(read.value, ['State', 'ReasonCode', 'ExpirationTimeInMins']) ||
      minutes === 'invalid'
    ) {
      return INVALID;
    }
    return {
      kind: 'simulation',
      simulation: {
        kind: 'closed',
        reasonCode,
        ...(minutes === undefined ? {} : { expirationTimeInMins: minutes }),
      },
    };
  }
  if (state === 'Closed' && reasonCode === 'AmazonClosed') {
    return hasOnlyKeys(read.value, ['State', 'ReasonCode'])
      ? { kind: 'simulation', simulation: { kind: 'closed', reasonCode } }
      : INVALID;
  }
  return INVALID;
}

/** Reads a `SellerRefundNote`: only Declined with AmazonRejected is documented. */
export function readRefundSimulation(
  note: string | undefined,
): SimulationReading<RefundSimulation> {
  const read = readSimulationObject(note);
  if (read.kind !== 'object') return read;
  const { State: state, ReasonCode: reasonCode } = read.value;
  return state === 'Declined' &&
    reasonCode === 'AmazonRejected' &&
    hasOnlyKeys(read.value, ['State', 'ReasonCode'])
    ? { kind: 'simulation', simulation: { kind: 'declined', reasonCode } }
    : INVALID;
}
