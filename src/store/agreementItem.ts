import { isRecord } from '../amazonpay/readUnknown';
import type { Agreement, AgreementClaim, QueuedUsage } from '../billing/Agreement';
import { isAgreementState } from '../billing/AgreementState';
import { isBillingPeriod } from '../billing/BillingPeriod';
import type { Charge } from '../billing/Charge';
import type { ChargeOutcome } from '../billing/ChargeOutcome';
import { isChargeState } from '../billing/ChargeState';
import { CorruptBillingRecordError } from '../billing/errors';
import { isMwsFailureCategory } from '../billing/MwsFailureCategory';
import { isCurrency } from '../checkout/money';
import { BILLING_DUE_PARTITION_ATTRIBUTE, NEXT_CHARGE_AT_ATTRIBUTE } from './DynamoDbOrderStore';
import { RECORD_TYPE_ATTRIBUTE, toRecordKey } from './recordType';

/** The `recordType` of an agreement item. */
export const AGREEMENT_RECORD_TYPE = 'agreement';

/** The `recordType` of a charge item. */
export const CHARGE_RECORD_TYPE = 'charge';

/** The `recordType` of the item listing a customer's agreement ids. */
export const CUSTOMER_AGREEMENTS_RECORD_TYPE = 'customer-agreements';

/** The one value of BILLING_DUE_PARTITION_ATTRIBUTE: every listed agreement shares it. */
export const BILLING_DUE_PARTITION = 'due';

type Item = Readonly<Record<string, unknown>>;

/** The table key of an agreement's item. */
export function toAgreementKey(billingAgreementId: string): string {
  return toRecordKey(AGREEMENT_RECORD_TYPE, billingAgreementId);
}

/** The table key of a charge's item. */
export function toChargeKey(authorizationReferenceId: string): string {
  return toRecordKey(CHARGE_RECORD_TYPE, authorizationReferenceId);
}

/** The table key of the item listing a customer's agreements. */
export function toCustomerAgreementsKey(customerKey: string): string {
  return toRecordKey(CUSTOMER_AGREEMENTS_RECORD_TYPE, customerKey);
}

/** Tells whether the due index lists an agreement: active, with a due time and something to charge. */
function isListedDue(agreement: Agreement): boolean {
  return (
    agreement.state === 'active' &&
    agreement.nextChargeAt !== undefined &&
    (agreement.kind === 'subscription' || agreement.usageQueue.length > 0)
  );
}

/**
 * Maps an agreement to its item. Field names avoid the order indexes' keys (`userId`,
 * `createdAt`, `status`, `updatedAt`); the due index's keys are set only while it is due, so that
 * the index holds nothing else.
 */
export function toAgreementItem(agreement: Agreement): Item {
  const common: Record<string, unknown> = {
    orderId: toAgreementKey(agreement.billingAgreementId),
    [RECORD_TYPE_ATTRIBUTE]: AGREEMENT_RECORD_TYPE,
    billingAgreementId: agreement.billingAgreementId,
    customerKey: agreement.customerKey,
    kind: agreement.kind,
    productId: agreement.productId,
    currency: agreement.currency,
    agreementState: agreement.state,
    stateReason: agreement.stateReason,
    recordCreatedAt: agreement.createdAt,
    recordUpdatedAt: agreement.updatedAt,
    version: agreement.version,
    sellerNote: agreement.sellerNote,
    sellerAuthorizationNote: agreement.sellerAuthorizationNote,
    [NEXT_CHARGE_AT_ATTRIBUTE]: agreement.nextChargeAt,
    claimRunId: agreement.claim?.runId,
    claimExpiresAt: agreement.claim?.expiresAt,
  };
  if (isListedDue(agreement)) common[BILLING_DUE_PARTITION_ATTRIBUTE] = BILLING_DUE_PARTITION;
  const specific =
    agreement.kind === 'subscription'
      ? {
          amountMinor: agreement.amountMinor,
          period: agreement.period,
          firstChargeAt: agreement.firstChargeAt,
          periodIndex: agreement.periodIndex,
          attempt: agreement.attempt,
        }
      : {
          usageQueue: agreement.usageQueue.map((entry) => ({
            usageId: entry.usageId,
            amountMinor: entry.amountMinor,
            attempt: entry.attempt,
            queuedAt: entry.queuedAt,
          })),
        };
  // Undefined optional fields are dropped, so that the item holds only what is set.
  return Object.fromEntries(
    Object.entries({ ...common, ...specific }).filter(([, value]) => value !== undefined),
  );
}

function corrupt(field: string, problem: string): CorruptBillingRecordError {
  return new CorruptBillingRecordError(field, problem);
}

function text(item: Item, field: string): string {
  const value = item[field];
  if (typeof value !== 'string' || value === '') throw corrupt(field, 'is not a non-empty string');
  return value;
}

function optionalText(item: Item, field: string): string | undefined {
  return item[field] === undefined ? undefined : text(item, field);
}

function count(item: Item, field: string, min = 0): number {
  const value = item[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw corrupt(field, `is not a whole number from ${min}`);
  }
  return value;
}

