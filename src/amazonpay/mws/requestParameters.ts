import type { MinorAmount } from '../amount';
import { toAmazonPayAmount } from '../amount';
import { AmazonPayValidationError } from '../errors';
import {
  MAX_REFERENCE_ID_LENGTH,
  MAX_SELLER_NOTE_LENGTH,
  MAX_SOFT_DESCRIPTOR_LENGTH,
  REFERENCE_ID_PATTERN,
} from './constants';
import { MwsValidationError } from './errors';
import type { MwsParameters } from './signatureV2';
import type {
  AuthorizeOnBillingAgreementRequest,
  CloseBillingAgreementRequest,
  GetAuthorizationDetailsRequest,
  GetBillingAgreementDetailsRequest,
  GetCaptureDetailsRequest,
  GetRefundDetailsRequest,
  RefundRequest,
} from './types';

/** Rejects text that cannot be sent as UTF-8 (a lone surrogate would break the encoding). */
function checkText(value: string, field: string): string {
  try {
    encodeURIComponent(value);
  } catch (error) {
    throw new MwsValidationError('is not well-formed Unicode text', field, { cause: error });
  }
  return value;
}

function checkAmazonId(value: string, field: string): string {
  if (typeof value !== 'string' || value === '' || value.trim() !== value) {
    throw new MwsValidationError('must be a non-empty id without surrounding spaces', field);
  }
  return checkText(value, field);
}

/**
 * Tells whether a value is a valid MWS reference id (authorization, capture or refund): 1 to 32 of
 * `A-Z a-z 0-9 - _`.
 *
 * The 32-character limit is documented for RefundReferenceId
 * (https://developer.amazon.com/docs/eu/amazon-pay-api/refund.html) and applied to all three.
 */
export function isMwsReferenceId(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length <= MAX_REFERENCE_ID_LENGTH &&
    REFERENCE_ID_PATTERN.test(value)
  );
}

function checkReferenceId(value: string, field: string): string {
  if (!isMwsReferenceId(value)) {
    throw new MwsValidationError(
      `must be 1 to ${MAX_REFERENCE_ID_LENGTH} of A-Z a-z 0-9 - _`,
      field,
    );
  }
  return value;
}

function checkLength(value: string, max: number, field: string): string {
  checkText(value, field);
  if ([...value].length > max) {
    throw new MwsValidationError(`must be at most ${max} characters`, field);
  }
  return value;
}

function toPositiveAmount(amount: MinorAmount, field: string): string {
  let decimal: string;
  try {
    decimal = toAmazonPayAmount(amount);
  } catch (error) {
    const reason =
      error instanceof AmazonPayValidationError ? error.message : 'is not a valid amount';
    throw new MwsValidationError(reason, field, { cause: error });
  }
  if (amount.amountMinor === 0) throw new MwsValidationError('must be more than zero', field);
  return decimal;
}

function setOptional(
  target: Record<string, string>,
  name: string,
  value: string | undefined,
  check: (value: string) => string,
): void {
  if (value !== undefined) target[name] = check(value);
}

/** Builds the operation parameters of GetBillingAgreementDetails. */
export function buildGetBillingAgreementDetailsParameters(
  request: GetBillingAgreementDetailsRequest,
): MwsParameters {
  return {
    AmazonBillingAgreementId: checkAmazonId(
      request.amazonBillingAgreementId,
      'amazonBillingAgreementId',
    ),
  };
}

/**
 * Builds the operation parameters of AuthorizeOnBillingAgreement, checking the documented limits.
 *
 * Booleans are sent as `true`/`false` and the amount as the decimal string of its currency. See
 * https://developer.amazon.com/docs/eu/amazon-pay-api/authorizeonbillingagreement.html.
 */
