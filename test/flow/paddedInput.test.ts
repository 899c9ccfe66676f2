import fc from 'fast-check';
import { anEnvelope, intentRequest, launchRequest } from '../fixtures/requests';
import { expectedQuantity, mutate } from '../property/arbitraries';
import { responseEnvelopeProblems, storedOrder } from '../property/invariants';
import { startShop, type TestShop } from '../support/shop';

describe('input that once slipped through (found by the property tests)', () => {
  let shop: TestShop;

  beforeAll(async () => {
    shop = await startShop();
  });

  afterAll(async () => {
    await shop.close();
  });

  describe('a padded quantity past 200 characters', () => {
    it.each([`${' '.repeat(200)}10`, `${'0'.repeat(200)}10`, `${' '.repeat(250)}5`])(
      'never orders one for %p',
      async (quantity) => {
        // Act
        const reply = await shop.send(intentRequest('BuyIntent', { product: 'coffee', quantity }), {
          userId: 'amzn1.ask.account.PADDED-QUANTITY',
          attributes: {},
        });
        // Assess
        const id = reply.attributes?.['pendingOrderId'];
        const order = typeof id === 'string' ? await storedOrder(shop.orders.store, id) : undefined;
        expect(order?.lines[0]?.quantity ?? 'asked again').not.toBe(1);
      },
    );

    it('never orders another number than the one said', async () => {
      const checked = fc.assert(
        fc.asyncProperty(
          fc.nat({ max: 400 }),
          fc.integer({ min: 2, max: 10 }),
          async (blanks, n) => {
            const raw = `${' '.repeat(blanks)}${n}`;
            const reply = await shop.send(
              intentRequest('BuyIntent', { product: 'coffee', quantity: raw }),
              { userId: 'amzn1.ask.account.PADDED-QUANTITY', attributes: {} },
            );
            const id = reply.attributes?.['pendingOrderId'];
            if (typeof id !== 'string') return expectedQuantity(raw, 10).mayAskAgain;
            return (await storedOrder(shop.orders.store, id))?.lines[0]?.quantity === n;
          },
        ),
        { numRuns: 200, seed: 1 },
      );
      await expect(checked).resolves.toBeUndefined();
    });
  });

  describe('session attributes that are not an object', () => {
    it.each([
      ['a string', 'attributes'],
      ['a number', 42],
      ['true', true],
      ['an array', ['x']],
    ])('answer HelpIntent with object sessionAttributes when they are %s', async (_l, value) => {
      // Prepare
      const event = mutate(anEnvelope(intentRequest('AMAZON.HelpIntent'), { attributes: {} }), [
        { path: ['session', 'attributes'], value },
      ]);
      // Act + Assess
      expect(responseEnvelopeProblems(await shop.handler(event))).toEqual([]);
    });

    it('answer LaunchRequest with object sessionAttributes', async () => {
      // Prepare
      const event = mutate(
        anEnvelope(launchRequest(), {
          attributes: {},
          context: { userId: 'amzn1.ask.account.ODD-ATTRIBUTES' },
        }),
        [{ path: ['session', 'attributes'], value: 'attributes' }],
      );
      // Act + Assess
      expect(responseEnvelopeProblems(await shop.handler(event))).toEqual([]);
    });
  });
});
