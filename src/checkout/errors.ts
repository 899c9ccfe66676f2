/** Base class of errors raised by the checkout domain: bugs and bad configuration, not outcomes. */
export class CheckoutError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CheckoutError';
  }
}

/** The bundled catalog does not have the documented shape; `path` names the offending field. */
export class CatalogError extends CheckoutError {
  readonly path: string;

  constructor(message: string, path: string) {
    super(`catalog ${path}: ${message}`);
    this.name = 'CatalogError';
    this.path = path;
  }
}
