import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '../config/loadConfig';
import type { Order } from '../checkout/Order';
import { toDecimalAmount } from '../cli/formatOrders';
import { ConfigError } from '../config/errors';
import { openOrderStore } from '../store/openOrderStore';
import { runScenario, type SkillHandler } from './runScenario';
import { isSpeechLocale, SPEECH_LOCALES } from '../speech/promptsFor';
import { startLocalBuyerApiFor } from './buyer/startLocalBuyerApi';
import type { BuyerApiStandInServer } from './buyer/startBuyerApiStandIn';
import { findScenario, SCENARIOS, type Scenario } from './scenarios';
import { isCountryOfEstablishment } from './simulator/regions';
import { AmazonPaySimulator } from './simulator/AmazonPaySimulator';
import { runReplay } from './replay/runReplay';

const USAGE = `Usage: npm start -- [--scenario NAME] [--locale LOCALE] | --list | --help
       npm start -- --replay FILE

Plays one scripted purchase through lambda/index.js, the embedded order store and the offline
Alexa + Amazon Pay simulator, and prints the transcript.

  --scenario NAME   the scenario to play (default: happy-path)
  --locale LOCALE   the shopper's Alexa locale: ${SPEECH_LOCALES.join(', ')} (default: en-US)
  --list            print the scenario names, one per line
  --help            print this text
  --replay FILE     play a transcript saved by the browser simulator (npm run simulator) again
                    through lambda/index.js: exit 0 when every answer is as recorded, 1 when
                    any differs, 2 when FILE is not a transcript

Exit codes: 0 the order ended in the status the scenario expects; 1 it did not;
2 a usage or configuration error.`;

type Args =
  | { kind: 'list' }
  | { kind: 'help' }
  | { kind: 'play'; scenario: string; locale: string }
  | { kind: 'replay'; file: string };

function parseArgs(argv: ReadonlyArray<string>): Args | { kind: 'error'; message: string } {
  if (argv.length === 1 && argv[0] === '--list') return { kind: 'list' };
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) return { kind: 'help' };
  const replayAt = argv.findIndex((a) => a === '--replay' || a.startsWith('--replay='));
  if (replayAt >= 0) {
    const flag = argv[replayAt] ?? '';
    const file = flag === '--replay' ? argv[replayAt + 1] : flag.slice('--replay='.length);
    if (file === undefined || file === '' || file.startsWith('--')) {
      return { kind: 'error', message: '--replay needs a transcript file' };
    }
    if (argv.length !== (flag === '--replay' ? 2 : 1)) {
      return { kind: 'error', message: '--replay takes no other arguments' };
    }
    return { kind: 'replay', file };
  }
  let scenario = 'happy-path';
  let locale = 'en-US';
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--list' || arg === '--help' || arg === '-h') {
      return { kind: 'error', message: `${arg} takes no other arguments` };
    }
    if (arg === '--scenario') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) {
        return { kind: 'error', message: '--scenario needs a scenario name' };
      }
      scenario = value;
      i += 1;
    } else if (arg !== undefined && arg.startsWith('--scenario=')) {
      scenario = arg.slice('--scenario='.length);
    } else if (arg === '--locale') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) {
        return { kind: 'error', message: '--locale needs a locale' };
      }
      locale = value;
      i += 1;
    } else if (arg !== undefined && arg.startsWith('--locale=')) {
      locale = arg.slice('--locale='.length);
    } else {
      return { kind: 'error', message: `unknown argument: ${String(arg)}` };
    }
  }
  if (!isSpeechLocale(locale)) {
    return {
      kind: 'error',
      message: `unknown locale: ${locale} (known locales: ${SPEECH_LOCALES.join(', ')})`,
    };
  }
  return { kind: 'play', scenario, locale };
}

