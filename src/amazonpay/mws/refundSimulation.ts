/**
 * The sandbox simulations a refund can ask for in its `SellerRefundNote`: MWS documents one, a
 * Declined refund with reason AmazonRejected (backend fact sheet, section 7; see
 * https://developer.amazon.com/docs/eu/amazon-pay-onetime/sandbox-simulations.html). Sandbox only.
 */
export const RefundSimulation = {
  AmazonRejected: 'AmazonRejected',
} as const;
export type RefundSimulation = (typeof RefundSimulation)[keyof typeof RefundSimulation];

/** Tells whether a value names a refund simulation. */
export function isRefundSimulation(value: unknown): value is RefundSimulation {
  return value === RefundSimulation.AmazonRejected;
}

/**
 * Builds the `SellerRefundNote` that asks the sandbox for a simulated refund outcome, exactly as
 * the fact sheet gives it.
 *
 * @example
 * toRefundSimulationNote('AmazonRejected');
 * // '{"SandboxSimulation": {"State":"Declined", "ReasonCode":"AmazonRejected"}}'
 */
export function toRefundSimulationNote(simulation: RefundSimulation): string {
  return `{"SandboxSimulation": {"State":"Declined", "ReasonCode":"${simulation}"}}`;
}
