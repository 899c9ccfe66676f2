import type { interfaces } from 'ask-sdk-model';
import {
  AMAZON_PAY_PAYLOAD_VERSION,
  SEND_REQUEST_DIRECTIVE_TYPE,
  SETUP_DIRECTIVE_NAME,
} from './constants';
import type { MinorAmount } from './amount';
import { AmazonPayValidationError } from './errors';
import {
  AMAZON_PAY_LIMITS,
  requireAuthorizationAmount,
  requireMerchantRegion,
  requireReferenceId,
  requireText,
} from './validation';

type SetupAmazonPayRequest = interfaces.amazonpay.request.SetupAmazonPayRequest;
type BillingAgreementAttributes = interfaces.amazonpay.model.request.BillingAgreementAttributes;
type SellerBillingAgreementAttributes =
  interfaces.amazonpay.model.request.SellerBillingAgreementAttributes;

/**
 * Who starts the payments of the agreement: the buyer, present at each payment (charge now), or
 * the merchant, with the buyer absent (a subscription or a charge later).
 */
export const BillingAgreementType = {
  CustomerInitiated: 'CustomerInitiatedTransaction',
  MerchantInitiated: 'MerchantInitiatedTransaction',
} as const;
export type BillingAgreementType = (typeof BillingAgreementType)[keyof typeof BillingAgreementType];

/** A `Connections.SendRequest` directive whose payload is a Setup request. */
export type SetupDirective = interfaces.connections.SendRequestDirective & {
  readonly name: typeof SETUP_DIRECTIVE_NAME;
  readonly payload: SetupAmazonPayRequest;
};

/** Everything a Setup directive needs; optional texts are omitted from the payload when absent. */
export type SetupDirectiveParams = {
  /** The correlation token: our order id. */
  readonly token: string;
  readonly sellerId: string;
  readonly countryOfEstablishment: string;
  readonly ledgerCurrency: string;
  readonly checkoutLanguage?: string;
  readonly needAmazonShippingAddress: boolean;
  /** Present only in sandbox mode; then the sandbox buyer's email is sent with `sandboxMode: true`. */
  readonly sandbox?: { readonly customerEmail: string };
  readonly sellerNote?: string;
  readonly storeName?: string;
  readonly sellerBillingAgreementId?: string;
  readonly customInformation?: string;
  /** Absent: Amazon's default (a customer-initiated agreement, charged now). */
  readonly billingAgreementType?: BillingAgreementType;
  /**
   * The amount of each period of a subscription, in the ledger currency: only with a
   * merchant-initiated agreement, and within the amount rules of a Charge (positive, whole minor
   * units, at most the maximum authorization).
   */
  readonly subscriptionAmount?: MinorAmount;
  /** Largest amount per currency, in minor units, for `subscriptionAmount` (default: Amazon's). */
  readonly maxAmountMinor?: Readonly<Record<string, number>>;
};

const PLAUSIBLE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Builds the `Setup` directive that asks Amazon Pay for a billing agreement, after checking it
 * against the protocol: required fields, region consistency (`UK`, never `GB`; the ledger currency
 * of that region; an underscore checkout language of that region), text lengths, and sandbox
 * fields present only in sandbox mode, and the billing agreement rules: `subscriptionAmount` only
 * with `MerchantInitiatedTransaction`, its amount and currency together, in the ledger currency,
 * positive and within the maximum authorization. Throws AmazonPayValidationError and sends nothing
 * otherwise.
 *
 * See https://developer.amazon.com/en-US/docs/alexa/amazon-pay-alexa/amazon-pay-apis-for-alexa.html
 *
 * @example
 * buildSetupDirective({
 *   token: order.orderId, sellerId: 'A1EXAMPLE', countryOfEstablishment: 'US',
 *   ledgerCurrency: 'USD', checkoutLanguage: 'en_US', needAmazonShippingAddress: true,
 *   storeName: 'Example Coffee',
 * });
 */
