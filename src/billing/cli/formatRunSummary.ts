import type { BillingRunSummary } from '../runDueCharges';

/**
 * Formats a run summary for the terminal: one line of counts, then one line per charge (agreement,
 * reference id, charge state, Amazon's reason, what happens to the agreement). No customer data.
 *
 * @example
 * formatRunSummary(summary);
 * // 'billing run 6f1c...: 2 due, 1 captured, 1 declined, 0 retried, 0 skipped, 0 errors\n' +
 * // '  C01-1000001-0000001  bp-...-0-1  captured  advance\n' + ...
 */
export function formatRunSummary(summary: BillingRunSummary): string {
  const head =
    `billing run ${summary.runId}: ${summary.due} due, ${summary.captured} captured, ` +
    `${summary.declined} declined, ${summary.retried} retried, ${summary.skipped} skipped, ` +
    `${summary.errors} errors`;
  const lines = summary.charges.map(
    (charge) =>
      '  ' +
      [
        charge.billingAgreementId,
        charge.authorizationReferenceId,
        charge.chargeState + (charge.reason === undefined ? '' : ` (${charge.reason})`),
        charge.agreementChange + (charge.recovered ? ', settled by an earlier run' : ''),
      ].join('  '),
  );
  return `${[head, ...lines].join('\n')}\n`;
}
