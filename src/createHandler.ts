import { ResponseFactory } from 'ask-sdk-core';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { isRecord, readField, readString } from './amazonpay/readUnknown';
import type { AgreementStore } from './billing/AgreementStore';
import type { Catalog } from './checkout/Catalog';
import { CheckoutService } from './checkout/CheckoutService';
import type { Logger } from './checkout/Logger';
import type { OrderStore } from './checkout/OrderStore';
import type { Config } from './config/loadConfig';
import { BuyerLookup, type BuyerApi } from './handlers/BuyerLookup';
import { escapeSsml } from './handlers/requestFacts';
import { buildSkill } from './skill';
import { merchantLocaleOf, promptsFor } from './speech/promptsFor';

/** The Lambda handler's signature: an async function of the event (and the Lambda context). */
export type LambdaHandler = (event: unknown, context?: unknown) => Promise<ResponseEnvelope>;

/** Everything the handler is built from; the Lambda entry passes the real ones once per container. */
export type HandlerParts = {
  readonly config: Config;
  readonly store: OrderStore;
  /**
   * The billing agreements of orders charged later (the same table as the orders in Lambda).
   * Absent: the catalog's charge-later products are not sold.
   */
  readonly agreements?: AgreementStore;
  readonly catalog: Catalog;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly newOrderId: () => string;
  /** The Buyer ID and Buyer Address APIs; absent, neither is asked (the flat-rate policy applies). */
  readonly buyerApi?: BuyerApi;
};

/** Thrown when a request names another skill (or none): refused before any handler runs. */
export class SkillIdMismatchError extends Error {
  constructor() {
    super('request is not for this skill');
    this.name = 'SkillIdMismatchError';
  }
}

/**
 * Builds the Lambda handler: it refuses a request for another skill id before any handler runs,
 * then hands the envelope to the skill. Tests and the local server build it with their own store,
 * clock and ids; the Lambda entry builds it once per container.
 *
 * @example
 * export const handler = createHandler({ config, store, catalog, logger, clock, newOrderId });
 */
export function createHandler(parts: HandlerParts): LambdaHandler {
  const { config, logger } = parts;
  const checkout = new CheckoutService({
    store: parts.store,
    catalog: parts.catalog,
    merchant: {
      sellerId: config.sellerId,
      storeName: config.storeName,
      countryOfEstablishment: config.merchantCountry,
      ledgerCurrency: config.ledgerCurrency,
      maxAmountMinor: config.maxAmountMinor,
      addressUnavailablePolicy: config.addressUnavailablePolicy,
      ...(config.sandboxCustomerEmail !== undefined && {
        sandbox: {
          customerEmail: config.sandboxCustomerEmail,
          ...(config.sandboxSimulation !== undefined && { simulation: config.sandboxSimulation }),
        },
      }),
    },
    clock: parts.clock,
    newOrderId: parts.newOrderId,
    logger,
    ...(parts.agreements !== undefined && { agreements: parts.agreements }),
  });
  const skill = buildSkill({
    skillId: config.skillId,
    checkout,
    logger,
    ...(parts.buyerApi !== undefined && {
      buyers: new BuyerLookup({
        api: parts.buyerApi,
        sellerId: config.sellerId,
        ...(config.sandboxCustomerEmail !== undefined && {
          sandbox: { customerEmail: config.sandboxCustomerEmail },
        }),
        logger,
      }),
    }),
    ...(config.merchantContact !== undefined && { merchantContact: config.merchantContact }),
  });
  return async (event, context) => {
    const applicationId = readString(event, 'context', 'System', 'application', 'applicationId');
    if (applicationId !== config.skillId || readString(event, 'request', 'type') === undefined) {
      logger.warn('request refused', { reason: 'skill id mismatch or no request' });
      throw new SkillIdMismatchError();
    }
    return withinBudget(
      skill.invoke(withObjectAttributes(event) as RequestEnvelope, context),
      event,
      config,
      logger,
    );
  };
}

/**
 * Gives a session whose attributes are not an object empty ones, so the response never echoes a
 * string, number or array back as `sessionAttributes` (Alexa expects an object).
 */
function withObjectAttributes(event: unknown): unknown {
  const session = readField(event, 'session');
  if (!isRecord(session) || isRecord(readField(session, 'attributes'))) return event;
  if (readField(session, 'attributes') === undefined) return event;
  return { ...(event as Record<string, unknown>), session: { ...session, attributes: {} } };
}

/**
 * Answers with a short apology when a turn would take longer than its budget (a hanging store,
 * say). The late work is dropped: a Charge directive that was not returned in time is never sent,
 * and the order it belongs to stays where its last write left it, so the next visit goes on.
 */
async function withinBudget(
  work: Promise<ResponseEnvelope>,
  event: unknown,
  config: Config,
  logger: Logger,
): Promise<ResponseEnvelope> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), config.turnBudgetMs);
  });
  try {
    const result = await Promise.race([work, late]);
    if (result !== 'late') return result;
  } finally {
    clearTimeout(timer);
  }
  // The late work may still fail: nothing is waiting for it any more.
  work.catch(() => undefined);
  logger.error('turn over budget', {
    requestType: readString(event, 'request', 'type')?.slice(0, 64),
    budgetMs: config.turnBudgetMs,
  });
  const locale = readString(event, 'request', 'locale');
  return {
    version: '1.0',
    response: ResponseFactory.init()
      .speak(
        escapeSsml(promptsFor(locale, merchantLocaleOf(config.merchantCountry)).unexpectedError),
      )
      .withShouldEndSession(true)
      .getResponse(),
  };
}
