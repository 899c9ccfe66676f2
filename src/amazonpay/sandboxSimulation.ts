/**
 * The Amazon Pay sandbox simulations a merchant can ask for while testing (protocol page, section
 * 8 and 5.6): declines go in the Charge's `authorizeAttributes.sellerAuthorizationNote`, and
 * authentication (SCA) outcomes in the `sellerNote` of its `sellerOrderAttributes`. Sandbox only:
 * a live Charge never carries them.
 */
export const SandboxSimulation = {
  InvalidPaymentMethod: 'InvalidPaymentMethod',
  AmazonRejected: 'AmazonRejected',
  TransactionTimedOut: 'TransactionTimedOut',
  AuthenticationFailure: 'AuthenticationFailure',
  AuthenticationAbandoned: 'AuthenticationAbandoned',
  AuthenticationNotSupported: 'AuthenticationNotSupported',
} as const;
export type SandboxSimulation = (typeof SandboxSimulation)[keyof typeof SandboxSimulation];

/** Tells whether a value names a sandbox simulation. */
export function isSandboxSimulation(value: unknown): value is SandboxSimulation {
  return (
    typeof value === 'string' && (Object.values(SandboxSimulation) as string[]).includes(value)
  );
}

/** Where a simulation string goes in the Charge payload, and the string itself. */
export type SimulationNote =
  | { readonly field: 'sellerAuthorizationNote'; readonly note: string }
  | { readonly field: 'sellerNote'; readonly note: string };

/**
 * Builds the simulation string for a sandbox Charge, in the format of the Amazon Pay sandbox
 * simulations (see https://pay.amazon.com/us/developer/documentation/lpwa/201956480).
 */
export function toSimulationNote(simulation: SandboxSimulation): SimulationNote {
  switch (simulation) {
    case 'InvalidPaymentMethod':
      return {
        field: 'sellerAuthorizationNote',
        note: JSON.stringify({
          SandboxSimulation: {
            State: 'Declined',
            ReasonCode: 'InvalidPaymentMethod',
            PaymentMethodUpdateTimeInMins: 1,
            SoftDecline: 'true',
          },
        }),
      };
    case 'AmazonRejected':
    case 'TransactionTimedOut':
      return {
        field: 'sellerAuthorizationNote',
        note: JSON.stringify({ SandboxSimulation: { State: 'Declined', ReasonCode: simulation } }),
      };
    case 'AuthenticationFailure':
    case 'AuthenticationAbandoned':
    case 'AuthenticationNotSupported':
      return {
        field: 'sellerNote',
        note: JSON.stringify({
          SandboxSimulation: {
            PaymentAuthenticationStatus: { State: simulation.slice('Authentication'.length) },
          },
        }),
      };
    default: {
      const unreachable: never = simulation;
      return unreachable;
    }
  }
}
