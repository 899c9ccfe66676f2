/** Base class of errors raised by the refunds module: bugs and bad input of its callers, not outcomes. */
export class RefundError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RefundError';
  }
}

/** A refund reference id cannot be built: the order id or the refund number is not usable. */
export class RefundReferenceIdError extends RefundError {
  readonly field: 'orderId' | 'refundNumber';

  constructor(field: 'orderId' | 'refundNumber', problem: string, options?: ErrorOptions) {
    super(`cannot build a refund reference id: ${field} ${problem}`, options);
    this.name = 'RefundReferenceIdError';
    this.field = field;
  }
}
