import { isRecord } from '../../amazonpay/readUnknown';

/** The keys whose string values are our order ids (or `<orderId>-<attempt>`). */
const ORDER_ID_KEYS: ReadonlySet<string> = new Set([
  'pendingOrderId',
  'retryOrderId',
  'orderId',
  'token',
  'sellerOrderId',
  'sellerBillingAgreementId',
  'authorizationReferenceId',
]);

/** An order id of the skill: 128 random bits, base64url (22 characters). */
const ORDER_ID = /^[A-Za-z0-9_-]{22}$/;
const WITH_ATTEMPT = /^([A-Za-z0-9_-]{22})-\d+$/;

const TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;
const REQUEST_ID = /amzn1\.echo-api\.request\.[A-Za-z0-9._-]+/g;
const SESSION_ID = /amzn1\.echo-api\.session\.[A-Za-z0-9._-]+/g;
const USER_ID = /amzn1\.ask\.account\.[A-Za-z0-9._-]+/g;
/** The core of Amazon Pay's ids: `B02-1234567-1234567`, `S02-...-A000001`. */
const AMAZON_ID = /\b([A-Z]\d{2})-(\d{7}-\d{7})/g;

/**
 * Replaces the volatile values of envelopes with stable placeholders, consistently over a whole
 * conversation: the n-th order id seen becomes `<order-n>` wherever it appears (a token, a card's
 * order number, `<order-n>-1` as an authorizationReferenceId), the n-th Amazon Pay id
 * `B02-<amazon-n>`, and timestamps, request, session and user ids fixed words.
 *
 * Two normalisers fed the recorded and the replayed envelopes in the same order give equal
 * results exactly when the envelopes differ only in those values.
 */
export class Normalizer {
  private readonly orderIds = new Map<string, string>();
  private readonly amazonIds = new Map<string, string>();
  private readonly sessionIds = new Map<string, string>();

  /** Learns the order ids a value holds, then returns a normalised deep copy of it. */
  normalize(value: unknown): unknown {
    this.learn(value, undefined);
    return this.copy(value);
  }

  private learn(value: unknown, key: string | undefined): void {
    if (typeof value === 'string') {
      if (key === undefined || !ORDER_ID_KEYS.has(key)) return;
      const id = WITH_ATTEMPT.exec(value)?.[1] ?? (ORDER_ID.test(value) ? value : undefined);
      if (id !== undefined && !this.orderIds.has(id)) {
        this.orderIds.set(id, `<order-${this.orderIds.size + 1}>`);
      }
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value as ReadonlyArray<unknown>) this.learn(item, key);
      return;
    }
    if (isRecord(value)) {
      for (const [k, v] of Object.entries(value)) this.learn(v, k);
    }
  }

  private copy(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (Array.isArray(value)) return (value as ReadonlyArray<unknown>).map((v) => this.copy(v));
    if (isRecord(value)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.copy(v)]));
    }
    return value;
  }

  private text(value: string): string {
    let text = value;
    // Longest first, so that no id is replaced inside a longer one.
    const ids = [...this.orderIds.keys()].sort((a, b) => b.length - a.length);
    for (const id of ids) {
      if (text.includes(id)) text = text.split(id).join(this.orderIds.get(id) ?? '<order>');
    }
    return text
      .replace(REQUEST_ID, '<request-id>')
      .replace(SESSION_ID, (id) => this.numbered(this.sessionIds, id, 'session'))
      .replace(USER_ID, '<user-id>')
      .replace(TIMESTAMP, '<timestamp>')
      .replace(
        AMAZON_ID,
        (_, prefix: string, core: string) =>
          `${prefix}-${this.numbered(this.amazonIds, core, 'amazon')}`,
      );
  }

  private numbered(ids: Map<string, string>, id: string, kind: string): string {
    let placeholder = ids.get(id);
    if (placeholder === undefined) {
      placeholder = `<${kind}-${ids.size + 1}>`;
      ids.set(id, placeholder);
    }
    return placeholder;
  }
}

/** One difference between an expected and an actual value, at a JSON path. */
export type Difference = {
  readonly path: string;
  readonly expected: unknown;
  readonly actual: unknown;
};

/**
 * Lists where two JSON values differ (at most `limit` differences), by path: `response.card.title`.
 * A key that is absent and a key whose value is undefined are the same.
 */
export function differences(
  expected: unknown,
  actual: unknown,
  path = '',
  limit = 20,
): ReadonlyArray<Difference> {
  const found: Array<Difference> = [];
  const walk = (a: unknown, b: unknown, at: string): void => {
    if (found.length >= limit) return;
    if (Array.isArray(a) && Array.isArray(b)) {
      const left = a as ReadonlyArray<unknown>;
      const right = b as ReadonlyArray<unknown>;
      for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
        walk(left[i], right[i], `${at}[${i}]`);
      }
      return;
    }
    if (isRecord(a) && isRecord(b)) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const key of [...keys].sort()) {
        walk(a[key], b[key], at === '' ? key : `${at}.${key}`);
      }
      return;
    }
    if (a !== b) found.push({ path: at === '' ? '(the whole value)' : at, expected: a, actual: b });
  };
  walk(expected, actual, path);
  return found;
}
