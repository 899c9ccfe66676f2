import { loadMwsCredentials } from '../../amazonpay/mws/loadMwsCredentials';
import { MWS_TEST_ACCOUNT } from '../../local/mws/MwsStandIn';
import { JsonLogger } from '../../logging/JsonLogger';
import { createBillingMwsClient } from '../createBillingMwsClient';
import { createSecretsManagerFetcher } from '../createSecretsManagerFetcher';
import type { BillingConfig } from '../loadBillingConfig';
import { loadBillingConfig } from '../loadBillingConfig';
import { openAgreementStore } from './openAgreementStore';
import type { SeededStandIn } from './startSeededStandIn';
import { startSeededStandIn } from './startSeededStandIn';
import { BILLING_USAGE, parseBillingArgs } from './parseBillingArgs';
import { BillingExitCode, runBillingCommand } from './runBillingCommand';

const MAX_MESSAGE_LENGTH = 300;

const stdout = (text: string): void => {
  process.stdout.write(text);
};
const stderr = (text: string): void => {
  process.stderr.write(text);
};

/** One line for a failure: the error's name and the first line of its message, no stack. */
function toFailureLine(error: unknown): string {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  const line = name === 'Error' ? message : `${name}: ${message}`;
  return line.length > MAX_MESSAGE_LENGTH ? `${line.slice(0, MAX_MESSAGE_LENGTH - 3)}...` : line;
}

const CONFIG_ERRORS: ReadonlySet<string> = new Set(['BillingConfigError', 'MwsCredentialsError']);

async function main(argv: ReadonlyArray<string>): Promise<BillingExitCode> {
  const command = parseBillingArgs(argv);
  if (command.kind === 'usageError') {
    stderr(`billing: ${command.message}\n\n${BILLING_USAGE}\n`);
    return BillingExitCode.Usage;
  }
  if (command.kind === 'help') {
    stdout(`${BILLING_USAGE}\n`);
    return BillingExitCode.Ok;
  }
  // Node 20 is supported until early 2027; the SDK's reminder would only clutter the output.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  if (command.standIn && (process.env['AWS_LAMBDA_FUNCTION_NAME'] ?? '') !== '') {
    stderr('billing: --stand-in is for local runs and is refused in Lambda\n');
    return BillingExitCode.Usage;
  }
  let config: BillingConfig;
  try {
    // The stand-in has its own test seller; MWS_ENDPOINT and the MWS keys are not used then.
    config = loadBillingConfig(
      command.standIn
        ? { ...process.env, SELLER_ID: MWS_TEST_ACCOUNT.sellerId, MWS_ENDPOINT: undefined }
        : process.env,
    );
  } catch (error) {
    stderr(`billing: ${toFailureLine(error)}\n`);
    return BillingExitCode.Usage;
  }
  const logger = new JsonLogger({
    level: process.env['LOG_LEVEL'] === undefined ? 'warn' : config.logLevel,
    write: (line) => stderr(`${line}\n`),
  });
  const opened = openAgreementStore(config);
  let standIn: SeededStandIn | undefined;
  const limit = command.limit ?? config.runLimit;
  try {
    return await runBillingCommand(command, {
      store: opened.store,
      mws: async () => {
        if (!command.standIn) {
          return createBillingMwsClient(
            config,
            await loadMwsCredentials(process.env, { fetchSecret: createSecretsManagerFetcher() }),
            { logger },
          );
        }
        standIn = await startSeededStandIn(opened.store, config, {
          now: new Date().toISOString(),
          limit,
          logger,
        });
        stderr(
          `billing: MWS calls go to an offline stand-in on ${standIn.origin}, seeded with ` +
            `${standIn.seeded} Open agreement(s); nothing is charged\n`,
        );
        return standIn.mws;
      },
      clock: () => new Date(),
      logger,
      defaultLimit: config.runLimit,
      stdout,
    });
  } catch (error) {
    stderr(`billing: ${toFailureLine(error)}\n`);
    return error instanceof Error && CONFIG_ERRORS.has(error.name)
      ? BillingExitCode.Usage
      : BillingExitCode.Failed;
  } finally {
    await standIn?.close().catch(() => undefined);
    // Stops the embedded DynamoDB, if it was started, so that the process can exit.
    await opened.close().catch(() => undefined);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    stderr(`billing: ${toFailureLine(error)}\n`);
    process.exitCode = BillingExitCode.Failed;
  },
);
