/**
 * How the loopback Buyer API stand-in answers one operation.
 *
 * - `ok`: the sandbox-like answer (auth, sandbox and parameter checks included);
 * - `status`: that error status with a JSON error body (and `Retry-After` when given);
 * - `hang`: accepts the request and never answers, until the server closes;
 * - `hangBody`: sends 200 headers and part of a body, and never finishes it;
 * - `malformed`: 200 with a body that is not JSON;
 * - `wrongShape`: 200 with JSON of the wrong shape;
 * - `delay`: waits `ms`, then answers as `ok`.
 */
export type BuyerApiBehaviour =
  | { readonly kind: 'ok' }
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterSeconds?: number }
  | { readonly kind: 'hang' }
  | { readonly kind: 'hangBody' }
  | { readonly kind: 'malformed' }
  | { readonly kind: 'wrongShape' }
  | { readonly kind: 'delay'; readonly ms: number };