async function readOrderAfterRun(config: Config, orderId: string): Promise<Order | undefined> {
  // The skill's own store has been shut down: read the same table or folder with a fresh one.
  const orders = openOrderStore(config);
  try {
    return await orders.store.get(orderId);
  } finally {
    await orders.close();
  }
}

function describeOrder(order: Order): string {
  const history = order.history.map((h) => h.status).join(' -> ');
  const amount = (minor: number): string =>
    `${toDecimalAmount(minor, order.currency)} ${order.currency}`;
  const basis = order.delivery;
  const priced =
    basis === undefined
      ? 'before delivery zones'
      : basis.kind === 'flat'
        ? 'the flat rate (no address)'
        : `the delivery zone ${basis.country}${basis.region !== undefined ? `-${basis.region}` : ''}`;
  return (
    `Order ${order.orderId}: ${order.status}  (${history})\n` +
    `Priced:     for ${priced}: subtotal ${amount(order.subtotalMinor)}, shipping ${amount(order.shippingMinor)}, ` +
    `tax ${amount(order.taxMinor)}, total ${amount(order.totalMinor)}`
  );
}

/**
 * Checks, before anything is played, that the embedded store's folder can be opened by this
 * process: a folder held by another process is a setup problem, not a failed purchase.
 */
async function checkStore(config: Config): Promise<string | undefined> {
  if (config.ordersTable !== undefined) return undefined;
  const embedded = openOrderStore(config);
  try {
    await embedded.store.get('store-check');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await embedded.close();
  }
}

