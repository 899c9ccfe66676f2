import { startShop, type TestShop } from '../support/shop';

/** How many times each race is run, so that a rare interleaving has its chance to show. */
const ROUNDS = 10;
const CONCURRENT = 20;

describe('races on one order, repeated', () => {
  let shop: TestShop;

  beforeAll(async () => {
    shop = await startShop();
  });

  afterAll(async () => {
    await shop.close();
  });

  it.each(Array.from({ length: ROUNDS }, (_, round) => round))(
    `charges once when ${CONCURRENT} copies of the Setup and then of the Charge answer arrive at once (round %d)`,
    async (round) => {
      // Prepare
      const userId = `amzn1.ask.account.RACE-${round}`;
      const { setup, orderId } = await shop.buyAndConfirm(undefined, userId);
      const authorizationsBefore = shop.simulator.authorizationCount();
      const setupAnswer = { ...shop.simulator.answer(setup) } as Record<string, unknown>;

      // Act: the Setup answer, twenty times at once
      const afterSetup = await Promise.all(
        Array.from({ length: CONCURRENT }, () => shop.send(setupAnswer, { userId })),
      );
      // Assess: every one answers with the same Charge (same reference id and amount)
      const charges = new Set(afterSetup.map((r) => JSON.stringify(r.directives)));
      expect(charges.size).toBe(1);
      const charge = afterSetup[0]?.directives[0] ?? {};
      expect(charge).toMatchObject({
        name: 'Charge',
        token: `${orderId}-1`,
        payload: { authorizeAttributes: { authorizationReferenceId: `${orderId}-1` } },
      });

      // Act: Amazon's answer to that Charge, twenty times at once
      const chargeAnswer = { ...shop.simulator.answer(charge) } as Record<string, unknown>;
      const afterCharge = await Promise.all(
        Array.from({ length: CONCURRENT }, () => shop.send(chargeAnswer, { userId })),
      );
      // Assess: one status change each, one paid, one authorization, every reply a confirmation
      const order = await shop.orders.store.get(orderId);
      expect(order?.history.map((h) => h.status)).toEqual([
        'awaiting-confirmation',
        'setup-pending',
        'charge-pending',
        'paid',
      ]);
      expect(order?.version).toBe(4);
      expect(shop.simulator.authorizationCount() - authorizationsBefore).toBe(1);
      expect(afterCharge.every((r) => String(r.speech).includes('is placed'))).toBe(true);

      // Act: a late Setup answer after all of it
      const late = await shop.send(setupAnswer, { userId });
      // Assess: it never moves the order back
      expect(late.directives).toEqual([]);
      expect((await shop.orders.store.get(orderId))?.version).toBe(4);
    },
  );
});
