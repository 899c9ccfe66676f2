/** Base class of errors raised by the merchant's order tools: bugs of their wiring, not refusals. */
export class OrdersToolError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'OrdersToolError';
  }
}

/** A refund command was run without the refund service it needs (the MWS settings). */
export class RefundsNotConfiguredError extends OrdersToolError {
  constructor(options?: ErrorOptions) {
    super('refund commands need the MWS settings, and none were given', options);
    this.name = 'RefundsNotConfiguredError';
  }
}
