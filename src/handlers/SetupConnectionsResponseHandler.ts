import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { AUTOPAY_CONSENT_SCOPE, SETUP_DIRECTIVE_NAME } from '../amazonpay/constants';
import { promptsFor } from '../speech/promptsFor';
import type { HandlerDeps } from './HandlerDeps';
import { isConnectionsResponse } from './matchers';
import { escapeSsml, readLocale, readUserId } from './requestFacts';

/**
 * Takes Amazon Pay's answer to Setup. It arrives as a new session and is matched to its order only
 * through the token. With an OPEN agreement the answer is the Charge directive, returned only after
 * the order is persisted in `charge-pending`; otherwise a short answer and nothing charged.
 */
export class SetupConnectionsResponseHandler implements RequestHandler {
  constructor(private readonly deps: HandlerDeps) {}

  canHandle = isConnectionsResponse(SETUP_DIRECTIVE_NAME);

  async handle(input: HandlerInput): Promise<Response> {
    const prompts = promptsFor(readLocale(input));
    const builder = input.responseBuilder.withShouldEndSession(true);
    const userId = readUserId(input);
    if (userId === undefined) return builder.speak(escapeSsml(prompts.unknownOrder)).getResponse();
    const result = await this.deps.checkout.takeSetupResult({
      userId,
      connectionsResponse: input.requestEnvelope.request,
    });
    switch (result.kind) {
      case 'charge':
        // No speech beside the directive: Alexa speaks for Amazon Pay.
        return builder.addDirective(result.directive).getResponse();
      case 'setupFailed': {
        const outcome = result.outcome;
        switch (outcome.kind) {
          case 'permissionRequired':
            return builder
              .speak(escapeSsml(prompts.permissionNeeded(this.deps.checkout.merchant.storeName)))
              .withAskForPermissionsConsentCard([AUTOPAY_CONSENT_SCOPE])
              .getResponse();
          case 'voicePurchaseDisabled':
            return builder.speak(escapeSsml(prompts.voicePurchaseDisabled)).getResponse();
          case 'failed':
            return builder
              .speak(
                escapeSsml(
                  outcome.amazonSpoke ? prompts.setupFailedAmazonSpoke : prompts.setupFailed,
                ),
              )
              .getResponse();
          case 'approved':
            return builder.speak(escapeSsml(prompts.setupFailed)).getResponse();
          default: {
            const unreachable: never = outcome;
            return unreachable;
          }
        }
      }
      case 'unknownOrder':
        return builder.speak(escapeSsml(prompts.unknownOrder)).getResponse();
      case 'stale':
        return builder.speak(escapeSsml(prompts.alreadyHandled)).getResponse();
      default: {
        const unreachable: never = result;
        return unreachable;
      }
    }
  }
}
