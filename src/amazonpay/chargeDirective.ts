import type { interfaces } from 'ask-sdk-model';
import type { MinorAmount } from './amount';
import {
  AMAZON_PAY_PAYLOAD_VERSION,
  CHARGE_DIRECTIVE_NAME,
  SEND_REQUEST_DIRECTIVE_TYPE,
} from './constants';
import { AmazonPayValidationError } from './errors';
import {
  AMAZON_PAY_LIMITS,
  requireAuthorizationAmount,
  requireReferenceId,
  requireText,
} from './validation';

type ChargeAmazonPayRequest = interfaces.amazonpay.request.ChargeAmazonPayRequest;
type PaymentAction = interfaces.amazonpay.model.request.PaymentAction;

/** A `Connections.SendRequest` directive whose payload is a Charge request. */
export type ChargeDirective = interfaces.connections.SendRequestDirective & {
  readonly name: typeof CHARGE_DIRECTIVE_NAME;
  readonly payload: ChargeAmazonPayRequest;
};

/** Everything a Charge directive needs. */
export type ChargeDirectiveParams = {
  /** The correlation token: our order id. */
  readonly token: string;
  readonly sellerId: string;
  /** Amazon's id from the Setup result. */
  readonly billingAgreementId: string;
  /** `AuthorizeAndCapture` charges now; `Authorize` only reserves. */
  readonly paymentAction: PaymentAction;
  /** Ours: `${orderId}-${attempt}`, persisted before the directive leaves, reused on a resend. */
  readonly authorizationReferenceId: string;
  readonly amount: MinorAmount;
  /** The ledger currency of the merchant; the amount must be in it. */
  readonly ledgerCurrency: string;
  /** Per-currency maxima in minor units (defaults: 150,000 USD/EUR/GBP; 10,000,000 JPY). */
  readonly maxAmountMinor?: Readonly<Record<string, number>>;
  readonly sellerAuthorizationNote?: string;
  readonly softDescriptor?: string;
  readonly sellerOrderId?: string;
  readonly storeName?: string;
  readonly sellerNote?: string;
  readonly customInformation?: string;
};

/**
 * Builds the `Charge` directive that authorizes, and with `AuthorizeAndCapture` captures, a payment
 * on a billing agreement, after checking it against the protocol: the reference id (at most 32 of
 * `A-Z a-z 0-9 - _`), the amount (positive, in the ledger currency, within the maximum, written
 * with the currency's decimals), the text lengths, and `transactionTimeout: 0` (synchronous).
 * Throws AmazonPayValidationError and sends nothing otherwise.
 *
 * See https://developer.amazon.com/en-US/docs/alexa/amazon-pay-alexa/amazon-pay-apis-for-alexa.html
 *
 * @example
 * buildChargeDirective({
 *   token: orderId, sellerId: 'A1EXAMPLE', billingAgreementId: 'B02-1234567-1234567',
 *   paymentAction: 'AuthorizeAndCapture', authorizationReferenceId: `${orderId}-1`,
 *   amount: { amountMinor: 3497, currency: 'USD' }, ledgerCurrency: 'USD', sellerOrderId: orderId,
 * });
 */
export function buildChargeDirective(params: ChargeDirectiveParams): ChargeDirective {
  requireText(params.token, 'token');
  requireText(params.sellerId, 'sellerId');
  requireText(params.billingAgreementId, 'billingAgreementId');
  if (params.paymentAction !== 'AuthorizeAndCapture' && params.paymentAction !== 'Authorize') {
    throw new AmazonPayValidationError('must be Authorize or AuthorizeAndCapture', 'paymentAction');
  }
  requireReferenceId(
    params.authorizationReferenceId,
    'authorizationReferenceId',
    AMAZON_PAY_LIMITS.authorizationReferenceId,
  );
  if (params.amount.currency !== params.ledgerCurrency) {
    throw new AmazonPayValidationError(
      `must be the ledger currency ${params.ledgerCurrency}`,
      'currencyCode',
    );
  }
  const amount = requireAuthorizationAmount(params.amount, params.maxAmountMinor);
  if (params.sellerAuthorizationNote !== undefined) {
    requireText(
      params.sellerAuthorizationNote,
      'sellerAuthorizationNote',
      AMAZON_PAY_LIMITS.sellerAuthorizationNote,
    );
  }
  if (params.softDescriptor !== undefined) {
    requireText(params.softDescriptor, 'softDescriptor', AMAZON_PAY_LIMITS.softDescriptor);
  }
  if (params.sellerOrderId !== undefined) {
    requireReferenceId(params.sellerOrderId, 'sellerOrderId', AMAZON_PAY_LIMITS.sellerOrderId);
  }
  if (params.storeName !== undefined) {
    requireText(params.storeName, 'storeName', AMAZON_PAY_LIMITS.storeName);
  }
  if (params.sellerNote !== undefined) {
    requireText(params.sellerNote, 'sellerNote', AMAZON_PAY_LIMITS.sellerNote);
  }
  if (params.customInformation !== undefined) {
    requireText(params.customInformation, 'customInformation', AMAZON_PAY_LIMITS.customInformation);
  }

  const hasOrderAttributes =
    params.sellerOrderId !== undefined ||
    params.storeName !== undefined ||
    params.sellerNote !== undefined ||
    params.customInformation !== undefined;

  const payload: ChargeAmazonPayRequest = {
    '@type': 'ChargeAmazonPayRequest',
    '@version': AMAZON_PAY_PAYLOAD_VERSION,
    sellerId: params.sellerId,
    billingAgreementId: params.billingAgreementId,
    paymentAction: params.paymentAction,
    authorizeAttributes: {
      '@type': 'AuthorizeAttributes',
      '@version': AMAZON_PAY_PAYLOAD_VERSION,
      authorizationReferenceId: params.authorizationReferenceId,
      authorizationAmount: {
        '@type': 'Price',
        '@version': AMAZON_PAY_PAYLOAD_VERSION,
        amount,
        currencyCode: params.amount.currency,
      },
      // Synchronous: Amazon recommends 0 for voice, and it means a definite answer, no Pending.
      transactionTimeout: 0,
      ...(params.sellerAuthorizationNote !== undefined && {
        sellerAuthorizationNote: params.sellerAuthorizationNote,
      }),
      ...(params.softDescriptor !== undefined && { softDescriptor: params.softDescriptor }),
    },
    ...(hasOrderAttributes && {
      sellerOrderAttributes: {
        '@type': 'SellerOrderAttributes',
        '@version': AMAZON_PAY_PAYLOAD_VERSION,
        ...(params.sellerOrderId !== undefined && { sellerOrderId: params.sellerOrderId }),
        ...(params.storeName !== undefined && { storeName: params.storeName }),
        ...(params.customInformation !== undefined && {
          customInformation: params.customInformation,
        }),
        ...(params.sellerNote !== undefined && { sellerNote: params.sellerNote }),
      },
    }),
  };
  return {
    type: SEND_REQUEST_DIRECTIVE_TYPE,
    name: CHARGE_DIRECTIVE_NAME,
    payload,
    token: params.token,
  };
}
