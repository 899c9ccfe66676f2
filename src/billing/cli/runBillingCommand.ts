import type { Logger } from '../../checkout/Logger';
import type { AgreementStore } from '../AgreementStore';
import type { BillingMwsClient } from '../BillingMwsClient';
import { runDueCharges } from '../runDueCharges';
import { formatRunSummary } from './formatRunSummary';
import type { BillingCommand } from './parseBillingArgs';
import { BILLING_USAGE } from './parseBillingArgs';

/** The exit codes of the billing tool: done, a run with errors or a failure, usage or configuration. */
export const BillingExitCode = { Ok: 0, Failed: 1, Usage: 2 } as const;
export type BillingExitCode = (typeof BillingExitCode)[keyof typeof BillingExitCode];

/** What a command needs from the outside world; the entry point passes the real ones. */
export type BillingCommandDeps = {
  readonly store: AgreementStore;
  readonly mws: () => Promise<BillingMwsClient>;
  readonly clock: () => Date;
  readonly logger: Logger;
  readonly defaultLimit: number;
  readonly stdout: (text: string) => void;
};

/**
 * Runs one parsed command of the billing tool and returns its exit code: `run-due` runs the job
 * once and prints its summary; a run with errors exits 1. Store and MWS setup failures are thrown,
 * for the entry point to report.
 */
export async function runBillingCommand(
  command: BillingCommand,
  deps: BillingCommandDeps,
): Promise<BillingExitCode> {
  switch (command.kind) {
    case 'help':
      deps.stdout(`${BILLING_USAGE}\n`);
      return BillingExitCode.Ok;
    case 'run-due': {
      const summary = await runDueCharges({
        store: deps.store,
        mws: await deps.mws(),
        clock: deps.clock,
        limit: command.limit ?? deps.defaultLimit,
        logger: deps.logger,
      });
      deps.stdout(
        command.json ? `${JSON.stringify(summary, null, 2)}\n` : formatRunSummary(summary),
      );
      return summary.errors > 0 ? BillingExitCode.Failed : BillingExitCode.Ok;
    }
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}
