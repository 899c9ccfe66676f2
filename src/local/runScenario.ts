import { applyScenarioBuyer } from './buyer/applyScenarioBuyer';
import type { BuyerApiStandInServer } from './buyer/startBuyerApiStandIn';
import { localBuyerProfile } from './buyer/startLocalBuyerApi';
import type { CountryOfEstablishment } from './simulator/regions';
import { isRecord, readField, readString } from '../amazonpay/readUnknown';
import type { Order } from '../checkout/Order';
import type { OrderStatus } from '../checkout/OrderStatus';
import {
  buildRequestEnvelope,
  intentRequest,
  launchRequest,
  localApiAccessToken,
  type EnvelopeContext,
} from './requestEnvelopes';
import { runBackendSteps, type ScenarioBackend } from './backendSteps';
import { ScenarioBackendError } from './errors';
import type { Scenario, ShopperTurn } from './scenarios';
import type { AmazonPaySimulator } from './simulator/AmazonPaySimulator';

/** The skill as the runner sees it: the Lambda handler of the bundle. */
export type SkillHandler = (event: unknown, context?: unknown) => Promise<unknown>;

/** What a played scenario ended with. */
export type ScenarioResult = {
  readonly finalStatus: OrderStatus | 'none';
  readonly orderId: string | undefined;
  readonly order: Order | undefined;
  readonly directives: ReadonlyArray<{ readonly name: string; readonly payload: unknown }>;
  /** The charges the merchant's billing runs captured (0 without billing runs). */
  readonly billingCaptures: number;
};

/** Everything the runner needs; the printer receives the transcript line by line. */
export type RunScenarioOptions = {
  readonly scenario: Scenario;
  readonly handler: SkillHandler;
  readonly simulator: AmazonPaySimulator;
  readonly skillId: string;
  readonly userId: string;
  readonly locale?: string;
  readonly readOrder: (orderId: string) => Promise<Order | undefined>;
  readonly print: (line: string) => void;
  /**
   * The Buyer API stand-in the handler calls, and the merchant country of its sandbox buyer: the
   * runner gives the shopper the scenario's buyer there, and the same address to the simulator.
   */
  readonly buyerApi?: {
    readonly standIn: BuyerApiStandInServer;
    readonly country: CountryOfEstablishment;
  };
  /** Where the merchant's backend steps run; needed by scenarios that have some. */
  readonly backend?: ScenarioBackend;
};

