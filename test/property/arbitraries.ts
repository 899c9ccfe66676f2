import fc from 'fast-check';
import {
  buildRequestEnvelope,
  intentRequest,
  launchRequest,
  sessionEndedRequest,
  type ConsentStatus,
} from '../../src/local/requestEnvelopes';
import { aChargeResponse, aContext, anErrorResponse, aSetupResponse } from '../fixtures/requests';

/**
 * Generators of hostile input for the property tests, kept small so that fast-check shrinks a
 * failure to a few readable fields: values, strings, numbers, paths into an envelope, and whole
 * envelopes of every request kind the skill takes.
 */

export type Json = Record<string, unknown>;

/** A mutation value meaning "remove this key". */
export const REMOVE = Symbol('remove');

/** One change to an envelope: the value at a path (REMOVE deletes it). */
export type Mutation = { readonly path: ReadonlyArray<string>; readonly value: unknown };

/** Sets an own property, even `__proto__` (as JSON.parse does), never the prototype. */
export function setOwn(target: Json, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/**
 * A deep copy of data that keeps own `__proto__` keys, NaN, -0, undefined and each object's
 * prototype (so that a value only inherited stays only inherited).
 */
export function deepCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => deepCopy(v)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const copy = Object.create(Object.getPrototypeOf(value) as object | null) as Json;
  for (const key of Object.keys(value)) setOwn(copy, key, deepCopy((value as Json)[key]));
  return copy as T;
}

/** A copy of an event with the mutations applied in turn (missing or non-object parents made). */
export function mutate(event: unknown, mutations: ReadonlyArray<Mutation>): Json {
  const copy = deepCopy(event) as Json;
  for (const { path, value } of mutations) {
    let node = copy;
    for (const key of path.slice(0, -1)) {
      const next = Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
      if (typeof next === 'object' && next !== null && !Array.isArray(next)) {
        node = next as Json;
      } else {
        const created: Json = {};
        setOwn(node, key, created);
        node = created;
      }
    }
    const last = path[path.length - 1];
    if (last === undefined) continue;
    if (value === REMOVE) delete node[last];
    else setOwn(node, last, value);
  }
  return copy;
}

/** Built once: strings too big to generate on every run. */
const HUGE_STRINGS = [
  'x'.repeat(100_000),
  '9'.repeat(5_000),
  '😀'.repeat(20_000),
  '\u0000'.repeat(1_000),
  'u'.repeat(512),
  'u'.repeat(513),
];

/** Strings that mean something somewhere: keys, codes, statuses, numbers, direction marks. */
export const specialString = fc.constantFrom(
  '',
  ' ',
  '\t\n',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e400',
  '\u0000',
  '\u202e',
  '\ud800',
  '☕',
  '😀',
  'קפה',
  'ｃｏｆｆｅｅ',
  '<speak>',
  '&',
  '"}',
  '\\',
  'amzn1.ask.account.X',
  'LaunchRequest',
  'IntentRequest',
  'Connections.Response',
  'SessionEndedRequest',
  'Setup',
  'Charge',
  'SANDBOX',
  'LIVE',
  'OPEN',
  'Closed',
  'Declined',
  'MaxCapturesProcessed',
  'CertificationTestTransaction',
  '200',
  '400',
  'en-US',
  'ja-JP',
  'GRANTED',
  'DENIED',
);

