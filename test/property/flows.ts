import type { SimulatorBehaviour } from '../../src/local/simulator/AmazonPaySimulator';
import { intentRequest, launchRequest } from '../fixtures/requests';
import type { Reply, TestShop } from '../support/shop';

/**
 * Purchases brought to a given point through the real handler and the simulator, for tests that
 * need orders in every status. Each function returns the order id and what a later step needs.
 */

type Json = Record<string, unknown>;

function only<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`expected ${what}`);
  return value;
}

/** Buy: the order awaits the shopper's yes. */
export async function awaitingOrder(
  shop: TestShop,
  userId: string,
  slots: Record<string, string> = { product: 'coffee', quantity: '2' },
): Promise<{ orderId: string; attributes: Json }> {
  const reply = await shop.send(intentRequest('BuyIntent', slots), { userId, attributes: {} });
  const orderId = reply.attributes?.['pendingOrderId'];
  if (typeof orderId !== 'string') throw new Error(`no order: ${reply.speech ?? ''}`);
  return { orderId, attributes: reply.attributes ?? {} };
}

/** Buy and yes: the order waits for the Setup answer. */
export async function setupPendingOrder(
  shop: TestShop,
  userId: string,
): Promise<{ orderId: string; setup: Json }> {
  const { orderId, attributes } = await awaitingOrder(shop, userId);
  const reply = await shop.send(intentRequest('AMAZON.YesIntent'), { userId, attributes });
  return { orderId, setup: only(reply.directives[0], 'a Setup') };
}

/** Buy, yes and an OPEN agreement: the order waits for the Charge answer. */
export async function chargePendingOrder(
  shop: TestShop,
  userId: string,
): Promise<{ orderId: string; setupAnswer: Json; charge: Json }> {
  const { orderId, setup } = await setupPendingOrder(shop, userId);
  const { reply, answer } = await shop.deliver(setup, {}, userId);
  return { orderId, setupAnswer: answer, charge: only(reply.directives[0], 'a Charge') };
}

/** The whole purchase, with the Charge answered as `charge` says (paid by default). */
export async function chargedOrder(
  shop: TestShop,
  userId: string,
  charge: SimulatorBehaviour['charge'] = { kind: 'ok' },
): Promise<{ orderId: string; chargeAnswer: Json; reply: Reply }> {
  const pending = await chargePendingOrder(shop, userId);
  const { reply, answer } = await shop.deliver(pending.charge, { charge }, userId);
  return { orderId: pending.orderId, chargeAnswer: answer, reply };
}

/** A purchase whose Setup failed (an unknown error code): the order is failed. */
export async function failedOrder(shop: TestShop, userId: string): Promise<string> {
  const { orderId, setup } = await setupPendingOrder(shop, userId);
  await shop.deliver(
    setup,
    { setup: { kind: 'error', errorCode: 'InvalidSellerId', statusCode: '400' } },
    userId,
  );
  return orderId;
}

/** Launch: the welcome, in a new session (its attributes name an order to retry, if any). */
export function launch(shop: TestShop, userId: string): Promise<Reply> {
  return shop.send(launchRequest(), { userId });
}