/** Turns SSML into the words Alexa would say. */
export function ssmlToText(ssml: string): string {
  return ssml
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

function describeTurn(turn: ShopperTurn): string {
  if (turn.kind === 'launch') return 'LaunchRequest';
  const slots = Object.entries(turn.slots ?? {}).map(([k, v]) => `${k}=${v}`);
  return [turn.intent, ...slots].join(' ');
}

function toRequest(turn: ShopperTurn): Record<string, unknown> {
  return turn.kind === 'launch' ? launchRequest() : intentRequest(turn.intent, turn.slots);
}

function describeDirective(directive: unknown): string {
  const name = readString(directive, 'name') ?? '?';
  const token = readString(directive, 'token') ?? '?';
  const payload = readField(directive, 'payload');
  if (name === 'Setup') {
    const fields = [
      `sellerId=${readString(payload, 'sellerId') ?? '?'}`,
      `country=${readString(payload, 'countryOfEstablishment') ?? '?'}`,
      `ledger=${readString(payload, 'ledgerCurrency') ?? '?'}`,
      `language=${readString(payload, 'checkoutLanguage') ?? '-'}`,
      `shippingAddress=${String(readField(payload, 'needAmazonShippingAddress') === true)}`,
      `sandboxMode=${readField(payload, 'sandboxMode') === true ? 'true' : '(absent: live)'}`,
    ];
    const attributes = readField(payload, 'billingAgreementAttributes');
    const type = readString(attributes, 'billingAgreementType');
    const perPeriod = readField(attributes, 'subscriptionAmount');
    if (type !== undefined) fields.push(`billingAgreementType=${type}`);
    if (perPeriod !== undefined) {
      fields.push(
        `subscriptionAmount=${readString(perPeriod, 'amount') ?? '?'} ${readString(perPeriod, 'currencyCode') ?? '?'}`,
      );
    }
    return `Connections.SendRequest Setup token=${token} ${fields.join(' ')}`;
  }
  if (name === 'Charge') {
    const auth = readField(payload, 'authorizeAttributes');
    const amount = readField(auth, 'authorizationAmount');
    const fields = [
      readString(payload, 'paymentAction') ?? '?',
      `${readString(amount, 'amount') ?? '?'} ${readString(amount, 'currencyCode') ?? '?'}`,
      `authorizationReferenceId=${readString(auth, 'authorizationReferenceId') ?? '?'}`,
      `billingAgreementId=${readString(payload, 'billingAgreementId') ?? '?'}`,
    ];
    return `Connections.SendRequest Charge token=${token} ${fields.join(' ')}`;
  }
  return `Connections.SendRequest ${name} token=${token}`;
}

function describeAmazonPayAnswer(request: unknown): string {
  const name = readString(request, 'name') ?? '?';
  const code = readString(request, 'status', 'code') ?? '?';
  const message = readString(request, 'status', 'message') ?? '';
  const payload = readField(request, 'payload');
  if (code !== '200') {
    return `${name} -> ${code} ${readString(payload, 'errorCode') ?? message}`;
  }
  if (name === 'Setup') {
    const details = readField(payload, 'billingAgreementDetails');
    return (
      `${name} -> 200 ${message}, billing agreement ${readString(details, 'billingAgreementId') ?? '?'} ` +
      `${readString(details, 'billingAgreementStatus') ?? '?'} (${readString(details, 'releaseEnvironment') ?? '?'})` +
      (isRecord(readField(details, 'destination')) ? ', with shipping address' : '')
    );
  }
  const details = readField(payload, 'authorizationDetails');
  const status = readField(details, 'authorizationStatus');
  const captured = readField(details, 'capturedAmount');
  const reason = readString(status, 'reasonCode');
  return (
    `${name} -> 200 ${message}, authorization ${readString(status, 'state') ?? '?'}` +
    (reason !== undefined ? ` (${reason})` : '') +
    `, captured ${readString(captured, 'amount') ?? '0'} ${readString(captured, 'currencyCode') ?? ''}`.trimEnd()
  );
}

type Reply = {
  readonly speech: string | undefined;
  readonly card:
    { readonly type: string; readonly title?: string; readonly content?: string } | undefined;
  readonly directives: ReadonlyArray<unknown>;
  readonly ended: boolean;
  readonly attributes: Record<string, unknown>;
};

function readReply(envelope: unknown): Reply {
  const response = readField(envelope, 'response');
  const ssml = readString(response, 'outputSpeech', 'ssml');
  const card = readField(response, 'card');
  const directives = readField(response, 'directives');
  const attributes = readField(envelope, 'sessionAttributes');
  const cardType = readString(card, 'type');
  return {
    speech: ssml === undefined ? undefined : ssmlToText(ssml),
    card:
      cardType === undefined
        ? undefined
        : {
            type: cardType,
            ...(readString(card, 'title') !== undefined && { title: readString(card, 'title') }),
            ...(readString(card, 'content') !== undefined && {
              content: readString(card, 'content'),
            }),
          },
    directives: Array.isArray(directives) ? (directives as ReadonlyArray<unknown>) : [],
    ended: readField(response, 'shouldEndSession') === true,
    attributes: isRecord(attributes) ? { ...attributes } : {},
  };
}

/**
 * Plays a scenario through the skill's Lambda handler: the shopper's turns in one session, then
 * each Connections directive answered by the simulator and sent back as a new session, as Alexa
 * does. Prints the transcript and returns the order's final status as read from the store.
 */
export async function runScenario(options: RunScenarioOptions): Promise<ScenarioResult> {
  const { scenario, print } = options;
  if (options.buyerApi !== undefined) {
    const token = localApiAccessToken(options.userId);
    const base = localBuyerProfile(options.buyerApi.country)(token);
    applyScenarioBuyer(options.buyerApi.standIn, scenario.buyer, token, base);
    options.simulator.useShippingAddress(scenario.buyer?.address);
  }
  const context: EnvelopeContext = {
    skillId: options.skillId,
    userId: options.userId,
    locale: options.locale ?? 'en-US',
    consent: scenario.consent,
  };
  const directivesSent: Array<{ name: string; payload: unknown }> = [];
  let orderId: string | undefined;
  const show = (reply: Reply): void => {
    print(
      `Alexa:      ${reply.speech ?? '(says nothing)'}${reply.ended ? '  [session ends]' : ''}`,
    );
    if (reply.card !== undefined) {
      const title = reply.card.title !== undefined ? ` "${reply.card.title}"` : '';
      print(`Card:       ${reply.card.type}${title}`);
      for (const line of (reply.card.content ?? '').split('\n').filter((l) => l !== '')) {
        print(`              ${line}`);
      }
    }
    if (typeof reply.attributes['pendingOrderId'] === 'string') {
      orderId = reply.attributes['pendingOrderId'];
    }
  };

  let directiveCount = 0;
  for (const [visitIndex, visit] of scenario.visits.entries()) {
    if (visitIndex > 0) print('            ... later, the shopper comes back (a new session)');
    let attributes: Record<string, unknown> = {};
    let isNew = true;
    let pending: Reply | undefined;
    for (const turn of visit) {
      print(`Shopper:    "${turn.say}"  [${describeTurn(turn)}]`);
      const envelope = buildRequestEnvelope(context, toRequest(turn), { new: isNew, attributes });
      const reply = readReply(await options.handler(envelope));
      show(reply);
      attributes = reply.ended ? {} : reply.attributes;
      isNew = reply.ended;
      pending = reply;
      if (reply.directives.length > 0) break;
    }

    // Follow the Connections directives: Setup, then Charge, each answered by the simulator.
    for (let hop = 0; pending !== undefined && hop < 4; hop += 1) {
      const directive = pending.directives.find(
        (d) => readString(d, 'type') === 'Connections.SendRequest',
      );
      if (directive === undefined) break;
      print(`  -> ${describeDirective(directive)}`);
      directivesSent.push({
        name: readString(directive, 'name') ?? '?',
        payload: readField(directive, 'payload'),
      });
      orderId ??= readString(directive, 'token');
      const behaviour = scenario.behaviours[directiveCount] ?? {};
      directiveCount += 1;
      const answer = options.simulator.answer(directive, behaviour);
      print(`Amazon Pay: ${describeAmazonPayAnswer(answer)}  [Connections.Response, new session]`);
      const envelope = buildRequestEnvelope(context, { ...answer }, { new: true });
      pending = readReply(await options.handler(envelope));
      show(pending);
    }
  }

  // Then the merchant's backend steps on the order (a refund and its sync, say).
  const backendSteps = scenario.backend ?? [];
  let billingCaptures = 0;
  if (backendSteps.length > 0 && orderId !== undefined) {
    if (options.backend === undefined) {
      throw new ScenarioBackendError(`scenario ${scenario.name} has backend steps and no backend`);
    }
    print("            ... later, the merchant's backend (the order tools) takes the order");
    const done = await runBackendSteps({
      steps: backendSteps,
      orderId,
      backend: options.backend,
      print,
    });
    billingCaptures = done.captured;
  }

  const order = orderId === undefined ? undefined : await options.readOrder(orderId);
  return {
    finalStatus: order?.status ?? 'none',
    orderId,
    order,
    directives: directivesSent,
    billingCaptures,
  };
}