export function buildSetupDirective(params: SetupDirectiveParams): SetupDirective {
  requireText(params.token, 'token');
  requireText(params.sellerId, 'sellerId');
  requireMerchantRegion(
    params.countryOfEstablishment,
    params.ledgerCurrency,
    params.checkoutLanguage,
  );
  if (params.sellerNote !== undefined) {
    requireText(params.sellerNote, 'sellerNote', AMAZON_PAY_LIMITS.sellerNote);
  }
  if (params.storeName !== undefined) {
    requireText(params.storeName, 'storeName', AMAZON_PAY_LIMITS.storeName);
  }
  if (params.customInformation !== undefined) {
    requireText(params.customInformation, 'customInformation', AMAZON_PAY_LIMITS.customInformation);
  }
  if (params.sellerBillingAgreementId !== undefined) {
    requireReferenceId(
      params.sellerBillingAgreementId,
      'sellerBillingAgreementId',
      AMAZON_PAY_LIMITS.sellerBillingAgreementId,
    );
  }
  const subscriptionAmount = checkSubscriptionAmount(params);
  if (params.sandbox !== undefined && !PLAUSIBLE_EMAIL.test(params.sandbox.customerEmail)) {
    throw new AmazonPayValidationError(
      'must be the email of a sandbox buyer account',
      'sandboxCustomerEmailId',
    );
  }

  const payload: SetupAmazonPayRequest = {
    '@type': 'SetupAmazonPayRequest',
    '@version': AMAZON_PAY_PAYLOAD_VERSION,
    sellerId: params.sellerId,
    countryOfEstablishment: params.countryOfEstablishment,
    ledgerCurrency: params.ledgerCurrency,
    ...(params.checkoutLanguage !== undefined && { checkoutLanguage: params.checkoutLanguage }),
    ...buildBillingAgreementAttributes(params, subscriptionAmount),
    needAmazonShippingAddress: params.needAmazonShippingAddress,
    // Sandbox fields exist only in sandbox mode: a live Setup must not carry sandboxMode at all.
    ...(params.sandbox !== undefined && {
      sandboxMode: true,
      sandboxCustomerEmailId: params.sandbox.customerEmail,
    }),
  };
  return {
    type: SEND_REQUEST_DIRECTIVE_TYPE,
    name: SETUP_DIRECTIVE_NAME,
    payload,
    token: params.token,
  };
}

const BILLING_AGREEMENT_TYPES: ReadonlyArray<string> = Object.values(BillingAgreementType);

/** Checks the agreement type and subscription amount; returns the amount's wire string, if any. */
function checkSubscriptionAmount(params: SetupDirectiveParams): string | undefined {
  const type: unknown = params.billingAgreementType;
  if (type !== undefined && (typeof type !== 'string' || !BILLING_AGREEMENT_TYPES.includes(type))) {
    throw new AmazonPayValidationError(
      'must be CustomerInitiatedTransaction or MerchantInitiatedTransaction',
      'billingAgreementType',
    );
  }
  const amount = params.subscriptionAmount;
  if (amount === undefined) return undefined;
  if (type !== BillingAgreementType.MerchantInitiated) {
    throw new AmazonPayValidationError(
      'is allowed only with billingAgreementType MerchantInitiatedTransaction',
      'subscriptionAmount',
    );
  }
  // Typed callers always give both; a value built from data may not.
  const { amountMinor, currency } = amount as Partial<MinorAmount>;
  if (amountMinor === undefined || currency === undefined) {
    throw new AmazonPayValidationError('needs its amount and its currency', 'subscriptionAmount');
  }
  if (currency !== params.ledgerCurrency) {
    throw new AmazonPayValidationError(
      `must be in the ledger currency ${params.ledgerCurrency}`,
      'subscriptionAmount.currencyCode',
    );
  }
  try {
    return requireAuthorizationAmount({ amountMinor, currency }, params.maxAmountMinor);
  } catch (error) {
    if (!(error instanceof AmazonPayValidationError)) throw error;
    // The same rules as a Charge's amount, reported on this field.
    throw new AmazonPayValidationError(
      error.message.slice(error.field.length + 2),
      'subscriptionAmount',
      { cause: error },
    );
  }
}

function buildBillingAgreementAttributes(
  params: SetupDirectiveParams,
  subscriptionAmount: string | undefined,
): { billingAgreementAttributes: BillingAgreementAttributes } | Record<string, never> {
  const seller: SellerBillingAgreementAttributes | undefined =
    params.storeName !== undefined ||
    params.sellerBillingAgreementId !== undefined ||
    params.customInformation !== undefined
      ? {
          '@type': 'SellerBillingAgreementAttributes',
          '@version': AMAZON_PAY_PAYLOAD_VERSION,
          ...(params.sellerBillingAgreementId !== undefined && {
            sellerBillingAgreementId: params.sellerBillingAgreementId,
          }),
          ...(params.storeName !== undefined && { storeName: params.storeName }),
          ...(params.customInformation !== undefined && {
            customInformation: params.customInformation,
          }),
        }
      : undefined;
  // The MWS datatype wants at least one child when the object is present: omit it when empty.
  if (
    seller === undefined &&
    params.sellerNote === undefined &&
    params.billingAgreementType === undefined
  ) {
    return {};
  }
  return {
    billingAgreementAttributes: {
      '@type': 'BillingAgreementAttributes',
      '@version': AMAZON_PAY_PAYLOAD_VERSION,
      ...(params.sellerNote !== undefined && { sellerNote: params.sellerNote }),
      ...(seller !== undefined && { sellerBillingAgreementAttributes: seller }),
      ...(params.billingAgreementType !== undefined && {
        billingAgreementType: params.billingAgreementType,
      }),
      ...(subscriptionAmount !== undefined &&
        params.subscriptionAmount !== undefined && {
          subscriptionAmount: {
            '@type': 'Price',
            '@version': AMAZON_PAY_PAYLOAD_VERSION,
            amount: subscriptionAmount,
            currencyCode: params.subscriptionAmount.currency,
          },
        }),
    },
  };
}
