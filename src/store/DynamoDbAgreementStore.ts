import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Agreement } from '../billing/Agreement';
import { queueUsage } from '../billing/agreementChanges';
import type {
  AgreementStore,
  CreateAgreementResult,
  RecordUsageResult,
  ReplaceResult,
  UsageCharge,
} from '../billing/AgreementStore';
import {
  buildAgreement,
  checkBillingAgreementId,
  checkChargeAmount,
  checkCustomerKey,
  checkUsageId,
  isSameAgreementContent,
  toInstant,
} from '../billing/buildAgreement';
import type { Charge } from '../billing/Charge';
import { ChargeState } from '../billing/ChargeState';
import type { AgreementStoreOperation } from '../billing/errors';
import {
  AgreementContentionError,
  AgreementStoreUnavailableError,
  BillingError,
  InvalidBillingRecordError,
} from '../billing/errors';
import type { NewAgreement } from '../billing/NewAgreement';
import { toUsageReferenceId } from '../billing/referenceIds';
import {
  BILLING_DUE_PARTITION,
  CUSTOMER_AGREEMENTS_RECORD_TYPE,
  parseAgreementItem,
  parseChargeItem,
  toAgreementItem,
  toAgreementKey,
  toChargeItem,
  toChargeKey,
  toCustomerAgreementsKey,
} from './agreementItem';
import {
  BILLING_DUE_INDEX,
  BILLING_DUE_PARTITION_ATTRIBUTE,
  NEXT_CHARGE_AT_ATTRIBUTE,
} from './DynamoDbOrderStore';
import { RECORD_TYPE_ATTRIBUTE } from './recordType';
import { errorName, isConditionalCheckFailed, isRetryableSdkError } from './sdkErrors';

/** Options of DynamoDbAgreementStore: the same client and table as DynamoDbOrderStore's. */
export type DynamoDbAgreementStoreOptions = {
  /** The document client, or a factory called on first use and then kept. */
  readonly client: DynamoDBDocumentClient | (() => Promise<DynamoDBDocumentClient>);
  readonly tableName: string;
};

/** The largest page of `listDueAgreements`. */
export const MAX_DUE_LISTING = 1000;

// How often a read-modify-write is tried again when a concurrent write moved the version on.
const MAX_WRITE_ROUNDS = 5;

function toUnavailable(error: unknown, operation: AgreementStoreOperation): BillingError {
  if (error instanceof BillingError) return error;
  const code = errorName(error);
  const retryable = isRetryableSdkError(error);
  // Names the operation and the error code only: SDK messages may quote request contents.
  return new AgreementStoreUnavailableError(
    `agreement store ${operation} failed${code === undefined ? '' : ` (${code})`}${
      retryable ? '; retryable' : ''
    }`,
    { operation, retryable, ...(code === undefined ? {} : { code }) },
    { cause: error },
  );
}

function checkVersion(next: { readonly version: number }, expectedVersion: number): void {
  if (next.version !== expectedVersion + 1) {
    throw new InvalidBillingRecordError('version', 'must be the expected version plus one');
  }
}

/**
 * The AgreementStore adapter on DynamoDB, in the orders table: an item per agreement
 * (`agreement#<billingAgreementId>`), per charge (`charge#<authorizationReferenceId>`) and per
 * customer (`customer-agreements#<customerKey>`, the set of that customer's agreement ids), each
 * with a `recordType`, so that order reads and listings skip them.
 *
 * Every write is one conditional PutItem or UpdateItem (dynalite has no transactions): a new
 * record only where its key is free, a change only where the version read is still stored.
 * Due agreements are found with the sparse `billing-due` index, whose keys only an active
 * agreement with a due charge carries.
 *
 * @example
 * const store = new DynamoDbAgreementStore({ client, tableName: 'orders' });
 * const result = await store.createAgreement({
 *   billingAgreementId, customerKey: toCustomerKey({ buyerId, userId }), productId: 'coffee-club',
 *   currency: 'USD', createdAt: now, kind: 'subscription', amountMinor: 1500, period: 'P1M',
 *   firstChargeAt: now,
 * });
 */