/** One line on what the Buyer API stand-in was asked and what the order was priced for. */
function describeBuyerCalls(buyerApi: BuyerApiStandInServer): string {
  const count = (operation: string): number =>
    buyerApi.requests.filter((r) => r.operation === operation).length;
  return `Buyer API:  ${count('BuyerId')} Buyer ID and ${count('BuyerAddress')} Buyer Address call(s)`;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const out = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  if (args.kind === 'error') {
    process.stderr.write(`${args.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.kind === 'help') {
    out(USAGE);
    return 0;
  }
  if (args.kind === 'list') {
    for (const s of SCENARIOS) out(s.name);
    return 0;
  }
  if (args.kind === 'replay') {
    process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
    return runReplay(path.resolve(args.file), {
      bundle: path.resolve(__dirname, '..', 'lambda', 'index.js'),
      out,
      err: (line) => process.stderr.write(`${line}\n`),
    });
  }
  const scenario = findScenario(args.scenario, args.locale);
  if (scenario === undefined) {
    process.stderr.write(
      `unknown scenario: ${args.scenario}\nknown scenarios: ${SCENARIOS.map((s) => s.name).join(', ')}\n`,
    );
    return 2;
  }

  // The scenario's own configuration (a sandbox simulation string, live mode) comes first.
  for (const [name, value] of Object.entries(scenario.env ?? {})) process.env[name] = value;
  // The transcript is the output; the skill's JSON log lines only from warnings up, unless asked.
  process.env['LOG_LEVEL'] ??= 'warn';
  // Node 20 is supported until early 2027; the SDK's reminder would interrupt the transcript.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const problem = await checkStore(config);
  if (problem !== undefined) {
    process.stderr.write(`${problem}\n`);
    return 2;
  }
  // The Buyer ID and Buyer Address APIs: the loopback stand-in, unless BUYER_API_ORIGIN names one.
  const userId = `amzn1.ask.account.LOCAL-SHOPPER-${randomBytes(6).toString('hex')}`;
  const buyerApi = await startLocalBuyerApiFor(config);
  if (buyerApi !== undefined) process.env['BUYER_API_ORIGIN'] = buyerApi.origin;
  try {
    return await play(args.locale, scenario, config, userId, buyerApi, out);
  } finally {
    await buyerApi?.close();
  }
}

/** Loads the bundle and plays the scenario; the Buyer API stand-in, if any, is running. */
async function play(
  locale: string,
  scenario: Scenario,
  config: Config,
  userId: string,
  buyerApi: BuyerApiStandInServer | undefined,
  out: (line: string) => void,
): Promise<number> {
  let skill: { handler: SkillHandler; shutdown: () => Promise<void> };
  const bundle = path.resolve(__dirname, '..', 'lambda', 'index.js');
  if (!existsSync(bundle)) {
    process.stderr.write(`${bundle} is missing: run npm run build first (npm start does it).\n`);
    return 2;
  }
  try {
    // The built bundle, loaded at run time exactly as Lambda loads it (not bundled into this tool).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    skill = require(bundle) as typeof skill;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConfigError') {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }

  out(`Scenario:   ${scenario.name}: ${scenario.description} (expects ${scenario.expectedStatus})`);
  out(
    `Shop:       ${config.storeName}, seller ${config.sellerId}, ${config.merchantCountry}/${config.ledgerCurrency}` +
      `, ${config.sandbox ? 'sandbox' : 'live'}; orders in ${config.ordersTable ?? `embedded store at ${config.ordersDbDir}`}`,
  );
  out(
    'Amazon Pay: offline simulator (Amazon Pay for Alexa Skills no longer takes payments; nothing is charged)',
  );
  out(
    buyerApi !== undefined
      ? `Buyer API:  loopback stand-in at ${buyerApi.origin} (Buyer ID and Buyer Address, sandbox buyer)`
      : `Buyer API:  ${config.buyerApiOrigin ?? "Amazon Pay's host for the request's apiEndpoint"}`,
  );
  out(`Locale:     ${locale} (the shopper's Alexa locale)`);
  out('');

  const simulator = new AmazonPaySimulator({ locale });
  let result;
  try {
    result = await runScenario({
      scenario,
      handler: skill.handler,
      simulator,
      skillId: config.skillId,
      locale,
      // A shopper of its own per run, so that orders left by earlier runs do not greet this one.
      userId,
      // The shopper's buyer, and the same address in the Setup answer.
      ...(buyerApi !== undefined &&
        isCountryOfEstablishment(config.merchantCountry) && {
          buyerApi: { standIn: buyerApi, country: config.merchantCountry },
        }),
      readOrder: async (orderId) => {
        await skill.shutdown();
        return readOrderAfterRun(config, orderId);
      },
      print: out,
      // The merchant's tools open the store once the skill's own is shut down.
      backend: {
        openStore: async () => {
          await skill.shutdown();
          const orders = openOrderStore(config);
          return {
            store: orders.store,
            agreements: orders.agreements,
            close: () => orders.close(),
          };
        },
        amazonPayAgreement: (billingAgreementId) => simulator.agreement(billingAgreementId),
        sellerId: config.sellerId,
        merchantCountry: config.merchantCountry,
        sandbox: config.sandbox,
      },
    });
  } catch (error) {
    await skill.shutdown().catch(() => undefined);
    if (error instanceof Error && error.name === 'EmbeddedStoreLockedError') {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  await skill.shutdown();

  out('');
  out(result.order !== undefined ? describeOrder(result.order) : 'Order:      none created');
  out(`Amazon Pay: ${simulator.authorizationCount()} authorization(s) made`);
  if (buyerApi !== undefined) out(describeBuyerCalls(buyerApi));
  const captures = scenario.expectedBillingCaptures;
  if (captures !== undefined) {
    out(`Billing:    ${result.billingCaptures} charge(s) captured by the billing job`);
  }
  const ok =
    result.finalStatus === scenario.expectedStatus &&
    (captures === undefined || result.billingCaptures === captures);
  out(
    `Result:     ${ok ? 'OK' : 'UNEXPECTED'}: final status ${result.finalStatus}, expected ${scenario.expectedStatus}` +
      (captures === undefined
        ? ''
        : `; ${result.billingCaptures} charges captured, expected ${captures}`),
  );
  return ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `npm start failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
