import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { OrderRefundState } from '../checkout/OrderRefund';
import { canTransition, OrderStatus } from '../checkout/OrderStatus';
import {
  REFUNDABLE_STATUSES,
  type BeginRefundRequest,
  type RecordRefundCallRequest,
  type SettleRefundRequest,
} from '../refunds/RefundStore';
import { InvalidRefundWriteError } from './errors';
import { EXPIRY_ATTRIBUTE, toRefundItem } from './orderItem';

// Names every refund write uses; `state` is a DynamoDB reserved word.
const NAMES = Object.freeze({
  '#status': 'status',
  '#version': 'version',
  '#updatedAt': 'updatedAt',
  '#refunds': 'refunds',
  '#expiresAtEpoch': EXPIRY_ATTRIBUTE,
});

function checkIndex(index: number): void {
  if (!Number.isSafeInteger(index) || index < 0) {
    throw new InvalidRefundWriteError('index', 'is not a whole number from 0');
  }
}

/**
 * Builds the one UpdateItem of `beginRefund`: the pending refund appended, the order moved to
 * refund-pending (its former status kept as `statusBeforeRefund`, and one history entry), the
 * version incremented, all conditioned on the status, the version and the number of refunds read.
 */
export function buildBeginRefundUpdate(
  request: BeginRefundRequest,
  tableName: string,
): UpdateCommand {
  if (!REFUNDABLE_STATUSES.has(request.from)) {
    throw new InvalidRefundWriteError('from', 'is not a status a refund begins from');
  }
  if (request.refund.state !== OrderRefundState.Pending) {
    throw new InvalidRefundWriteError('refund.state', 'is not pending');
  }
  checkIndex(request.expectedRefundCount);
  const names: Record<string, string> = { ...NAMES };
  const values: Record<string, unknown> = {
    ':from': request.from,
    ':to': OrderStatus.RefundPending,
    ':version': request.expectedVersion,
    ':count': request.expectedRefundCount,
    ':at': request.at,
    ':one': 1,
    ':none': [],
    ':refund': [toRefundItem(request.refund)],
  };
  const updates = [
    '#status = :to',
    '#updatedAt = :at',
    '#version = #version + :one',
    '#refunds = list_append(if_not_exists(#refunds, :none), :refund)',
  ];
  // The count is checked as well as the version, so that a refund can never be appended to a
  // list that changed since it was read, whatever else a writer did to the version.
  const countCondition =
    request.expectedRefundCount === 0
      ? '(attribute_not_exists(#refunds) OR size(#refunds) = :count)'
      : 'size(#refunds) = :count';
  if (request.from !== OrderStatus.RefundPending) {
    names['#statusBeforeRefund'] = 'statusBeforeRefund';
    names['#history'] = 'history';
    values[':historyEntry'] = [{ status: OrderStatus.RefundPending, at: request.at }];
    updates.push(
      '#statusBeforeRefund = :from',
      '#history = list_append(if_not_exists(#history, :none), :historyEntry)',
    );
  }
  return new UpdateCommand({
    TableName: tableName,
    Key: { orderId: request.orderId },
    ConditionExpression: `#status = :from AND #version = :version AND ${countCondition}`,
    // A refunded order is kept for good: it has no expiry (a paid one had none either).
    UpdateExpression: `SET ${updates.join(', ')} REMOVE #expiresAtEpoch`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ReturnValues: 'ALL_NEW',
  });
}

/**
 * Builds the UpdateItem of `recordRefundCall`: Amazon's refund id set on the refund at `index`,
 * if the order is refund-pending and that refund is the one named, pending, and without another
 * Amazon id (the same id again is accepted: a resend answers the same refund).
 */