export class DynamoDbAgreementStore implements AgreementStore {
  readonly #tableName: string;
  readonly #clientOption: DynamoDbAgreementStoreOptions['client'];
  #client: Promise<DynamoDBDocumentClient> | undefined;

  constructor(options: DynamoDbAgreementStoreOptions) {
    this.#tableName = options.tableName;
    this.#clientOption = options.client;
  }

  /**
   * Stores a new agreement with a conditional PutItem, then adds its id to the customer's set.
   * The set is written after the agreement, and again on every re-create, so that a crash
   * between the two writes is healed by the re-delivered Setup.
   */
  async createAgreement(input: NewAgreement): Promise<CreateAgreementResult> {
    const agreement = buildAgreement(input);
    const client = await this.#getClient();
    let result: CreateAgreementResult;
    try {
      await client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: toAgreementItem(agreement),
          ConditionExpression: 'attribute_not_exists(orderId)',
        }),
      );
      result = { kind: 'created', agreement };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw toUnavailable(error, 'createAgreement');
      const existing = await this.getAgreement(agreement.billingAgreementId);
      if (existing === undefined) {
        // The key is held by something that is not an agreement: never written over.
        throw new InvalidBillingRecordError('billingAgreementId', 'is the key of another record');
      }
      if (!isSameAgreementContent(existing, agreement)) return { kind: 'conflict', existing };
      result = { kind: 'unchanged', agreement: existing };
    }
    try {
      await client.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: { orderId: toCustomerAgreementsKey(agreement.customerKey) },
          UpdateExpression: 'SET #recordType = :recordType ADD #ids :id',
          ExpressionAttributeNames: {
            '#recordType': RECORD_TYPE_ATTRIBUTE,
            '#ids': 'agreementIds',
          },
          ExpressionAttributeValues: {
            ':recordType': CUSTOMER_AGREEMENTS_RECORD_TYPE,
            ':id': new Set([agreement.billingAgreementId]),
          },
        }),
      );
    } catch (error) {
      throw toUnavailable(error, 'createAgreement');
    }
    return result;
  }

  /** Reads one agreement with a strongly consistent GetItem. */
  async getAgreement(billingAgreementId: string): Promise<Agreement | undefined> {
    const item = await this.#getRecord(
      toAgreementKey(billingAgreementId),
      'agreement',
      'getAgreement',
    );
    return item === undefined ? undefined : parseAgreementItem(item);
  }

  /** Reads one record of a type by key (consistent); undefined when absent or of another type. */
  async #getRecord(
    key: string,
    type: 'agreement' | 'charge',
    operation: 'getAgreement' | 'getCharge',
  ): Promise<Record<string, unknown> | undefined> {
    const client = await this.#getClient();
    let item: Record<string, unknown> | undefined;
    try {
      ({ Item: item } = await client.send(
        new GetCommand({ TableName: this.#tableName, Key: { orderId: key }, ConsistentRead: true }),
      ));
    } catch (error) {
      throw toUnavailable(error, operation);
    }
    return item?.[RECORD_TYPE_ATTRIBUTE] === type ? item : undefined;
  }

  /** Queries the `billing-due` index: due at or before `now`, earliest first, up to `limit`. */
  async listDueAgreements(now: string, limit: number): Promise<ReadonlyArray<Agreement>> {
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_DUE_LISTING) {
      throw new InvalidBillingRecordError(
        'limit',
        `must be a whole number from 1 to ${MAX_DUE_LISTING}`,
      );
    }
    const until = toInstant(now, 'now');
    const client = await this.#getClient();
    const agreements: Agreement[] = [];
    let startKey: Record<string, unknown> | undefined;
    try {
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: this.#tableName,
            IndexName: BILLING_DUE_INDEX,
            KeyConditionExpression: '#partition = :due AND #next <= :now',
            ExpressionAttributeNames: {
              '#partition': BILLING_DUE_PARTITION_ATTRIBUTE,
              '#next': NEXT_CHARGE_AT_ATTRIBUTE,
            },
            ExpressionAttributeValues: { ':due': BILLING_DUE_PARTITION, ':now': until },
            ScanIndexForward: true,
            Limit: limit - agreements.length,
            ExclusiveStartKey: startKey,
          }),
        );
        agreements.push(...(page.Items ?? []).map((item) => parseAgreementItem(item)));
        startKey = page.LastEvaluatedKey;
      } while (startKey !== undefined && agreements.length < limit);
    } catch (error) {
      throw toUnavailable(error, 'listDueAgreements');
    }
    return agreements;
  }

  /** Reads the customer's set of agreement ids, then each agreement; oldest first. */
  async agreementsOfCustomer(customerKey: string): Promise<ReadonlyArray<Agreement>> {
    checkCustomerKey(customerKey);
    const client = await this.#getClient();
    let item: Record<string, unknown> | undefined;
    try {
      ({ Item: item } = await client.send(
        new GetCommand({
          TableName: this.#tableName,
          Key: { orderId: toCustomerAgreementsKey(customerKey) },
          ConsistentRead: true,
        }),
      ));
    } catch (error) {
      throw toUnavailable(error, 'agreementsOfCustomer');
    }
    const ids = item?.['agreementIds'];
    if (!(ids instanceof Set)) return [];
    const agreements = await Promise.all(
      [...(ids as Set<unknown>)]
        .filter((id): id is string => typeof id === 'string')
        .map((id) => this.getAgreement(id)),
    );
    return agreements
      .filter((a): a is Agreement => a !== undefined && a.customerKey === customerKey)
      .sort(
        (a, b) =>
          a.createdAt.localeCompare(b.createdAt) ||
          a.billingAgreementId.localeCompare(b.billingAgreementId),
      );
  }

  /** Replaces the agreement's item with a PutItem conditioned on the version read. */
  async replaceAgreement(next: Agreement, expectedVersion: number): Promise<ReplaceResult> {
    checkVersion(next, expectedVersion);
    return this.#conditionalPut(toAgreementItem(next), expectedVersion, 'replaceAgreement');
  }

  /**
   * Records a usage charge: first its charge record (`queued`, attempt 1) with a conditional
   * PutItem, which keeps the usage id taken for good, then the agreement's queue entry with a
   * write conditioned on the agreement's version (read again and retried when it moved on).
   */
  async recordUsageCharge(usage: UsageCharge): Promise<RecordUsageResult> {
    checkBillingAgreementId(usage.billingAgreementId);
    checkUsageId(usage.usageId);
    const at = toInstant(usage.at, 'at');
    let agreement = await this.getAgreement(usage.billingAgreementId);
    if (agreement === undefined) return { kind: 'notFound' };
    if (agreement.kind !== 'payAsYouGo') return { kind: 'notPayAsYouGo' };
    checkChargeAmount(usage.amountMinor, agreement.currency, 'amountMinor');
    const referenceId = toUsageReferenceId(agreement.billingAgreementId, usage.usageId, 1);
    const queued: Charge = {
      kind: 'usage',
      usageId: usage.usageId,
      authorizationReferenceId: referenceId,
      billingAgreementId: agreement.billingAgreementId,
      attempt: 1,
      amountMinor: usage.amountMinor,
      currency: agreement.currency,
      ...(agreement.sellerAuthorizationNote === undefined
        ? {}
        : { sellerAuthorizationNote: agreement.sellerAuthorizationNote }),
      state: ChargeState.Queued,
      createdAt: at,
      updatedAt: at,
      version: 1,
      retries: 0,
    };
    // An inactive agreement takes no new usage, but still tells a usage recorded before.
    const created =
      agreement.state === 'active'
        ? await this.createCharge(queued)
        : await this.getCharge(referenceId).then((charge) =>
            charge === undefined ? undefined : { kind: 'exists' as const, charge },
          );
    if (created === undefined) return { kind: 'notActive' };
    if (created.kind === 'exists') {
      if (created.charge.amountMinor !== usage.amountMinor || created.charge.kind !== 'usage') {
        return { kind: 'conflict' };
      }
      // Charged (or being charged) already: recording it again must not queue it again.
      if (created.charge.state !== ChargeState.Queued) {
        return { kind: 'alreadyRecorded', authorizationReferenceId: referenceId };
      }
    }
    for (let round = 0; round < MAX_WRITE_ROUNDS; round += 1) {
      const queuedUsage = queueUsage(agreement, {
        usageId: usage.usageId,
        amountMinor: usage.amountMinor,
        at,
      });
      switch (queuedUsage.kind) {
        case 'queued':
          break;
        case 'alreadyQueued':
          return created.kind === 'created'
            ? { kind: 'queued', authorizationReferenceId: referenceId }
            : { kind: 'alreadyRecorded', authorizationReferenceId: referenceId };
        default:
          return { kind: queuedUsage.kind };
      }
      if ((await this.replaceAgreement(queuedUsage.agreement, agreement.version)) === 'replaced') {
        return created.kind === 'created'
          ? { kind: 'queued', authorizationReferenceId: referenceId }
          : { kind: 'alreadyRecorded', authorizationReferenceId: referenceId };
      }
      const fresh = await this.getAgreement(usage.billingAgreementId);
      if (fresh === undefined) return { kind: 'notFound' };
      agreement = fresh;
    }
    throw new AgreementContentionError(usage.billingAgreementId);
  }

  /** Stores a new charge with a conditional PutItem; an existing one is read and answered. */
  async createCharge(
    charge: Charge,
  ): Promise<{ readonly kind: 'created' } | { readonly kind: 'exists'; readonly charge: Charge }> {
    const client = await this.#getClient();
    try {
      await client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: toChargeItem(charge),
          ConditionExpression: 'attribute_not_exists(orderId)',
        }),
      );
      return { kind: 'created' };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw toUnavailable(error, 'createCharge');
    }
    const existing = await this.getCharge(charge.authorizationReferenceId);
    if (existing === undefined) {
      throw new InvalidBillingRecordError(
        'authorizationReferenceId',
        'is the key of another record',
      );
    }
    return { kind: 'exists', charge: existing };
  }

  /** Reads one charge with a strongly consistent GetItem. */
  async getCharge(authorizationReferenceId: string): Promise<Charge | undefined> {
    const item = await this.#getRecord(
      toChargeKey(authorizationReferenceId),
      'charge',
      'getCharge',
    );
    return item === undefined ? undefined : parseChargeItem(item);
  }

  /** Replaces the charge's item with a PutItem conditioned on the version read. */
  async replaceCharge(next: Charge, expectedVersion: number): Promise<ReplaceResult> {
    checkVersion(next, expectedVersion);
    return this.#conditionalPut(toChargeItem(next), expectedVersion, 'replaceCharge');
  }

  async #conditionalPut(
    item: Readonly<Record<string, unknown>>,
    expectedVersion: number,
    operation: AgreementStoreOperation,
  ): Promise<ReplaceResult> {
    const client = await this.#getClient();
    try {
      await client.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: item,
          // The condition on the version read makes a write based on a stale read a no-op.
          ConditionExpression: '#version = :expected AND #recordType = :recordType',
          ExpressionAttributeNames: { '#version': 'version', '#recordType': RECORD_TYPE_ATTRIBUTE },
          ExpressionAttributeValues: {
            ':expected': expectedVersion,
            ':recordType': item[RECORD_TYPE_ATTRIBUTE],
          },
        }),
      );
      return 'replaced';
    } catch (error) {
      if (isConditionalCheckFailed(error)) return 'stale';
      throw toUnavailable(error, operation);
    }
  }

  #getClient(): Promise<DynamoDBDocumentClient> {
    const option = this.#clientOption;
    if (typeof option !== 'function') return Promise.resolve(option);
    if (this.#client === undefined) {
      const starting = (async () => option())().catch((error: unknown) => {
        // Forget a failed start so that the next call tries again.
        if (this.#client === starting) this.#client = undefined;
        throw toUnavailable(error, 'connect');
      });
      this.#client = starting;
    }
    return this.#client;
  }
}
