import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { toAmazonPayAmount } from '../../src/amazonpay/amount';
import type { Order } from '../../src/checkout/Order';
import type { OrderStore } from '../../src/checkout/OrderStore';
import { canTransition, isOrderStatus, OrderStatus } from '../../src/checkout/OrderStatus';
import { ORDERS_BY_USER_INDEX } from '../../src/store/DynamoDbOrderStore';
import type { TestOrderStore } from '../support/dynalite';

/**
 * The checks the property, privacy and deadline tests share. Each returns a list of problems
 * (empty when all is well) instead of throwing, so that a property can report every broken
 * invariant of a step at once and fast-check can shrink on it.
 */

type Json = Record<string, unknown>;

/**
 * A read of the test's own, retried a few times: on a loaded machine a call to the embedded store
 * can time out, and a check must not fail for that.
 */
export async function steadily<T>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await read();
    } catch (error) {
      if (attempt >= 4) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

/** An order as stored now, read steadily. */
export function storedOrder(
  store: Pick<OrderStore, 'get'>,
  orderId: string,
): Promise<Order | undefined> {
  return steadily(() => store.get(orderId));
}

/** A plain object (not null, not an array), read without any help from the code under test. */
export function isPlainRecord(value: unknown): value is Readonly<Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads an own property path of an unknown value (never the prototype); undefined if absent. */
export function own(value: unknown, ...keys: ReadonlyArray<string>): unknown {
  let current = value;
  for (const key of keys) {
    if (!isPlainRecord(current) || !Object.prototype.hasOwnProperty.call(current, key)) {
      return undefined;
    }
    current = current[key];
  }
  return current;
}

/** Reads an own string at a path, or undefined. */
export function ownString(value: unknown, ...keys: ReadonlyArray<string>): string | undefined {
  const found = own(value, ...keys);
  return typeof found === 'string' ? found : undefined;
}

/**
 * Whether the Lambda handler must refuse an event (the contract of createHandler): the skill id
 * is not this skill's, or there is no request type to route on. Anything else must be answered.
 */
export function mustBeRefused(event: unknown, skillId: string): boolean {
  return (
    ownString(event, 'context', 'System', 'application', 'applicationId') !== skillId ||
    ownString(event, 'request', 'type') === undefined
  );
}

/** The user the skill may act for: as Alexa sends it, a non-empty id of at most 512 characters. */
export function userOfEvent(event: unknown): string | undefined {
  const fromContext = ownString(event, 'context', 'System', 'user', 'userId');
  const id = fromContext ?? ownString(event, 'session', 'user', 'userId');
  return id !== undefined && id.length > 0 && id.length <= 512 ? id : undefined;
}

const ENVELOPE_KEYS = new Set(['version', 'response', 'sessionAttributes', 'userAgent']);
const RESPONSE_KEYS = new Set([
  'outputSpeech',
  'reprompt',
  'card',
  'directives',
  'shouldEndSession',
]);
const CARD_TYPES = new Set(['Simple', 'Standard', 'LinkAccount', 'AskForPermissionsConsent']);
/** Alexa's limits: 8,000 characters of speech or card text, 24 kB of response. */
const MAX_SPEECH = 8000;
const MAX_RESPONSE_BYTES = 24 * 1024;
/** The elements of Alexa's SSML. */
const SSML_ELEMENTS = new Set([
  'speak',
  'amazon:domain',
  'amazon:effect',
  'amazon:emotion',
  'audio',
  'break',
  'emphasis',
  'lang',
  'p',
  'phoneme',
  'prosody',
  's',
  'say-as',
  'sub',
  'voice',
  'w',
]);
/** A tag with quoted attributes, or a run of text. */
const SSML_TOKEN = /<(\/?)([a-z][a-z:-]*)((?:\s+[a-z][a-z:-]*="[^"<>]*")*)\s*(\/?)>|([^<]+)|(<)/gy;
/** Text as the skill writes it: `<`, `>` and `&` escaped. */
const SSML_TEXT = /^(?:[^<>&]|&(?:amp|lt|gt|quot|apos);)*$/;
/** Text that only a bug puts in front of a shopper. */
const LEAKED_INTERNALS = /undefined|NaN|\[object|\bnull\b|Infinity/;

/** Why a string is not one well-formed `<speak>` element of known SSML, or undefined. */
export function ssmlProblem(ssml: string): string | undefined {
  const open: string[] = [];
  let text = '';
  let closedRoot = false;
  SSML_TOKEN.lastIndex = 0;
  for (let match = SSML_TOKEN.exec(ssml); match !== null; match = SSML_TOKEN.exec(ssml)) {
    const [, closing, name, , selfClosing, content, stray] = match;
    if (closedRoot) return 'content after </speak>';
    if (stray !== undefined) return `a stray < at ${match.index}`;
    if (content !== undefined) {
      if (open.length === 0) return 'text outside <speak>';
      if (!SSML_TEXT.test(content)) return `unescaped text: ${content.slice(0, 60)}`;
      text += content;
      continue;
    }
    if (name === undefined || !SSML_ELEMENTS.has(name)) return `unknown element ${String(name)}`;
    if (closing === '' && (name === 'speak') !== (open.length === 0)) {
      return 'speak is not the one root element';
    }
    if (closing === '/') {
      if (open.pop() !== name) return `</${name}> closes nothing`;
      if (open.length === 0) closedRoot = true;
    } else if (selfClosing !== '/') {
      open.push(name);
    }
  }
  if (!closedRoot || open.length > 0) return 'not closed';
  if (LEAKED_INTERNALS.test(text)) return `shows internals: ${text.slice(0, 120)}`;
  return undefined;
}

function speechProblems(speech: unknown, where: string): string[] {
  if (!isPlainRecord(speech)) return [`${where} is not an object`];
  const ssml = speech['ssml'];
  if (speech['type'] !== 'SSML') return [`${where}.type is ${String(speech['type'])}`];
  if (typeof ssml !== 'string') return [`${where}.ssml is not a string`];
  const problems: string[] = [];
  const problem = ssmlProblem(ssml);
  if (problem !== undefined) problems.push(`${where}.ssml: ${problem}: ${ssml.slice(0, 120)}`);
  if (ssml.length > MAX_SPEECH) problems.push(`${where}.ssml has ${ssml.length} characters`);
  return problems;
}

function cardProblems(card: unknown): string[] {
  if (!isPlainRecord(card)) return ['card is not an object'];
  const type = card['type'];
  if (typeof type !== 'string' || !CARD_TYPES.has(type)) return [`card type ${String(type)}`];
  if (type === 'Simple') {
    const { title, content } = card;
    if (typeof title !== 'string' || typeof content !== 'string') {
      return ['Simple card without a title and content'];
    }
    if (title.length + content.length > MAX_SPEECH) return ['card text too long'];
    if (LEAKED_INTERNALS.test(title + content)) return [`card shows internals: ${content}`];
  }
  if (type === 'AskForPermissionsConsent') {
    const permissions = card['permissions'];
    if (
      !Array.isArray(permissions) ||
      permissions.length === 0 ||
      !permissions.every((p) => typeof p === 'string')
    ) {
      return ['consent card without permissions'];
    }
  }
  return [];
}

function directiveShapeProblems(directives: unknown, ended: unknown, reprompt: unknown): string[] {
  if (!Array.isArray(directives)) return ['directives is not an array'];
  const problems: string[] = [];
  for (const directive of directives as ReadonlyArray<unknown>) {
    if (!isPlainRecord(directive) || typeof directive['type'] !== 'string') {
      problems.push('a directive without a type');
      continue;
    }
    if (directive['type'] !== 'Connections.SendRequest') continue;
    if (typeof directive['name'] !== 'string' || typeof directive['token'] !== 'string') {
      problems.push('a Connections directive without a name or token');
    }
    if (!isPlainRecord(directive['payload']))
      problems.push('a Connections directive without payload');
    // Alexa runs the Amazon Pay dialog: the directive comes alone and the session ends.
    if (directives.length !== 1) problems.push(`${directives.length} directives in one response`);
    if (ended !== true) problems.push('a Connections directive without shouldEndSession true');
    if (reprompt !== undefined) problems.push('a Connections directive with a reprompt');
  }
  return problems;
}

/**
 * What makes a value an invalid Alexa response envelope: the envelope and response keys, version
 * 1.0, well-formed SSML within Alexa's limits, a card of a known type, directives with a type
 * (Connections ones alone and ending the session), shouldEndSession a boolean, session
 * attributes an object, and nothing that JSON cannot carry.
 *
 * `request` is the event answered: ASK echoes its `session.attributes` when no handler replaces
 * them, so a non-object there comes back as a non-object (a known bug, see the report of issue 8),
 * which this check leaves to the test that demonstrates it.
 */
export function responseEnvelopeProblems(raw: unknown, request?: unknown): string[] {
  if (!isPlainRecord(raw)) return ['the answer is not an object'];
  const problems: string[] = [];
  for (const key of Object.keys(raw)) {
    if (!ENVELOPE_KEYS.has(key)) problems.push(`unknown envelope key ${key}`);
  }
  if (raw['version'] !== '1.0') problems.push(`version is ${String(raw['version'])}`);
  if (raw['userAgent'] !== undefined && typeof raw['userAgent'] !== 'string') {
    problems.push('userAgent is not a string');
  }
  const attributes = raw['sessionAttributes'];
  const sent = own(request, 'session', 'attributes');
  const echoesNonObject = Boolean(sent) && !isPlainRecord(sent);
  if (attributes !== undefined && !isPlainRecord(attributes) && !echoesNonObject) {
    problems.push(`sessionAttributes is ${JSON.stringify(attributes)?.slice(0, 40)}`);
  }
  try {
    JSON.stringify(raw);
  } catch (error) {
    problems.push(`the answer cannot be serialised: ${String(error)}`);
  }
  const response = raw['response'];
  if (!isPlainRecord(response)) return [...problems, 'response is not an object'];
  for (const key of Object.keys(response)) {
    if (!RESPONSE_KEYS.has(key)) problems.push(`unknown response key ${key}`);
  }
  if (response['outputSpeech'] !== undefined) {
    problems.push(...speechProblems(response['outputSpeech'], 'outputSpeech'));
  }
  const reprompt = response['reprompt'];
  if (reprompt !== undefined) {
    problems.push(...speechProblems(own(reprompt, 'outputSpeech'), 'reprompt.outputSpeech'));
  }
  if (response['card'] !== undefined) problems.push(...cardProblems(response['card']));
  const ended = response['shouldEndSession'];
  if (ended !== undefined && typeof ended !== 'boolean') problems.push('shouldEndSession type');
  if (response['directives'] !== undefined) {
    problems.push(...directiveShapeProblems(response['directives'], ended, reprompt));
  }
  const size = Buffer.byteLength(JSON.stringify(response) ?? '');
  if (size > MAX_RESPONSE_BYTES) problems.push(`response of ${size} bytes`);
  return problems;
}

/** The directives of a response envelope (none when it has none, or is not one). */
export function directivesOf(raw: unknown): ReadonlyArray<Json> {
  const directives = own(raw, 'response', 'directives');
  return Array.isArray(directives)
    ? (directives as ReadonlyArray<unknown>).filter(isPlainRecord)
    : [];
}

/**
 * The money rule, checked against the store right after the answer: a Setup only for an order of
 * that user in setup-pending (token: the order id); a Charge only for a confirmed order of that
 * user in charge-pending whose persisted reference id is the token and the directive's
 * authorizationReferenceId, on the persisted agreement, for the order's total.
 */
export async function directiveProblems(
  store: Pick<OrderStore, 'get'>,
  raw: unknown,
  user: string | undefined,
): Promise<string[]> {
  const problems: string[] = [];
  for (const directive of directivesOf(raw)) {
    const name = directive['name'];
    const token = directive['token'];
    if (directive['type'] !== 'Connections.SendRequest') {
      problems.push(`unexpected directive ${String(directive['type'])}`);
      continue;
    }
    if (typeof token !== 'string') {
      problems.push(`${String(name)} without a token`);
      continue;
    }
    const orderId = name === 'Charge' ? token.replace(/-\d+$/, '') : token;
    const order = await storedOrder(store, orderId);
    if (order === undefined) {
      problems.push(`${String(name)} for an unknown order ${orderId}`);
      continue;
    }
    if (user === undefined || order.userId !== user) {
      problems.push(`${String(name)} for an order of another user`);
    }
    if (name === 'Setup') {
      if (order.status !== OrderStatus.SetupPending) {
        problems.push(`Setup for an order in ${order.status}`);
      }
      continue;
    }
    if (name !== 'Charge') {
      problems.push(`unexpected Connections directive ${String(name)}`);
      continue;
    }
    const payload = directive['payload'];
    const reference = ownString(payload, 'authorizeAttributes', 'authorizationReferenceId');
    if (order.status !== OrderStatus.ChargePending) {
      problems.push(`Charge for an order in ${order.status}`);
    }
    if (!order.history.some((h) => h.status === OrderStatus.SetupPending)) {
      problems.push('Charge for an order never confirmed');
    }
    if (order.authorizationReferenceId !== token || reference !== token) {
      problems.push(
        `Charge token ${token} / reference ${String(reference)} but persisted ${String(order.authorizationReferenceId)}`,
      );
    }
    if (
      order.billingAgreementId === undefined ||
      ownString(payload, 'billingAgreementId') !== order.billingAgreementId
    ) {
      problems.push('Charge on an agreement the order does not hold');
    }
    const amount = own(payload, 'authorizeAttributes', 'authorizationAmount');
    const total = toAmazonPayAmount({ amountMinor: order.totalMinor, currency: order.currency });
    if (
      ownString(amount, 'amount') !== total ||
      ownString(amount, 'currencyCode') !== order.currency
    ) {
      problems.push(`Charge of ${JSON.stringify(amount)} for a total of ${total}`);
    }
  }
  return problems;
}

/**
 * An order's timeline: it starts awaiting confirmation, every step is an allowed transition
 * (so no status ever moves backwards), it ends in the order's status, and every write added one
 * entry (version = number of entries).
 */
export function historyProblems(order: Order): string[] {
  const statuses = order.history.map((h) => h.status);
  const problems: string[] = [];
  if (statuses[0] !== OrderStatus.AwaitingConfirmation) {
    problems.push(`${order.orderId} starts in ${String(statuses[0])}`);
  }
  for (const [i, status] of statuses.entries()) {
    if (!isOrderStatus(status)) problems.push(`${order.orderId} has status ${String(status)}`);
    const previous = statuses[i - 1];
    if (previous !== undefined && isOrderStatus(previous) && isOrderStatus(status)) {
      if (!canTransition(previous, status)) {
        problems.push(`${order.orderId} moved ${previous} -> ${status}`);
      }
    }
  }
  if (statuses[statuses.length - 1] !== order.status) {
    problems.push(`${order.orderId} is ${order.status} but its history ends elsewhere`);
  }
  if (order.version !== statuses.length) {
    problems.push(`${order.orderId} has version ${order.version} for ${statuses.length} entries`);
  }
  if (order.status === OrderStatus.Subscribed) {
    // Charged later by the billing job: the order holds its agreement and was never charged.
    if (order.billingAgreementId === undefined) {
      problems.push(`${order.orderId} is subscribed without a billing agreement`);
    }
    if (order.attempt !== 0 || order.authorizationReferenceId !== undefined) {
      problems.push(`${order.orderId} is subscribed but was sent a Charge`);
    }
  }
  return problems;
}

/** A later read of an order only adds to the history an earlier read saw: nothing is rewritten. */
export function historyRewritten(before: Order, after: Order | undefined): string[] {
  if (after === undefined) return [`${before.orderId} disappeared`];
  const earlier = JSON.stringify(before.history);
  const later = JSON.stringify(after.history.slice(0, before.history.length));
  return earlier === later ? [] : [`${before.orderId} history rewritten`];
}

/** Every order of a user, read through the store's user index and then consistently by id. */
export async function ordersOfUser(orders: TestOrderStore, userId: string): Promise<Order[]> {
  const items = await itemsOfUser(orders, userId);
  const ids = items.flatMap((item) =>
    typeof item['orderId'] === 'string' ? [item['orderId']] : [],
  );
  const found = await Promise.all(ids.map((id) => storedOrder(orders.store, id)));
  return found.filter((o): o is Order => o !== undefined);
}

/**
 * The stored items of a user's orders as the user index holds them (one query, no reads by id),
 * with only the given attributes.
 */
export async function itemsOfUser(
  orders: TestOrderStore,
  userId: string,
  attributes: ReadonlyArray<string> = ['orderId'],
): Promise<Array<Record<string, unknown>>> {
  const found: Array<Record<string, unknown>> = [];
  const names = Object.fromEntries(attributes.map((a, i) => [`#a${i}`, a]));
  let start: Record<string, unknown> | undefined;
  do {
    const page = await steadily(() =>
      orders.client.send(
        new QueryCommand({
          TableName: orders.tableName,
          IndexName: ORDERS_BY_USER_INDEX,
          KeyConditionExpression: '#u = :u',
          ExpressionAttributeNames: { '#u': 'userId', ...names },
          ExpressionAttributeValues: { ':u': userId },
          ProjectionExpression: Object.keys(names).join(', '),
          ...(start !== undefined && { ExclusiveStartKey: start }),
        }),
      ),
    );
    found.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return found;
}

/** The own property names Object.prototype has when this module loads. */
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Anything that reached Object.prototype (a prototype-pollution bug). */
export function prototypePollution(): string[] {
  const probe: Json = {};
  const added = Object.getOwnPropertyNames(Object.prototype).filter((n) => !PROTOTYPE_NAMES.has(n));
  const inherited = [
    'polluted',
    'pendingOrderId',
    'retryOrderId',
    'type',
    'userId',
    'token',
  ].filter((key) => probe[key] !== undefined);
  return [...added, ...inherited].map((key) => `Object.prototype has ${key}`);
}

/** Messages the skill logs when the store failed it (on a loaded machine: a timeout). */
const STORE_TROUBLE = new Set(['request failed', 'turn over budget', 'last order lookup failed']);

/**
 * Whether the store failed the skill since a log line (the skill then apologises, rightly): an
 * oracle that expects the work done cannot judge that run, which is discarded with `fc.pre`.
 */
export function storeFailedSince(
  lines: ReadonlyArray<{
    readonly message: string;
    readonly fields: Readonly<Record<string, unknown>>;
  }>,
  since: number,
): boolean {
  return lines
    .slice(since)
    .some(
      (l) =>
        STORE_TROUBLE.has(l.message) &&
        (l.message !== 'request failed' || String(l.fields['errorName']).includes('OrderStore')),
    );
}

/** Throws one error naming every problem, for fast-check to report and shrink on. */
export function assertNone(problems: ReadonlyArray<string>, context: string): void {
  if (problems.length > 0) throw new Error(`${context}:\n  ${problems.join('\n  ')}`);
}
