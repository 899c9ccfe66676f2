/**
 * Where a billing agreement stands for the billing job.
 *
 * - `active`: the job charges it when a charge is due;
 * - `suspended`: no charge until the merchant acts (Amazon suspended the agreement after a payment
 *   method decline, Amazon rejected a charge, or a request kept failing); the reason is kept;
 * - `closed`: Amazon reports the agreement Closed or Canceled; it is never charged again.
 */
export const AgreementState = {
  Active: 'active',
  Suspended: 'suspended',
  Closed: 'closed',
} as const;
export type AgreementState = (typeof AgreementState)[keyof typeof AgreementState];

/** Tells whether a value is an agreement state. */
export function isAgreementState(value: unknown): value is AgreementState {
  return typeof value === 'string' && (Object.values(AgreementState) as string[]).includes(value);
}
