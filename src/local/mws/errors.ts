/**
 * Base class of errors raised by the loopback MWS stand-in.
 *
 * Raised only when a test or scenario misuses the stand-in (a duplicate seed, an unknown
 * currency); answers to HTTP clients are always MWS XML, never throws.
 */
export class MwsStandInError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MwsStandInError';
  }
}
