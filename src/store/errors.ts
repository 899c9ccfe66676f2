/**
 * Base class of errors raised by the order store adapter.
 *
 * Messages never carry item contents or user ids; typed fields carry the context.
 */
export class OrderStoreError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'OrderStoreError';
  }
}

/** The store operation during which an infrastructure error happened. */
export type OrderStoreOperation =
  | 'create'
  | 'get'
  | 'transition'
  | 'latestOrderForUser'
  | 'latestOrderForBuyer'
  | 'listOrders'
  | 'markShipped'
  | 'beginRefund'
  | 'recordRefundCall'
  | 'settleRefund'
  | 'createTable'
  | 'connect';

/**
 * The database could not be reached or refused the request for a reason that is not about the
 * order: network errors, throttling, timeouts, server errors, or a misconfigured table.
 *
 * `retryable` is true for throttling, timeouts, network and 5xx errors, where the same request may
 * succeed later; false for errors that repeat (validation, missing table, access denied).
 */
export class OrderStoreUnavailableError extends OrderStoreError {
  readonly operation: OrderStoreOperation;
  readonly retryable: boolean;
  /** The SDK error name or Node error code, such as `ThrottlingException` or `ECONNREFUSED`. */
  readonly code: string | undefined;
  readonly statusCode: number | undefined;

  constructor(
    message: string,
    context: {
      readonly operation: OrderStoreOperation;
      readonly retryable: boolean;
      readonly code?: string;
      readonly statusCode?: number;
    },
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'OrderStoreUnavailableError';
    this.operation = context.operation;
    this.retryable = context.retryable;
    this.code = context.code;
    this.statusCode = context.statusCode;
  }
}

/** An order could not be created because an order with the same id is stored already. */
export class OrderExistsError extends OrderStoreError {
  readonly orderId: string;

  constructor(orderId: string, options?: ErrorOptions) {
    super('an order with this orderId exists already', options);
    this.name = 'OrderExistsError';
    this.orderId = orderId;
  }
}

/**
 * A stored item is not a valid order; `field` names the attribute at fault (never its value).
 *
 * Always a bug or a hand-edited table: the item is left as it is and nothing is written.
 */
export class CorruptOrderItemError extends OrderStoreError {
  readonly field: string;

  constructor(field: string, problem: string, options?: ErrorOptions) {
    super(`stored order item is corrupt: ${field} ${problem}`, options);
    this.name = 'CorruptOrderItemError';
    this.field = field;
  }
}

/**
 * A listing query the store cannot run: a limit out of range, or a cursor that is not one this
 * store returned (for another status, say). `field` names the part at fault.
 */
export class InvalidOrderQueryError extends OrderStoreError {
  readonly field: 'limit' | 'cursor';

  constructor(field: 'limit' | 'cursor', problem: string, options?: ErrorOptions) {
    super(`invalid order listing query: ${field} ${problem}`, options);
    this.name = 'InvalidOrderQueryError';
    this.field = field;
  }
}

/**
 * The embedded store's folder is locked by another process (LevelDB allows one process per folder).
 */
export class EmbeddedStoreLockedError extends OrderStoreError {
  readonly dir: string;

  constructor(dir: string, options?: ErrorOptions) {
    super(
      `the embedded order store folder ${dir} is used by another process; stop that process or ` +
        'use another folder (ORDERS_DB_DIR)',
      options,
    );
    this.name = 'EmbeddedStoreLockedError';
    this.dir = dir;
  }
}

/** The embedded store could not start for a reason other than a locked folder. */
export class EmbeddedStoreStartError extends OrderStoreError {
  readonly dir: string | undefined;

  constructor(message: string, dir: string | undefined, options?: ErrorOptions) {
    super(message, options);
    this.name = 'EmbeddedStoreStartError';
    this.dir = dir;
  }
}

/**
 * A refund write that the store refuses before sending it: a status refunds do not begin from or
 * end in, or a refund position that is not a whole number. Always a bug of the caller; `field`
 * names the request field at fault.
 */
export class InvalidRefundWriteError extends OrderStoreError {
  readonly field: string;

  constructor(field: string, problem: string, options?: ErrorOptions) {
    super(`invalid refund write: ${field} ${problem}`, options);
    this.name = 'InvalidRefundWriteError';
    this.field = field;
  }
}
