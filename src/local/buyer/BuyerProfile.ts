/**
 * A buyer the loopback Buyer API stand-in knows: its Buyer ID and the addresses its Buyer Address
 * answer lists, as raw wire fields.
 */
export type BuyerProfile = {
  readonly buyerId: string;
  readonly addresses: ReadonlyArray<{
    readonly addressType: string;
    readonly address: Readonly<Record<string, string>>;
  }>;
};
