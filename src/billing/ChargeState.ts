/**
 * Where one charge of an agreement stands.
 *
 * - `queued`: a usage charge recorded and waiting for the job;
 * - `pending`: persisted with its reference id before AuthorizeOnBillingAgreement is sent; a
 *   charge found pending later (a crashed run) is sent again with the same reference id;
 * - `retry`: not settled (Amazon's answer was lost, or the request was refused for a reason that
 *   passes); sent again at `retryAt` with the same reference id;
 * - `captured`: authorized and captured;
 * - `declined`: Amazon declined the authorization (its reason code is kept);
 * - `failed`: no charge was made and none will be made with this reference id (agreement not Open,
 *   monthly limit reached, request refused).
 */
export const ChargeState = {
  Queued: 'queued',
  Pending: 'pending',
  Retry: 'retry',
  Captured: 'captured',
  Declined: 'declined',
  Failed: 'failed',
} as const;
export type ChargeState = (typeof ChargeState)[keyof typeof ChargeState];

/** Tells whether a value is a charge state. */
export function isChargeState(value: unknown): value is ChargeState {
  return typeof value === 'string' && (Object.values(ChargeState) as string[]).includes(value);
}

/** Tells whether a charge is settled: captured, declined or failed, never sent again. */
export function isSettledChargeState(state: ChargeState): boolean {
  return (
    state === ChargeState.Captured || state === ChargeState.Declined || state === ChargeState.Failed
  );
}