export function buildAuthorizeOnBillingAgreementParameters(
  request: AuthorizeOnBillingAgreementRequest,
): MwsParameters {
  const parameters: Record<string, string> = {
    AmazonBillingAgreementId: checkAmazonId(
      request.amazonBillingAgreementId,
      'amazonBillingAgreementId',
    ),
    AuthorizationReferenceId: checkReferenceId(
      request.authorizationReferenceId,
      'authorizationReferenceId',
    ),
    'AuthorizationAmount.Amount': toPositiveAmount(
      request.authorizationAmount,
      'authorizationAmount',
    ),
    'AuthorizationAmount.CurrencyCode': request.authorizationAmount.currency,
    CaptureNow: request.captureNow ? 'true' : 'false',
  };
  const timeout = request.transactionTimeoutMinutes;
  if (timeout !== undefined) {
    if (!Number.isSafeInteger(timeout) || timeout < 0) {
      throw new MwsValidationError(
        'must be a non-negative whole number of minutes',
        'transactionTimeoutMinutes',
      );
    }
    parameters.TransactionTimeout = String(timeout);
  }
  setOptional(parameters, 'SellerAuthorizationNote', request.sellerAuthorizationNote, (v) =>
    checkLength(v, MAX_SELLER_NOTE_LENGTH, 'sellerAuthorizationNote'),
  );
  setOptional(parameters, 'SoftDescriptor', request.softDescriptor, (v) =>
    checkLength(v, MAX_SOFT_DESCRIPTOR_LENGTH, 'softDescriptor'),
  );
  setOptional(parameters, 'SellerNote', request.sellerNote, (v) => checkText(v, 'sellerNote'));
  setOptional(parameters, 'SellerOrderAttributes.SellerOrderId', request.sellerOrderId, (v) =>
    checkText(v, 'sellerOrderId'),
  );
  setOptional(parameters, 'SellerOrderAttributes.StoreName', request.storeName, (v) =>
    checkText(v, 'storeName'),
  );
  setOptional(
    parameters,
    'SellerOrderAttributes.CustomInformation',
    request.customInformation,
    (v) => checkText(v, 'customInformation'),
  );
  if (request.inheritShippingAddress !== undefined) {
    parameters.InheritShippingAddress = request.inheritShippingAddress ? 'true' : 'false';
  }
  return parameters;
}

/** Builds the operation parameters of GetAuthorizationDetails. */
export function buildGetAuthorizationDetailsParameters(
  request: GetAuthorizationDetailsRequest,
): MwsParameters {
  return {
    AmazonAuthorizationId: checkAmazonId(request.amazonAuthorizationId, 'amazonAuthorizationId'),
  };
}

/** Builds the operation parameters of GetCaptureDetails. */
export function buildGetCaptureDetailsParameters(request: GetCaptureDetailsRequest): MwsParameters {
  return { AmazonCaptureId: checkAmazonId(request.amazonCaptureId, 'amazonCaptureId') };
}

/**
 * Builds the operation parameters of Refund, checking the documented field limits.
 *
 * The refund amount limits (total and count per capture) need the capture's history: check them
 * with `checkRefundAllowed` before calling. See
 * https://developer.amazon.com/docs/eu/amazon-pay-api/refund.html.
 */
export function buildRefundParameters(request: RefundRequest): MwsParameters {
  const parameters: Record<string, string> = {
    AmazonCaptureId: checkAmazonId(request.amazonCaptureId, 'amazonCaptureId'),
    RefundReferenceId: checkReferenceId(request.refundReferenceId, 'refundReferenceId'),
    'RefundAmount.Amount': toPositiveAmount(request.refundAmount, 'refundAmount'),
    'RefundAmount.CurrencyCode': request.refundAmount.currency,
  };
  setOptional(parameters, 'SellerRefundNote', request.sellerRefundNote, (v) =>
    checkLength(v, MAX_SELLER_NOTE_LENGTH, 'sellerRefundNote'),
  );
  setOptional(parameters, 'SoftDescriptor', request.softDescriptor, (v) =>
    checkLength(v, MAX_SOFT_DESCRIPTOR_LENGTH, 'softDescriptor'),
  );
  return parameters;
}

/** Builds the operation parameters of GetRefundDetails. */
export function buildGetRefundDetailsParameters(request: GetRefundDetailsRequest): MwsParameters {
  return { AmazonRefundId: checkAmazonId(request.amazonRefundId, 'amazonRefundId') };
}

/** Builds the operation parameters of CloseBillingAgreement. */
export function buildCloseBillingAgreementParameters(
  request: CloseBillingAgreementRequest,
): MwsParameters {
  const parameters: Record<string, string> = {
    AmazonBillingAgreementId: checkAmazonId(
      request.amazonBillingAgreementId,
      'amazonBillingAgreementId',
    ),
  };
  setOptional(parameters, 'ClosureReason', request.closureReason, (v) =>
    checkText(v, 'closureReason'),
  );
  return parameters;
}
