import { createHmac } from 'node:crypto';

/** Request parameters by name, as strings exactly as they are sent. */
export type MwsParameters = Readonly<Record<string, string>>;

/** What Signature Version 2 signs besides the parameters: the host and the path. */
export type SignatureTarget = {
  readonly host: string;
  readonly path: string;
};

/**
 * Encodes a parameter name or value for Signature Version 2 (RFC 3986, UTF-8).
 *
 * Unreserved `A-Z a-z 0-9 - _ . ~` stay as they are; everything else becomes `%XX` with uppercase
 * hex, so a space is `%20` (never `+`) and `*` is `%2A`. `encodeURIComponent` leaves `! ' ( ) *`
 * alone, so those five are encoded here. Throws a `URIError` on a lone surrogate.
 */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Orders two names by their UTF-8 bytes (strcmp), as Signature Version 2 requires. */
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * Builds the canonical query of Signature Version 2: every parameter except `Signature`, sorted
 * by name in byte order, each `name=value` encoded with `encodeRfc3986`, joined by `&`.
 *
 * An empty value still gets its `=`.
 */
export function buildCanonicalQuery(parameters: MwsParameters): string {
  return Object.entries(parameters)
    .filter(([name]) => name !== 'Signature')
    .sort(([a], [b]) => compareBytes(a, b))
    .map(([name, value]) => `${encodeRfc3986(name)}=${encodeRfc3986(value)}`)
    .join('&');
}

/**
 * Builds the string to sign: `POST`, the lowercase host without scheme or port, the path (`/` when
 * empty) and the canonical query, joined by LF with no trailing newline.
 */
export function buildStringToSign(target: SignatureTarget, parameters: MwsParameters): string {
  return [
    'POST',
    target.host.toLowerCase(),
    target.path === '' ? '/' : target.path,
    buildCanonicalQuery(parameters),
  ].join('\n');
}

/** Computes Base64(HMAC-SHA256(secret key, message)), the `Signature` of Signature Version 2. */
export function computeSignature(message: string, secretKey: string): string {
  return createHmac('sha256', Buffer.from(secretKey, 'utf8'))
    .update(message, 'utf8')
    .digest('base64');
}

/**
 * Signs request parameters for a host and path with Signature Version 2.
 *
 * See the fact sheet section 2 and the test vectors in test/unit/amazonpay/mws/signatureV2.test.ts.
 *
 * @example
 * const target = { host: 'mws.amazonservices.com', path: MWS_SANDBOX_PATH };
 * const signature = signParameters(target, parameters, secretKey);
 */
export function signParameters(
  target: SignatureTarget,
  parameters: MwsParameters,
  secretKey: string,
): string {
  return computeSignature(buildStringToSign(target, parameters), secretKey);
}

/**
 * Builds the `application/x-www-form-urlencoded` body: the parameters in canonical order, then
 * `Signature` last, encoded as for signing.
 */
export function buildFormBody(parameters: MwsParameters, signature: string): string {
  return `${buildCanonicalQuery(parameters)}&Signature=${encodeRfc3986(signature)}`;
}
