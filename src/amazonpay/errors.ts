/** Base class of errors raised by the Amazon Pay wire-format code. */
export class AmazonPayError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AmazonPayError';
  }
}

/**
 * A Setup or Charge payload broke a rule of the protocol and was not sent.
 *
 * Always a bug or a misconfiguration: the `field` names the payload field at fault.
 */
export class AmazonPayValidationError extends AmazonPayError {
  readonly field: string;

  constructor(message: string, field: string, options?: ErrorOptions) {
    super(`${field}: ${message}`, options);
    this.name = 'AmazonPayValidationError';
    this.field = field;
  }
}
