import { findScenario, SCENARIOS } from '../../src/local/scenarios';
import { isSpeechLocale } from '../../src/speech/promptsFor';
import { ShopSimulator } from '../../src/local/web/ShopSimulator';
import { findModelsDir, listModelLocales } from '../../src/local/web/interactionModel';

// The locales whose interaction model exists now (more are being added).
const MODEL_LOCALES = listModelLocales(findModelsDir(__dirname) ?? '').filter(isSpeechLocale);

// The page's engine plays every outcome scenario of `npm start -- --list` as typed words, with
// the scenario chosen in its select: each must end where `npm start` ends it.
describe('the simulator page with each scenario of npm start -- --list', () => {
  let simulator: ShopSimulator;

  beforeAll(async () => {
    simulator = await ShopSimulator.open({ env: { LOG_LEVEL: 'silent' } });
  });

  afterAll(async () => {
    await simulator.close();
  });

  // Typed words play the shopper's side only: a scenario with merchant backend steps (a refund)
  // is not one the page plays.
  it.each(SCENARIOS.filter((s) => s.backend === undefined).map((s) => [s.name, s.expectedStatus]))(
    '%s ends %s',
    async (name, expected) => {
      // Arrange
      const scenario = SCENARIOS.find((s) => s.name === name);
      if (scenario === undefined) throw new Error(`no scenario ${name}`);
      await simulator.reset();
      const settings = {
        locale: 'en-US',
        device: 'screen',
        consent: scenario.consent,
        voicePurchasing: true,
        scenario: scenario.name,
      } as const;

      // Act
      for (const visit of scenario.visits) {
        await simulator.newSession(settings);
        for (const turn of visit) await simulator.say(turn.say, settings);
      }
      const order = await simulator.order();

      // Assess
      expect(order?.status ?? 'none').toBe(expected);
    },
  );

  it.each(MODEL_LOCALES)('buys in %s with the words of that locale, to paid', async (locale) => {
    // Arrange
    const scenario = findScenario('happy-path', locale);
    if (scenario === undefined) throw new Error('no happy path');
    await simulator.reset();
    const settings = {
      locale,
      device: 'voice',
      consent: 'GRANTED',
      voicePurchasing: true,
      scenario: scenario.name,
    } as const;

    // Act
    const heard: Array<string> = [];
    for (const turn of scenario.visits[0] ?? []) {
      const exchange = await simulator.say(turn.say, settings);
      heard.push(exchange.turns[0]?.understood ?? '?');
    }
    const order = await simulator.order();

    // Assess
    expect(heard[0]).toBe('LaunchRequest');
    expect(heard[1]).toMatch(/^BuyIntent · product ".+" → house-blend · quantity = 2/);
    expect(heard[2]).toBe('AMAZON.YesIntent');
    expect(order?.status).toBe('paid');
  });
});