/** Short strings of every kind: special, ASCII, graphemes, any code unit; now and then a huge one. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: specialString },
  { weight: 3, arbitrary: fc.string({ maxLength: 10 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE_STRINGS) },
);

/** Numbers that break naive code: negative, fractional, NaN, infinite, beyond 2^53, -0. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      0,
      -0,
      -1,
      1,
      2,
      1.5,
      -2.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      1e21,
      2 ** 53,
      Number.MAX_SAFE_INTEGER + 2,
      Number.MAX_VALUE,
      Number.MIN_VALUE,
      200,
      400,
    ),
  },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
);

/** Keys of the envelopes and answers the skill reads, and the keys of the prototype chain. */
export const ENVELOPE_KEYS = [
  'version',
  'session',
  'new',
  'sessionId',
  'application',
  'applicationId',
  'attributes',
  'user',
  'userId',
  'permissions',
  'consentToken',
  'scopes',
  'payments:autopay_consent',
  'status',
  'context',
  'System',
  'device',
  'apiEndpoint',
  'apiAccessToken',
  'request',
  'type',
  'requestId',
  'timestamp',
  'locale',
  'intent',
  'name',
  'slots',
  'product',
  'quantity',
  'value',
  'resolutions',
  'resolutionsPerAuthority',
  'values',
  'id',
  'code',
  'dialogState',
  'reason',
  'error',
  'token',
  'payload',
  'message',
  'errorCode',
  'billingAgreementDetails',
  'billingAgreementId',
  'billingAgreementStatus',
  'releaseEnvironment',
  'destination',
  'countryCode',
  'authorizationDetails',
  'authorizationStatus',
  'state',
  'reasonCode',
  'capturedAmount',
  'authorizationAmount',
  'amount',
  'currencyCode',
  'authorizationReferenceId',
  'amazonOrderReferenceId',
  'pendingOrderId',
  'retryOrderId',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
] as const;

const anyKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ENVELOPE_KEYS) },
  { weight: 1, arbitrary: hostileString },
);

const leaf: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 2, arbitrary: fc.constantFrom(null, true, false, undefined) },
);

/** Any value JSON could almost carry, nested at most two deep, with hostile keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 2 },
    { weight: 6, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 3 }) },
    {
      weight: 1,
      arbitrary: fc.array(fc.tuple(anyKey, tie('value')), { maxLength: 3 }).map((entries) => {
        const record: Json = {};
        for (const [key, value] of entries) setOwn(record, key, value);
        return record;
      }),
    },
  ),
})).value;

/** Paths of the envelope fields the skill reads, where a change matters most. */
const KNOWN_PATHS: ReadonlyArray<ReadonlyArray<string>> = [
  ['version'],
  ['session'],
  ['session', 'new'],
  ['session', 'attributes'],
  ['session', 'attributes', 'pendingOrderId'],
  ['session', 'attributes', 'retryOrderId'],
  ['session', 'attributes', '__proto__'],
  ['session', 'user'],
  ['session', 'user', 'userId'],
  ['session', 'application', 'applicationId'],
  ['context'],
  ['context', 'System'],
  ['context', 'System', 'user'],
  ['context', 'System', 'user', 'userId'],
  ['context', 'System', 'user', 'permissions'],
  ['context', 'System', 'user', 'permissions', 'scopes'],
  ['context', 'System', 'user', 'permissions', 'scopes', 'payments:autopay_consent', 'status'],
  ['context', 'System', 'application', 'applicationId'],
  ['context', 'System', 'apiEndpoint'],
  ['request'],
  ['request', 'type'],
  ['request', 'locale'],
  ['request', 'intent'],
  ['request', 'intent', 'name'],
  ['request', 'intent', 'slots'],
  ['request', 'intent', 'slots', 'product', 'value'],
  ['request', 'intent', 'slots', 'product', 'resolutions'],
  ['request', 'intent', 'slots', 'quantity', 'value'],
  ['request', 'intent', 'slots', '__proto__'],
  ['request', 'reason'],
  ['request', 'error'],
  ['request', 'name'],
  ['request', 'token'],
  ['request', 'status'],
  ['request', 'status', 'code'],
  ['request', 'status', 'message'],
  ['request', 'payload'],
  ['request', 'payload', '__proto__'],
  ['request', 'payload', 'errorCode'],
  ['request', 'payload', 'billingAgreementDetails'],
  ['request', 'payload', 'billingAgreementDetails', 'billingAgreementId'],
  ['request', 'payload', 'billingAgreementDetails', 'billingAgreementStatus'],
  ['request', 'payload', 'billingAgreementDetails', 'releaseEnvironment'],
  ['request', 'payload', 'billingAgreementDetails', 'destination'],
  ['request', 'payload', 'authorizationDetails'],
  ['request', 'payload', 'authorizationDetails', 'authorizationReferenceId'],
  ['request', 'payload', 'authorizationDetails', 'authorizationStatus', 'state'],
  ['request', 'payload', 'authorizationDetails', 'authorizationStatus', 'reasonCode'],
  ['request', 'payload', 'authorizationDetails', 'capturedAmount', 'amount'],
  ['request', 'payload', 'authorizationDetails', 'capturedAmount', 'currencyCode'],
  ['request', 'payload', 'authorizationDetails', 'softDecline'],
];

