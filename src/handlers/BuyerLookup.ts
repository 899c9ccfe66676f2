import type {
  AddressLookup,
  AddressUnavailableReason,
  ShopperFacts,
} from '../checkout/AddressLookup';
import { DEFAULT_SHIPPING_ADDRESS_TYPE } from '../amazonpay/buyer/constants';
import { BuyerApiErrorKind, isBuyerApiError } from '../amazonpay/buyer/errors';
import type { Logger } from '../checkout/Logger';

/** What a Buyer API call is made with: the request's API endpoint and access token. */
export type BuyerApiAccess = {
  readonly apiEndpoint: string | undefined;
  readonly apiAccessToken: string;
};

/**
 * The Buyer ID and Buyer Address APIs as the skill uses them (src/amazonpay/buyer implements
 * it over HTTP). Each call rejects with a typed error carrying a `kind`.
 */
export type BuyerApi = {
  getBuyerId(call: BuyerApiAccess): Promise<{ readonly buyerId: string }>;
  getBuyerAddresses(
    call: BuyerApiAccess & {
      readonly sellerId: string;
      readonly sandbox?: { readonly customerEmail: string };
    },
  ): Promise<{
    readonly addresses: ReadonlyArray<{
      readonly addressType: string;
      readonly address: { readonly countryCode?: string; readonly stateOrRegion?: string };
    }>;
  }>;
};

/** What a failed Buyer API call means for the purchase. */
function reasonOf(error: unknown): AddressUnavailableReason {
  if (!isBuyerApiError(error)) return 'unavailable';
  switch (error.kind) {
    case BuyerApiErrorKind.Permission:
      return 'permission';
    case BuyerApiErrorKind.NotFound:
      return 'noDefaultAddress';
    case BuyerApiErrorKind.Throttled:
      return 'throttled';
    case BuyerApiErrorKind.Timeout:
      return 'timeout';
    case BuyerApiErrorKind.MalformedResponse:
      return 'malformed';
    case BuyerApiErrorKind.InvalidCall:
      return 'notAsked';
    case BuyerApiErrorKind.Unavailable:
    case BuyerApiErrorKind.Request:
    case BuyerApiErrorKind.Network:
      return 'unavailable';
    default: {
      const unknownKind: never = error;
      void unknownKind;
      return 'unavailable';
    }
  }
}

function statusOf(error: unknown): number | undefined {
  const status =
    typeof error === 'object' && error !== null && 'status' in error ? error.status : undefined;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Asks the Buyer ID and Buyer Address APIs about the shopper, both at once, each within the
 * client's deadline, and never throws: a failed call becomes "unknown buyer" or an unavailable
 * address with its reason, logged with the reason and HTTP status only (no token, no address).
 */
export class BuyerLookup {
  constructor(
    private readonly deps: {
      readonly api: BuyerApi;
      readonly sellerId: string;
      /** In sandbox: the sandbox buyer's email, sent in the address call's header. */
      readonly sandbox?: { readonly customerEmail: string };
      readonly logger: Logger;
    },
  ) {}

  /** The buyer id only (a LaunchRequest): undefined when it cannot be had. */
  async buyerId(access: BuyerApiAccess): Promise<string | undefined> {
    try {
      return (await this.deps.api.getBuyerId(access)).buyerId;
    } catch (error) {
      this.logFailure('BuyerId', error);
      return undefined;
    }
  }

  /** The buyer id and the default shipping address (a BuyIntent), looked up in parallel. */
  async buyerAndAddress(access: BuyerApiAccess): Promise<ShopperFacts> {
    const [buyerId, address] = await Promise.all([this.buyerId(access), this.address(access)]);
    return { ...(buyerId !== undefined && { buyerId }), address };
  }

  private async address(access: BuyerApiAccess): Promise<AddressLookup> {
    try {
      const result = await this.deps.api.getBuyerAddresses({
        ...access,
        sellerId: this.deps.sellerId,
        ...(this.deps.sandbox !== undefined && { sandbox: this.deps.sandbox }),
      });
      const entry = result.addresses.find((a) => a.addressType === DEFAULT_SHIPPING_ADDRESS_TYPE);
      if (entry === undefined || (entry.address.countryCode ?? '').trim() === '') {
        this.deps.logger.warn('buyer address unavailable', { reason: 'noDefaultAddress' });
        return { kind: 'unavailable', reason: 'noDefaultAddress' };
      }
      const { countryCode, stateOrRegion } = entry.address;
      // Only the delivery-deciding codes go on: the rest of the address stays with Amazon.
      return {
        kind: 'found',
        destination: {
          ...(countryCode !== undefined && { countryCode }),
          ...(stateOrRegion !== undefined && { stateOrRegion }),
        },
      };
    } catch (error) {
      this.logFailure('BuyerAddress', error);
      return { kind: 'unavailable', reason: reasonOf(error) };
    }
  }

  private logFailure(operation: 'BuyerId' | 'BuyerAddress', error: unknown): void {
    const status = statusOf(error);
    this.deps.logger.warn(
      operation === 'BuyerId' ? 'buyer id unavailable' : 'buyer address unavailable',
      {
        reason: reasonOf(error),
        errorName: error instanceof Error ? error.name.slice(0, 64) : 'unknown',
        ...(status !== undefined && { status }),
      },
    );
  }
}
