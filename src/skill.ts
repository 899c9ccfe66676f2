import { SkillBuilders, type Skill } from 'ask-sdk-core';
import type { CheckoutService } from './checkout/CheckoutService';
import type { Logger } from './checkout/Logger';
import { BuyIntentHandler } from './handlers/BuyIntentHandler';
import type { BuyerLookup } from './handlers/BuyerLookup';
import { CancelOrderIntentHandler } from './handlers/CancelOrderIntentHandler';
import { ChargeConnectionsResponseHandler } from './handlers/ChargeConnectionsResponseHandler';
import { ConfirmOrderIntentHandler } from './handlers/ConfirmOrderIntentHandler';
import { FallbackIntentHandler } from './handlers/FallbackIntentHandler';
import type { HandlerDeps } from './handlers/HandlerDeps';
import { HelpIntentHandler } from './handlers/HelpIntentHandler';
import { LaunchRequestHandler } from './handlers/LaunchRequestHandler';
import { NoIntentHandler } from './handlers/NoIntentHandler';
import { RefundIntentHandler } from './handlers/RefundIntentHandler';
import { RetryOrderIntentHandler } from './handlers/RetryOrderIntentHandler';
import { ExceptionEncounteredHandler } from './handlers/ExceptionEncounteredHandler';
import { SessionEndedRequestHandler } from './handlers/SessionEndedRequestHandler';
import { SetupConnectionsResponseHandler } from './handlers/SetupConnectionsResponseHandler';
import { StopIntentHandler } from './handlers/StopIntentHandler';
import { UnexpectedErrorHandler } from './handlers/UnexpectedErrorHandler';
import type { MerchantContact } from './speech/Prompts';

/** What the skill is built from. */
export type SkillDeps = {
  /** Requests for any other skill id are refused before a handler runs. */
  readonly skillId: string;
  readonly checkout: CheckoutService;
  readonly logger: Logger;
  /** The phone and email that cancel-order and refund answers give; unset, they give none. */
  readonly merchantContact?: MerchantContact;
  /** The Buyer ID and Buyer Address lookups (BuyIntent and LaunchRequest). */
  readonly buyers?: BuyerLookup;
};

/**
 * Builds the skill: the one place where handlers are registered. ASK runs the first handler whose
 * `canHandle` is true, so this list is the routing table.
 *
 * @example
 * const skill = buildSkill({ skillId: config.skillId, checkout, logger });
 * const response = await skill.invoke(requestEnvelope);
 */
export function buildSkill(deps: SkillDeps): Skill {
  const handlerDeps: HandlerDeps = {
    checkout: deps.checkout,
    logger: deps.logger,
    ...(deps.buyers !== undefined && { buyers: deps.buyers }),
  };
  const contactDeps = { ...handlerDeps, merchantContact: deps.merchantContact };
  return (
    SkillBuilders.custom()
      .addRequestHandlers(
        // Amazon Pay answers first: they arrive as new sessions and are matched by token only.
        new SetupConnectionsResponseHandler(handlerDeps),
        new ChargeConnectionsResponseHandler(handlerDeps),
        new LaunchRequestHandler(handlerDeps),
        new BuyIntentHandler(handlerDeps),
        // A yes to "shall I try again?" (a retry offered at launch, no order awaiting a yes).
        new RetryOrderIntentHandler(handlerDeps),
        // Yes and "check out" send Setup for the order awaiting confirmation.
        new ConfirmOrderIntentHandler(handlerDeps),
        new NoIntentHandler(handlerDeps),
        // "Cancel my order" cancels an order awaiting a yes, else gives the merchant's contact.
        new CancelOrderIntentHandler(contactDeps),
        new RefundIntentHandler(contactDeps),
        new HelpIntentHandler(handlerDeps),
        new StopIntentHandler(handlerDeps),
        // After every named intent: takes AMAZON.FallbackIntent and any intent not handled above.
        new FallbackIntentHandler(handlerDeps),
        new SessionEndedRequestHandler(handlerDeps),
        new ExceptionEncounteredHandler(handlerDeps),
      )
      // Last and always: the catch-all error handler.
      .addErrorHandlers(new UnexpectedErrorHandler(handlerDeps))
      .withSkillId(deps.skillId)
      .create()
  );
}
