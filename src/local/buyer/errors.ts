/**
 * Base class of errors raised by the loopback Buyer API stand-in.
 *
 * Raised only when a test or scenario misuses the stand-in (an empty token, an impossible
 * behaviour); answers to HTTP clients are always HTTP answers, never throws.
 */
export class BuyerApiStandInError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BuyerApiStandInError';
  }
}