export function buildRecordRefundCallUpdate(
  request: RecordRefundCallRequest,
  tableName: string,
): UpdateCommand {
  checkIndex(request.index);
  const refund = `#refunds[${request.index}]`;
  return new UpdateCommand({
    TableName: tableName,
    Key: { orderId: request.orderId },
    ConditionExpression:
      `#status = :refundPending AND ${refund}.#reference = :reference AND ` +
      `${refund}.#state = :pending AND ` +
      `(attribute_not_exists(${refund}.#amazonRefundId) OR ${refund}.#amazonRefundId = :id)`,
    UpdateExpression:
      `SET ${refund}.#amazonRefundId = :id, ${refund}.#updatedAt = :at, ` +
      '#updatedAt = :at, #version = #version + :one',
    ExpressionAttributeNames: {
      '#status': NAMES['#status'],
      '#version': NAMES['#version'],
      '#updatedAt': NAMES['#updatedAt'],
      '#refunds': NAMES['#refunds'],
      '#reference': 'refundReferenceId',
      '#state': 'state',
      '#amazonRefundId': 'amazonRefundId',
    },
    ExpressionAttributeValues: {
      ':refundPending': OrderStatus.RefundPending,
      ':reference': request.refundReferenceId,
      ':pending': OrderRefundState.Pending,
      ':id': request.amazonRefundId,
      ':at': request.at,
      ':one': 1,
    },
    ReturnValues: 'ALL_NEW',
  });
}

/**
 * Builds the UpdateItem of `settleRefund`: the refund at `index` completed or declined, and the
 * order moved to `to` (with a history entry, and `statusBeforeRefund` removed) unless `to` is
 * refund-pending, conditioned on the version the decision was made on.
 */
export function buildSettleRefundUpdate(
  request: SettleRefundRequest,
  tableName: string,
): UpdateCommand {
  checkIndex(request.index);
  if (
    request.to !== OrderStatus.RefundPending &&
    !canTransition(OrderStatus.RefundPending, request.to)
  ) {
    throw new InvalidRefundWriteError('to', 'is not a status a refund-pending order moves to');
  }
  const refund = `#refunds[${request.index}]`;
  const names: Record<string, string> = {
    '#status': NAMES['#status'],
    '#version': NAMES['#version'],
    '#updatedAt': NAMES['#updatedAt'],
    '#refunds': NAMES['#refunds'],
    '#reference': 'refundReferenceId',
    '#state': 'state',
  };
  const values: Record<string, unknown> = {
    ':refundPending': OrderStatus.RefundPending,
    ':version': request.expectedVersion,
    ':reference': request.refundReferenceId,
    ':pending': OrderRefundState.Pending,
    ':settled': request.state,
    ':at': request.at,
    ':one': 1,
  };
  const updates = [
    `${refund}.#state = :settled`,
    `${refund}.#updatedAt = :at`,
    '#updatedAt = :at',
    '#version = #version + :one',
  ];
  const removals: string[] = [];
  if (request.amazonRefundId !== undefined) {
    names['#amazonRefundId'] = 'amazonRefundId';
    values[':id'] = request.amazonRefundId;
    updates.push(`${refund}.#amazonRefundId = :id`);
  }
  if (request.reasonCode !== undefined) {
    names['#reasonCode'] = 'reasonCode';
    values[':reasonCode'] = request.reasonCode;
    updates.push(`${refund}.#reasonCode = :reasonCode`);
  }
  if (request.to !== OrderStatus.RefundPending) {
    names['#history'] = 'history';
    names['#statusBeforeRefund'] = 'statusBeforeRefund';
    values[':to'] = request.to;
    values[':none'] = [];
    values[':historyEntry'] = [{ status: request.to, at: request.at }];
    updates.push(
      '#status = :to',
      '#history = list_append(if_not_exists(#history, :none), :historyEntry)',
    );
    removals.push('#statusBeforeRefund');
  }
  return new UpdateCommand({
    TableName: tableName,
    Key: { orderId: request.orderId },
    ConditionExpression:
      '#status = :refundPending AND #version = :version AND ' +
      `${refund}.#reference = :reference AND ${refund}.#state = :pending`,
    UpdateExpression:
      `SET ${updates.join(', ')}` + (removals.length > 0 ? ` REMOVE ${removals.join(', ')}` : ''),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ReturnValues: 'ALL_NEW',
  });
}
