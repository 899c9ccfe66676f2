/**
 * The floor: the smallest ASK skill that answers the purchase's request types with the same
 * directive types as ours, and does exactly one DynamoDB document-client read per turn, plus the
 * Amazon Pay Buyer API calls a shop that prices delivery from the address must make (with the
 * permission granted: Buyer ID on launch; Buyer ID and Buyer Address, at once, on buy), with
 * Node's fetch and no checks of the answers. No validation, no order state, no logging: what no
 * implementation of the shop can beat. Only the benchmark uses it (bench/run.mjs bundles it
 * exactly like the Lambda bundle, and sends the Buyer API hosts to its loopback stand-in).
 *
 *   LaunchRequest                -> speech
 *   BuyIntent                    -> speech (the order id in the session)
 *   AMAZON.YesIntent             -> Connections.SendRequest Setup (token: the order id)
 *   Connections.Response Setup   -> Connections.SendRequest Charge (token: `${orderId}-1`)
 *   Connections.Response Charge  -> speech + card
 */
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  getIntentName,
  getRequestType,
  SkillBuilders,
  type HandlerInput,
  type RequestHandler,
} from 'ask-sdk-core';
import type { interfaces, RequestEnvelope, Response, ResponseEnvelope } from 'ask-sdk-model';

const env = process.env;
const TABLE = env['ORDERS_TABLE'] ?? 'orders';
/** The one item every turn reads (the benchmark seeds it with an order of realistic size). */
const READ_KEY = env['FLOOR_ORDER_ID'] ?? 'floor-order';
const SELLER_ID = env['SELLER_ID'] ?? 'A1EXAMPLESELLER';
const STORE_NAME = env['STORE_NAME'] ?? 'Blue Kettle Coffee';
const SANDBOX_EMAIL = env['SANDBOX_CUSTOMER_EMAIL'] ?? 'sandbox-buyer@example.com';
const SKILL_ID = env['SKILL_ID'] ?? 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

async function readOne(): Promise<void> {
  await db.send(
    new GetCommand({ TableName: TABLE, Key: { orderId: READ_KEY }, ConsistentRead: true }),
  );
}

/** One Buyer API GET with the request's token; the answer is read and not checked. */
async function buyerCall(input: HandlerInput, path: string): Promise<void> {
  const token = input.requestEnvelope.context.System.apiAccessToken;
  const response = await fetch(`https://pay-api.amazon.com${path}`, {
    headers: {
      Accept: 'application/json',
      Authorization: `Bearer ${token ?? ''}`,
      'x-amz-pay-sandbox-email-id': SANDBOX_EMAIL,
    },
    signal: AbortSignal.timeout(1500),
  });
  await response.text();
}

function consentGranted(input: HandlerInput): boolean {
  const scopes = input.requestEnvelope.context.System.user.permissions?.scopes;
  return scopes?.['payments:autopay_consent']?.status === 'GRANTED';
}

function connectionsRequest(input: HandlerInput): interfaces.connections.ConnectionsResponse {
  return input.requestEnvelope.request as interfaces.connections.ConnectionsResponse;
}

const isType =
  (type: string, name?: string) =>
  (input: HandlerInput): boolean =>
    getRequestType(input.requestEnvelope) === type &&
    (name === undefined ||
      (type === 'IntentRequest'
        ? getIntentName(input.requestEnvelope) === name
        : connectionsRequest(input).name === name));