function instant(item: Item, field: string): string {
  const value = text(item, field);
  if (Number.isNaN(Date.parse(value))) throw corrupt(field, 'is not an instant');
  return value;
}

function optionalInstant(item: Item, field: string): string | undefined {
  return item[field] === undefined ? undefined : instant(item, field);
}

function optional<T>(field: string, value: T | undefined): Partial<Record<string, T>> {
  return value === undefined ? {} : { [field]: value };
}

function parseQueue(value: unknown): QueuedUsage[] {
  if (!Array.isArray(value)) throw corrupt('usageQueue', 'is not a list');
  return value.map((entry: unknown) => {
    if (!isRecord(entry)) throw corrupt('usageQueue', 'holds an entry that is not a map');
    return {
      usageId: text(entry, 'usageId'),
      amountMinor: count(entry, 'amountMinor', 1),
      attempt: count(entry, 'attempt', 1),
      queuedAt: instant(entry, 'queuedAt'),
    };
  });
}

function parseClaim(item: Item): AgreementClaim | undefined {
  const runId = optionalText(item, 'claimRunId');
  const expiresAt = optionalInstant(item, 'claimExpiresAt');
  if (runId === undefined && expiresAt === undefined) return undefined;
  if (runId === undefined || expiresAt === undefined) {
    throw corrupt('claimRunId', 'and claimExpiresAt must be set together');
  }
  return { runId, expiresAt };
}

/** Reads an agreement item back; throws CorruptBillingRecordError naming the attribute at fault. */
export function parseAgreementItem(value: unknown): Agreement {
  if (!isRecord(value) || value[RECORD_TYPE_ATTRIBUTE] !== AGREEMENT_RECORD_TYPE) {
    throw corrupt(RECORD_TYPE_ATTRIBUTE, `is not ${AGREEMENT_RECORD_TYPE}`);
  }
  const currency = value['currency'];
  if (!isCurrency(currency)) throw corrupt('currency', 'is not a supported currency');
  const state = value['agreementState'];
  if (!isAgreementState(state)) throw corrupt('agreementState', 'is not an agreement state');
  const claim = parseClaim(value);
  const common = {
    billingAgreementId: text(value, 'billingAgreementId'),
    customerKey: text(value, 'customerKey'),
    productId: text(value, 'productId'),
    currency,
    state,
    ...optional('stateReason', optionalText(value, 'stateReason')),
    createdAt: instant(value, 'recordCreatedAt'),
    updatedAt: instant(value, 'recordUpdatedAt'),
    version: count(value, 'version', 1),
    ...optional('sellerNote', optionalText(value, 'sellerNote')),
    ...optional('sellerAuthorizationNote', optionalText(value, 'sellerAuthorizationNote')),
    ...(claim === undefined ? {} : { claim }),
  };
  if (value['orderId'] !== toAgreementKey(common.billingAgreementId)) {
    throw corrupt('orderId', 'does not match billingAgreementId');
  }
  const nextChargeAt = optionalInstant(value, NEXT_CHARGE_AT_ATTRIBUTE);
  switch (value['kind']) {
    case 'subscription': {
      const period = value['period'];
      if (!isBillingPeriod(period)) throw corrupt('period', 'is not a supported period');
      if (nextChargeAt === undefined) throw corrupt(NEXT_CHARGE_AT_ATTRIBUTE, 'is missing');
      return {
        ...common,
        kind: 'subscription',
        amountMinor: count(value, 'amountMinor', 1),
        period,
        firstChargeAt: instant(value, 'firstChargeAt'),
        periodIndex: count(value, 'periodIndex'),
        attempt: count(value, 'attempt', 1),
        nextChargeAt,
      };
    }
    case 'payAsYouGo':
      return {
        ...common,
        kind: 'payAsYouGo',
        usageQueue: parseQueue(value['usageQueue']),
        ...(nextChargeAt === undefined ? {} : { nextChargeAt }),
      };
    default:
      throw corrupt('kind', 'is not subscription or payAsYouGo');
  }
}

function toOutcomeItem(outcome: ChargeOutcome): Item {
  return Object.fromEntries(Object.entries(outcome).filter(([, value]) => value !== undefined));
}