/** A path into an envelope: a known field, a known field and deeper, or keys at random. */
export const envelopePath: fc.Arbitrary<ReadonlyArray<string>> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...KNOWN_PATHS) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...KNOWN_PATHS), fc.array(anyKey, { minLength: 1, maxLength: 2 }))
      .map(([path, more]) => [...path, ...more]),
  },
  { weight: 1, arbitrary: fc.array(anyKey, { minLength: 1, maxLength: 4 }) },
);

/** A mutation of an envelope: a hostile value, or the removal of the field. */
export const mutation: fc.Arbitrary<Mutation> = fc.record({
  path: envelopePath,
  value: fc.oneof(
    { weight: 5, arbitrary: hostileValue },
    { weight: 1, arbitrary: fc.constant(REMOVE) },
  ),
});

/**
 * A quantity slot value as Alexa might send it, or as nobody should: digits with a little white
 * space or many leading zeros, numbers of every sign, size and kind, numeric look-alikes, and
 * things that are not text at all.
 */
export const quantityValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 12 }).map(String) },
  { weight: 2, arbitrary: fc.integer({ min: -1_000, max: 1_000 }).map(String) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.string({
          unit: fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u2003', '\ufeff'),
          maxLength: 20,
        }),
        fc.integer({ min: 0, max: 12 }),
        fc.string({ unit: fc.constantFrom(' ', '\t', '\n'), maxLength: 20 }),
      )
      .map(([before, n, after]) => `${before}${n}${after}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.nat({ max: 150 }), fc.integer({ min: 0, max: 12 }))
      .map(([zeros, n]) => `${'0'.repeat(zeros)}${n}`),
  },
  { weight: 2, arbitrary: fc.double().map(String) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'NaN',
      'Infinity',
      '-Infinity',
      '1e1',
      '1e21',
      '0x10',
      '0b11',
      '+2',
      '٢',
      '２',
      '2.0',
      '2.',
      '.5',
      '1,000',
      '1_0',
      '-0',
      '00',
      '?',
      'two',
      '2 bags',
      '',
      '   ',
    ),
  },
  { weight: 2, arbitrary: hostileValue },
);

/**
 * The quantity an order must be created with for a slot value, or 'askAgain'; decided from
 * the meaning of the words, not from the skill's code: no value (or only blanks) is one, whole
 * numbers from 1 to the maximum are themselves, anything else is asked again. A value too long
 * for any slot (over 201 characters) may be asked again instead, but never read as another
 * number.
 */
export function expectedQuantity(
  raw: unknown,
  maxQuantity: number,
): { readonly quantity: number | 'askAgain'; readonly mayAskAgain: boolean } {
  const mayAskAgain = typeof raw === 'string' && raw.length > 201;
  if (raw === undefined || raw === null) return { quantity: 1, mayAskAgain };
  if (typeof raw !== 'string') return { quantity: 'askAgain', mayAskAgain };
  const text = raw.trim();
  if (text === '') return { quantity: 1, mayAskAgain };
  if (!/^[0-9]+$/.test(text)) return { quantity: 'askAgain', mayAskAgain };
  const n = BigInt(text);
  return {
    quantity: n >= 1n && n <= BigInt(maxQuantity) ? Number(n) : 'askAgain',
    mayAskAgain,
  };
}

/**
 * An amount as a Charge answer might carry it for an order total written `canonical` (`"34.97"`):
 * the canonical string (often, so that payments happen), equal spellings, near misses, signs,
 * exponents, separators, blanks, numbers instead of strings, and anything at all.
 */
export function amountValue(canonical: string): fc.Arbitrary<unknown> {
  const value = Number(canonical);
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(canonical) },
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        `0${canonical}`,
        `${canonical}0`,
        canonical.replace(/0$/, ''),
        `-${canonical}`,
        `+${canonical}`,
        ` ${canonical}`,
        `${canonical} `,
        canonical.replace('.', ','),
        `${String(value / 10)}e1`,
        String(value + 0.01),
        String(value - 0.01),
        String(value * 2),
        '0',
        '0.00',
        '',
        '1e21',
        '9'.repeat(16),
        `${'0'.repeat(14)}${canonical}`,
        'NaN',
        'Infinity',
      ),
    },
    { weight: 2, arbitrary: fc.constantFrom<unknown>(value, -value, Number.NaN, 1e21, null) },
    { weight: 1, arbitrary: fc.double().map(String) },
    { weight: 1, arbitrary: hostileValue },
  );
}

/** A user id: the test's own shopper, or hostile text. */
export function userIdValue(me: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(me) },
    { weight: 1, arbitrary: hostileString },
  );
}

/**
 * A token or order id as an attacker or a confused client might send it, around real order ids:
 * the id itself, the id of an attempt (right, wrong, zero, padded), the id changed a little, or
 * something made up.
 */
export function tokenValue(orderIds: ReadonlyArray<string>): fc.Arbitrary<string> {
  const real = fc.constantFrom(...orderIds);
  return fc.oneof(
    { weight: 4, arbitrary: real },
    {
      weight: 4,
      arbitrary: fc
        .tuple(real, fc.constantFrom('1', '2', '3', '0', '01', '6', '99999', '100000', '-1', ''))
        .map(([id, attempt]) => `${id}-${attempt}`),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(real, fc.constantFrom('x', ' ', '\u0000', '/..', '%00'))
        .map(([id, suffix]) => `${id}${suffix}`),
    },
    { weight: 1, arbitrary: real.map((id) => id.toUpperCase()) },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,26}$/) },
    { weight: 2, arbitrary: hostileString },
  );
}

/** Any value as text (an object whose own `toString` is not a function has no String()). */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** The kinds of request the envelope generator builds. */
export const REQUEST_KINDS = [
  'launch',
  'buy',
  'yes',
  'setupPayment',
  'no',
  'cancelOrder',
  'stop',
  'cancel',
  'help',
  'fallback',
  'refund',
  'unknownIntent',
  'ended',
  'setup',
  'setupError',
  'charge',
  'chargeError',
  'unknownType',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

const INTENT_OF: Partial<Record<RequestKind, string>> = {
  yes: 'AMAZON.YesIntent',
  setupPayment: 'SetupPaymentIntent',
  no: 'AMAZON.NoIntent',
  cancelOrder: 'CancelOrderIntent',
  stop: 'AMAZON.StopIntent',
  cancel: 'AMAZON.CancelIntent',
  help: 'AMAZON.HelpIntent',
  fallback: 'AMAZON.FallbackIntent',
  refund: 'RefundIntent',
};

/** The parts a generated envelope is made of (a record, so that shrinking stays readable). */
export type EnvelopeSpec = {
  readonly kind: RequestKind;
  readonly userId: string;
  readonly consent: ConsentStatus;
  readonly locale: string;
  readonly attributes: unknown;
  readonly product: string;
  readonly quantity: string | undefined;
  readonly token: string;
  readonly code: string;
  readonly statusCode: string;
  readonly amount: string;
  readonly state: string;
  readonly unknownType: string;
  readonly mutations: ReadonlyArray<Mutation>;
};

/** Generates envelope specs around a shopper `me` and a pool of real order ids. */
export function envelopeSpec(
  me: string,
  orderIds: ReadonlyArray<string>,
): fc.Arbitrary<EnvelopeSpec> {
  const token = tokenValue(orderIds);
  return fc.record({
    kind: fc.constantFrom(...REQUEST_KINDS),
    userId: userIdValue(me),
    consent: fc.constantFrom<ConsentStatus>('GRANTED', 'GRANTED', 'DENIED', 'missing'),
    locale: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('en-US', 'en-GB', 'de-DE', 'ja-JP', 'fr-FR') },
      { weight: 1, arbitrary: hostileString },
    ),
    attributes: fc.oneof(
      { weight: 3, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constant({}) },
      { weight: 3, arbitrary: token.map((id) => ({ pendingOrderId: id })) },
      { weight: 2, arbitrary: token.map((id) => ({ retryOrderId: id })) },
      {
        weight: 1,
        arbitrary: fc.tuple(token, token).map(([p, r]) => ({ pendingOrderId: p, retryOrderId: r })),
      },
      { weight: 1, arbitrary: hostileValue },
    ),
    product: fc.oneof(
      {
        weight: 4,
        arbitrary: fc.constantFrom('coffee', 'espresso cups', 'starter kit', 'house blend'),
      },
      { weight: 1, arbitrary: hostileString },
    ),
    quantity: fc.oneof(
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 3, arbitrary: fc.constantFrom('1', '2', '3') },
      { weight: 2, arbitrary: quantityValue.map(asText) },
    ),
    token,
    code: fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constantFrom(
          'InvalidShippingAddress',
          'ACCESS_DENIED',
          'VoicePurchaseNotEnabled',
          'RequestThrottled',
          'InternalServerError',
          'InvalidPaymentMethod',
          'AmazonRejected',
          'ProcessingFailure',
          'TransactionTimedOut',
          'InvalidBillingAgreementId',
          'CertificationTestTransaction',
        ),
      },
      { weight: 1, arbitrary: hostileString },
    ),
    statusCode: fc.constantFrom('400', '403', '429', '500', '503', '200', ''),
    amount: fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom('34.97', '29.98', '124.96', '0.00') },
      { weight: 1, arbitrary: hostileString },
    ),
    state: fc.constantFrom('Closed', 'Closed', 'Open', 'Declined', 'Pending', 'closed', ''),
    unknownType: fc.oneof(
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          'CanFulfillIntentRequest',
          'System.ExceptionEncountered',
          'Connections.Response ',
          'intentrequest',
        ),
      },
      { weight: 1, arbitrary: hostileString },
    ),
    mutations: fc.oneof(
      { weight: 2, arbitrary: fc.constant([]) },
      { weight: 3, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) },
    ),
  });
}

/** The request object of a spec's kind, before its mutations. */
function requestOf(spec: EnvelopeSpec): Json {
  const intent = INTENT_OF[spec.kind];
  if (intent !== undefined) return intentRequest(intent);
  switch (spec.kind) {
    case 'launch':
      return launchRequest();
    case 'buy':
      return intentRequest('BuyIntent', { product: spec.product, quantity: spec.quantity });
    case 'unknownIntent':
      return intentRequest(spec.unknownType);
    case 'ended':
      return sessionEndedRequest(spec.code);
    case 'setup':
      return aSetupResponse(spec.token, { status: spec.state === 'Closed' ? 'OPEN' : spec.state });
    case 'setupError':
      return anErrorResponse('Setup', spec.token, spec.code, spec.statusCode);
    case 'charge':
      return {
        ...aChargeResponse(spec.token.replace(/-[^-]*$/, ''), {
          state: spec.state,
          amount: spec.amount,
          reasonCode: spec.code,
        }),
        token: spec.token,
      };
    case 'chargeError':
      return {
        ...anErrorResponse('Charge', undefined, spec.code, spec.statusCode),
        token: spec.token,
      };
    case 'unknownType':
      return { type: spec.unknownType };
    default:
      return intentRequest('AMAZON.HelpIntent');
  }
}

/** Builds the event of a spec: a real envelope of its kind, then its mutations. */
export function eventOf(spec: EnvelopeSpec, skillId: string): Json {
  const session =
    spec.attributes === undefined
      ? { new: true }
      : { new: false, attributes: {} as Record<string, unknown> };
  const built = buildRequestEnvelope(
    aContext({ skillId, userId: spec.userId, consent: spec.consent, locale: spec.locale }),
    requestOf(spec),
    session,
  ) as unknown as Json;
  const withAttributes =
    spec.attributes === undefined
      ? built
      : mutate(built, [{ path: ['session', 'attributes'], value: spec.attributes }]);
  return mutate(withAttributes, spec.mutations);
}