const handlers: RequestHandler[] = [
  {
    canHandle: isType('LaunchRequest'),
    async handle(input) {
      await Promise.all([
        readOne(),
        consentGranted(input) ? buyerCall(input, '/live/v1/buyer/id') : undefined,
      ]);
      return input.responseBuilder
        .speak(`Welcome to ${STORE_NAME}. What would you like to buy?`)
        .reprompt('What would you like to buy?')
        .getResponse();
    },
  },
  {
    canHandle: isType('IntentRequest', 'BuyIntent'),
    async handle(input) {
      await Promise.all([
        buyerCall(input, '/live/v1/buyer/id'),
        buyerCall(input, `/sandbox/v1/buyer/addresses?sellerId=${SELLER_ID}`),
      ]);
      await readOne();
      input.attributesManager.setSessionAttributes({
        pendingOrderId: randomBytes(16).toString('base64url'),
      });
      return input.responseBuilder
        .speak('Two bags of House Blend coffee, $34.97 with delivery. Shall I place the order?')
        .reprompt('Shall I place the order?')
        .getResponse();
    },
  },
  {
    canHandle: isType('IntentRequest', 'AMAZON.YesIntent'),
    async handle(input) {
      await readOne();
      const attributes = input.attributesManager.getSessionAttributes<{
        pendingOrderId?: string;
      }>();
      const orderId = attributes.pendingOrderId ?? 'unknown';
      const payload: interfaces.amazonpay.request.SetupAmazonPayRequest = {
        '@type': 'SetupAmazonPayRequest',
        '@version': '2',
        sellerId: SELLER_ID,
        countryOfEstablishment: 'US',
        ledgerCurrency: 'USD',
        checkoutLanguage: 'en_US',
        billingAgreementAttributes: {
          '@type': 'BillingAgreementAttributes',
          '@version': '2',
          sellerBillingAgreementAttributes: {
            '@type': 'SellerBillingAgreementAttributes',
            '@version': '2',
            sellerBillingAgreementId: orderId,
            storeName: STORE_NAME,
          },
        },
        needAmazonShippingAddress: true,
        sandboxMode: true,
        sandboxCustomerEmailId: SANDBOX_EMAIL,
      };
      return input.responseBuilder
        .addDirective({ type: 'Connections.SendRequest', name: 'Setup', payload, token: orderId })
        .withShouldEndSession(true)
        .getResponse();
    },
  },
  {
    canHandle: isType('Connections.Response', 'Setup'),
    async handle(input) {
      await readOne();
      const request = connectionsRequest(input);
      const result = request.payload as interfaces.amazonpay.response.SetupAmazonPayResult;
      const orderId = request.token ?? 'unknown';
      const payload: interfaces.amazonpay.request.ChargeAmazonPayRequest = {
        '@type': 'ChargeAmazonPayRequest',
        '@version': '2',
        sellerId: SELLER_ID,
        billingAgreementId: result.billingAgreementDetails.billingAgreementId,
        paymentAction: 'AuthorizeAndCapture',
        authorizeAttributes: {
          '@type': 'AuthorizeAttributes',
          '@version': '2',
          authorizationReferenceId: `${orderId}-1`,
          authorizationAmount: {
            '@type': 'Price',
            '@version': '2',
            amount: '34.97',
            currencyCode: 'USD',
          },
          transactionTimeout: 0,
        },
        sellerOrderAttributes: {
          '@type': 'SellerOrderAttributes',
          '@version': '2',
          sellerOrderId: orderId,
          storeName: STORE_NAME,
        },
      };
      return input.responseBuilder
        .addDirective({
          type: 'Connections.SendRequest',
          name: 'Charge',
          payload,
          token: `${orderId}-1`,
        })
        .withShouldEndSession(true)
        .getResponse();
    },
  },
  {
    canHandle: isType('Connections.Response', 'Charge'),
    async handle(input) {
      await readOne();
      return input.responseBuilder
        .speak(`Thank you! Your order from ${STORE_NAME} is placed: $34.97, paid with Amazon Pay.`)
        .withSimpleCard(`Your ${STORE_NAME} order`, '2 x House Blend Coffee, 340 g\nTotal: $34.97')
        .withShouldEndSession(true)
        .getResponse();
    },
  },
  {
    canHandle: () => true,
    async handle(input) {
      await readOne();
      return input.responseBuilder.speak('Sorry, I did not get that.').getResponse();
    },
  },
];

const skill = SkillBuilders.custom()
  .addRequestHandlers(...handlers)
  .addErrorHandlers({
    canHandle: () => true,
    handle: (input): Response =>
      input.responseBuilder.speak('Sorry, something went wrong.').getResponse(),
  })
  .withSkillId(SKILL_ID)
  .create();

/** The Lambda entry point: `index.handler`. */
export const handler = (event: unknown, context?: unknown): Promise<ResponseEnvelope> =>
  skill.invoke(event as RequestEnvelope, context);