function parseOutcome(value: unknown): ChargeOutcome {
  if (!isRecord(value)) throw corrupt('outcome', 'is not a map');
  const field = (name: string): string => {
    try {
      return text(value, name);
    } catch {
      throw corrupt(`outcome.${name}`, 'is not a non-empty string');
    }
  };
  const optionalField = (name: string): string | undefined =>
    value[name] === undefined ? undefined : field(name);
  const optionalNumber = (name: string): number | undefined => {
    const number = value[name];
    if (number === undefined) return undefined;
    if (typeof number !== 'number' || !Number.isSafeInteger(number)) {
      throw corrupt(`outcome.${name}`, 'is not a whole number');
    }
    return number;
  };
  switch (value['kind']) {
    case 'captured': {
      const ids = value['amazonCaptureIds'];
      if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
        throw corrupt('outcome.amazonCaptureIds', 'is not a list of strings');
      }
      return {
        kind: 'captured',
        amazonAuthorizationId: field('amazonAuthorizationId'),
        amazonOrderReferenceId: field('amazonOrderReferenceId'),
        amazonCaptureIds: ids,
      };
    }
    case 'declined': {
      const soft = value['softDecline'];
      if (soft !== undefined && typeof soft !== 'boolean') {
        throw corrupt('outcome.softDecline', 'is not a boolean');
      }
      return {
        kind: 'declined',
        reasonCode: field('reasonCode'),
        amazonAuthorizationId: field('amazonAuthorizationId'),
        ...(soft === undefined ? {} : { softDecline: soft }),
      };
    }
    case 'notCaptured': {
      const state = value['authorizationState'];
      if (state !== 'Open' && state !== 'Closed') {
        throw corrupt('outcome.authorizationState', 'is not Open or Closed');
      }
      return {
        kind: 'notCaptured',
        authorizationState: state,
        amazonAuthorizationId: field('amazonAuthorizationId'),
        ...optional('reasonCode', optionalField('reasonCode')),
      };
    }
    case 'authorizationPending':
      return {
        kind: 'authorizationPending',
        amazonAuthorizationId: field('amazonAuthorizationId'),
      };
    case 'agreementNotOpen':
      return {
        kind: 'agreementNotOpen',
        agreementState: field('agreementState'),
        ...optional('reasonCode', optionalField('reasonCode')),
      };
    case 'limitExceeded':
      return {
        kind: 'limitExceeded',
        ...optional('remainingMinor', optionalNumber('remainingMinor')),
        ...optional('periodEndsAt', optionalField('periodEndsAt')),
      };
    case 'mwsFailure': {
      const category = value['category'];
      if (!isMwsFailureCategory(category)) {
        throw corrupt('outcome.category', 'is not a failure category');
      }
      return {
        kind: 'mwsFailure',
        operation: field('operation'),
        category,
        errorName: field('errorName'),
        ...optional('code', optionalField('code')),
        ...optional('statusCode', optionalNumber('statusCode')),
      };
    }
    default:
      throw corrupt('outcome.kind', 'is not an outcome kind');
  }
}

/** Maps a charge to its item; like an agreement's, it avoids the order indexes' keys. */
export function toChargeItem(charge: Charge): Item {
  const item: Record<string, unknown> = {
    orderId: toChargeKey(charge.authorizationReferenceId),
    [RECORD_TYPE_ATTRIBUTE]: CHARGE_RECORD_TYPE,
    authorizationReferenceId: charge.authorizationReferenceId,
    billingAgreementId: charge.billingAgreementId,
    chargeKind: charge.kind,
    periodIndex: charge.kind === 'period' ? charge.periodIndex : undefined,
    usageId: charge.kind === 'usage' ? charge.usageId : undefined,
    attempt: charge.attempt,
    amountMinor: charge.amountMinor,
    currency: charge.currency,
    sellerAuthorizationNote: charge.sellerAuthorizationNote,
    chargeState: charge.state,
    recordCreatedAt: charge.createdAt,
    recordUpdatedAt: charge.updatedAt,
    version: charge.version,
    retries: charge.retries,
    retryAt: charge.retryAt,
    outcome: charge.outcome === undefined ? undefined : toOutcomeItem(charge.outcome),
  };
  return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined));
}

/** Reads a charge item back; throws CorruptBillingRecordError naming the attribute at fault. */
export function parseChargeItem(value: unknown): Charge {
  if (!isRecord(value) || value[RECORD_TYPE_ATTRIBUTE] !== CHARGE_RECORD_TYPE) {
    throw corrupt(RECORD_TYPE_ATTRIBUTE, `is not ${CHARGE_RECORD_TYPE}`);
  }
  const currency = value['currency'];
  if (!isCurrency(currency)) throw corrupt('currency', 'is not a supported currency');
  const state = value['chargeState'];
  if (!isChargeState(state)) throw corrupt('chargeState', 'is not a charge state');
  const common = {
    authorizationReferenceId: text(value, 'authorizationReferenceId'),
    billingAgreementId: text(value, 'billingAgreementId'),
    attempt: count(value, 'attempt', 1),
    amountMinor: count(value, 'amountMinor', 1),
    currency,
    ...optional('sellerAuthorizationNote', optionalText(value, 'sellerAuthorizationNote')),
    state,
    createdAt: instant(value, 'recordCreatedAt'),
    updatedAt: instant(value, 'recordUpdatedAt'),
    version: count(value, 'version', 1),
    retries: count(value, 'retries'),
    ...optional('retryAt', optionalInstant(value, 'retryAt')),
    ...(value['outcome'] === undefined ? {} : { outcome: parseOutcome(value['outcome']) }),
  };
  if (value['orderId'] !== toChargeKey(common.authorizationReferenceId)) {
    throw corrupt('orderId', 'does not match authorizationReferenceId');
  }
  switch (value['chargeKind']) {
    case 'period':
      return { ...common, kind: 'period', periodIndex: count(value, 'periodIndex') };
    case 'usage':
      return { ...common, kind: 'usage', usageId: text(value, 'usageId') };
    default:
      throw corrupt('chargeKind', 'is not period or usage');
  }
}
