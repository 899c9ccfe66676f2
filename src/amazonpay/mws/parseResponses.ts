import { XMLParser } from 'fast-xml-parser';
import type { MinorAmount } from '../amount';
import { parseAmazonPayAmount } from '../amount';
import { isRecord, readField } from '../readUnknown';
import type {
  AuthorizationDetails,
  AuthorizeOnBillingAgreementResult,
  BillingAgreementConstraint,
  BillingAgreementDetails,
  BillingAgreementLimits,
  CaptureDetails,
  CloseBillingAgreementResult,
  GetAuthorizationDetailsResult,
  GetBillingAgreementDetailsResult,
  GetCaptureDetailsResult,
  MwsStatus,
  RefundDetails,
  RefundResult,
} from './types';
import {
  AuthorizationState,
  BillingAgreementState,
  CaptureState,
  RefundState,
  ReleaseEnvironment,
} from './types';

/** A parse that either gives the typed value or says, without echoing values, what was wrong. */
export type ParseResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

/** The fields of an MWS `ErrorResponse` body. */
export type MwsErrorBody = {
  readonly code: string;
  readonly errorType?: string;
  readonly message?: string;
  readonly requestId?: string;
};

/**
 * Parses an MWS XML body into an untyped tree, or undefined when it is not well-formed XML.
 *
 * Namespace prefixes and attributes are dropped, and every text stays a string: amounts such as
 * `1.00`, `0` or `500` must never pass through a float. Empty elements read as `''`.
 */
export function parseMwsXml(body: string): unknown {
  const parser = new XMLParser({
    ignoreAttributes: true,
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
  });
  try {
    return parser.parse(body, true) as unknown;
  } catch {
    return undefined;
  }
}

/** Raised inside this module only, to unwind a parse; always turned into a `ParseResult`. */
class ShapeProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShapeProblem';
  }
}

function problem(message: string): never {
  throw new ShapeProblem(message);
}

/** Reads a child that must appear at most once; a repeated element is never guessed at. */
function single(parent: unknown, key: string, path: string): unknown {
  const found = readField(parent, key);
  if (Array.isArray(found)) problem(`${path}/${key} is repeated`);
  return found;
}

function requiredNode(parent: unknown, key: string, path: string): unknown {
  const found = single(parent, key, path);
  if (found === undefined) problem(`${path}/${key} is missing`);
  return found;
}

function optionalText(parent: unknown, key: string, path: string): string | undefined {
  const found = readField(parent, key);
  if (found === undefined || found === '') return undefined;
  if (typeof found !== 'string') problem(`${path}/${key} is not a single text element`);
  return found;
}

function requiredText(parent: unknown, key: string, path: string): string {
  return optionalText(parent, key, path) ?? problem(`${path}/${key} is missing or empty`);
}

function optionalBoolean(parent: unknown, key: string, path: string): boolean | undefined {
  const text = optionalText(parent, key, path);
  if (text === undefined) return undefined;
  if (text === 'true') return true;
  if (text === 'false') return false;
  return problem(`${path}/${key} is not true or false`);
}

function optionalAmount(parent: unknown, key: string, path: string): MinorAmount | undefined {
  const found = single(parent, key, path);
  if (found === undefined || found === '') return undefined;
  const at = `${path}/${key}`;
  const currency = requiredText(found, 'CurrencyCode', at);
  const amountMinor = parseAmazonPayAmount(requiredText(found, 'Amount', at), currency);
  if (amountMinor === undefined) problem(`${at}/Amount is not an amount in a supported currency`);
  return { amountMinor, currency };
}

function requiredAmount(parent: unknown, key: string, path: string): MinorAmount {
  return optionalAmount(parent, key, path) ?? problem(`${path}/${key} is missing`);
}

/** Reads a list element such as `IdList/member`: absent or empty is `[]`, one item is `[item]`. */
function list(parent: unknown, key: string, itemKey: string, path: string): ReadonlyArray<unknown> {
  const container = single(parent, key, path);
  if (container === undefined || container === '') return [];
  if (!isRecord(container)) problem(`${path}/${key} is not a list`);
  const items = readField(container, itemKey);
  if (items === undefined) return [];
  return Array.isArray(items) ? (items as ReadonlyArray<unknown>) : [items];
}

function textList(parent: unknown, key: string, itemKey: string, path: string): string[] {
  return list(parent, key, itemKey, path).map((item) => {
    if (typeof item !== 'string' || item === '') problem(`${path}/${key}/${itemKey} is not an id`);
    return item;
  });
}

function oneOf<S extends string>(
  value: string,
  allowed: Readonly<Record<string, S>>,
  at: string,
): S {
  const states = Object.values(allowed);
  const found = states.find((state) => state === value);
  return found ?? problem(`${at} is not one of ${states.join(', ')}`);
}

function status<S extends string>(
  parent: unknown,
  key: string,
  allowed: Readonly<Record<string, S>>,
  path: string,
  timestampKey = 'LastUpdateTimestamp',
): MwsStatus<S> {
  const at = `${path}/${key}`;
  const node = requiredNode(parent, key, path);
  const state = oneOf(requiredText(node, 'State', at), allowed, `${at}/State`);
  const reasonCode = optionalText(node, 'ReasonCode', at);
  const lastUpdateTimestamp = optionalText(node, timestampKey, at);
  return {
    state,
    ...(reasonCode === undefined ? {} : { reasonCode }),
    ...(lastUpdateTimestamp === undefined ? {} : { lastUpdateTimestamp }),
  };
}

/** Copies the defined entries only, so results never carry `key: undefined`. */
function defined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Finds `<Operation>Response/<Operation>Result` and the request id of a success body. */
function envelope(xml: unknown, operation: string): { result: unknown; requestId?: string } {
  const response = requiredNode(xml, `${operation}Response`, '');
  const path = `/${operation}Response`;
  const result = requiredNode(response, `${operation}Result`, path);
  const requestId = optionalText(readField(response, 'ResponseMetadata'), 'RequestId', path);
  return requestId === undefined ? { result } : { result, requestId };
}

function run<T>(parse: () => T): ParseResult<T> {
  try {
    return { ok: true, value: parse() };
  } catch (error) {
    if (error instanceof ShapeProblem) return { ok: false, problem: error.message };
    throw error;
  }
}

function readLimits(parent: unknown, path: string): BillingAgreementLimits | undefined {
  const node = single(parent, 'BillingAgreementLimits', path);
  if (node === undefined || node === '') return undefined;
  const at = `${path}/BillingAgreementLimits`;
  return {
    amountLimitPerTimePeriod: requiredAmount(node, 'AmountLimitPerTimePeriod', at),
    currentRemainingBalance: requiredAmount(node, 'CurrentRemainingBalance', at),
    timePeriodStartDate: requiredText(node, 'TimePeriodStartDate', at),
    timePeriodEndDate: requiredText(node, 'TimePeriodEndDate', at),
  };
}

function readConstraints(parent: unknown, path: string): BillingAgreementConstraint[] {
  const at = `${path}/Constraints/Constraint`;
  return list(parent, 'Constraints', 'Constraint', path).map((item) =>
    defined({
      constraintId: requiredText(item, 'ConstraintID', at),
      description: optionalText(item, 'Description', at),
    }),
  );
}

function readBillingAgreement(parent: unknown, path: string): BillingAgreementDetails {
  const node = requiredNode(parent, 'BillingAgreementDetails', path);
  const at = `${path}/BillingAgreementDetails`;
  return defined({
    amazonBillingAgreementId: requiredText(node, 'AmazonBillingAgreementId', at),
    status: status(
      node,
      'BillingAgreementStatus',
      BillingAgreementState,
      at,
      'LastUpdatedTimestamp',
    ),
    releaseEnvironment: oneOf(
      requiredText(node, 'ReleaseEnvironment', at),
      ReleaseEnvironment,
      `${at}/ReleaseEnvironment`,
    ),
    constraints: readConstraints(node, at),
    limits: readLimits(node, at),
    billingAgreementConsent: optionalBoolean(node, 'BillingAgreementConsent', at),
    billingAgreementType: optionalText(node, 'BillingAgreementType', at),
    subscriptionAmount: optionalAmount(node, 'SubscriptionAmount', at),
    sellerBillingAgreementId: optionalText(
      readField(node, 'SellerBillingAgreementAttributes'),
      'SellerBillingAgreementId',
      `${at}/SellerBillingAgreementAttributes`,
    ),
    creationTimestamp: optionalText(node, 'CreationTimestamp', at),
  });
}

function readAuthorization(parent: unknown, path: string): AuthorizationDetails {
  const node = requiredNode(parent, 'AuthorizationDetails', path);
  const at = `${path}/AuthorizationDetails`;
  return defined({
    amazonAuthorizationId: requiredText(node, 'AmazonAuthorizationId', at),
    authorizationReferenceId: requiredText(node, 'AuthorizationReferenceId', at),
    authorizationAmount: requiredAmount(node, 'AuthorizationAmount', at),
    capturedAmount: optionalAmount(node, 'CapturedAmount', at),
    authorizationFee: optionalAmount(node, 'AuthorizationFee', at),
    captureIds: textList(node, 'IdList', 'member', at),
    status: status(node, 'AuthorizationStatus', AuthorizationState, at),
    captureNow: optionalBoolean(node, 'CaptureNow', at),
    softDecline: optionalBoolean(node, 'SoftDecline', at),
    softDescriptor: optionalText(node, 'SoftDescriptor', at),
    sellerAuthorizationNote: optionalText(node, 'SellerAuthorizationNote', at),
    creationTimestamp: optionalText(node, 'CreationTimestamp', at),
    expirationTimestamp: optionalText(node, 'ExpirationTimestamp', at),
  });
}

function readCapture(parent: unknown, path: string): CaptureDetails {
  const node = requiredNode(parent, 'CaptureDetails', path);
  const at = `${path}/CaptureDetails`;
  return defined({
    amazonCaptureId: requiredText(node, 'AmazonCaptureId', at),
    captureReferenceId: requiredText(node, 'CaptureReferenceId', at),
    captureAmount: requiredAmount(node, 'CaptureAmount', at),
    refundedAmount: optionalAmount(node, 'RefundedAmount', at),
    captureFee: optionalAmount(node, 'CaptureFee', at),
    refundIds: textList(node, 'IdList', 'member', at),
    status: status(node, 'CaptureStatus', CaptureState, at),
    softDescriptor: optionalText(node, 'SoftDescriptor', at),
    sellerCaptureNote: optionalText(node, 'SellerCaptureNote', at),
    creationTimestamp: optionalText(node, 'CreationTimestamp', at),
  });
}

function readRefund(parent: unknown, path: string): RefundDetails {
  const node = requiredNode(parent, 'RefundDetails', path);
  const at = `${path}/RefundDetails`;
  return defined({
    amazonRefundId: requiredText(node, 'AmazonRefundId', at),
    refundReferenceId: requiredText(node, 'RefundReferenceId', at),
    refundAmount: requiredAmount(node, 'RefundAmount', at),
    feeRefunded: optionalAmount(node, 'FeeRefunded', at),
    refundType: optionalText(node, 'RefundType', at),
    status: status(node, 'RefundStatus', RefundState, at),
    softDescriptor: optionalText(node, 'SoftDescriptor', at),
    sellerRefundNote: optionalText(node, 'SellerRefundNote', at),
    creationTimestamp: optionalText(node, 'CreationTimestamp', at),
  });
}

/**
 * Parses a GetBillingAgreementDetails answer; the shape is that of the MWS reference
 * (https://developer.amazon.com/docs/eu/amazon-pay-api/getbillingagreementdetails.html).
 */
export function parseGetBillingAgreementDetailsResponse(
  xml: unknown,
): ParseResult<GetBillingAgreementDetailsResult> {
  return run(() => {
    const { result, requestId } = envelope(xml, 'GetBillingAgreementDetails');
    const path = '/GetBillingAgreementDetailsResponse/GetBillingAgreementDetailsResult';
    return defined({ requestId, billingAgreement: readBillingAgreement(result, path) });
  });
}

/**
 * Parses an AuthorizeOnBillingAgreement answer
 * (https://developer.amazon.com/docs/eu/amazon-pay-api/authorizeonbillingagreement.html).
 */
export function parseAuthorizeOnBillingAgreementResponse(
  xml: unknown,
): ParseResult<AuthorizeOnBillingAgreementResult> {
  return run(() => {
    const { result, requestId } = envelope(xml, 'AuthorizeOnBillingAgreement');
    const path = '/AuthorizeOnBillingAgreementResponse/AuthorizeOnBillingAgreementResult';
    return defined({
      requestId,
      amazonOrderReferenceId: requiredText(result, 'AmazonOrderReferenceId', path),
      authorization: readAuthorization(result, path),
    });
  });
}

/** Parses a GetAuthorizationDetails answer (same `AuthorizationDetails` shape). */
export function parseGetAuthorizationDetailsResponse(
  xml: unknown,
): ParseResult<GetAuthorizationDetailsResult> {
  return run(() => {
    const { result, requestId } = envelope(xml, 'GetAuthorizationDetails');
    const path = '/GetAuthorizationDetailsResponse/GetAuthorizationDetailsResult';
    return defined({ requestId, authorization: readAuthorization(result, path) });
  });
}

/** Parses a GetCaptureDetails answer. */
export function parseGetCaptureDetailsResponse(xml: unknown): ParseResult<GetCaptureDetailsResult> {
  return run(() => {
    const { result, requestId } = envelope(xml, 'GetCaptureDetails');
    const path = '/GetCaptureDetailsResponse/GetCaptureDetailsResult';
    return defined({ requestId, capture: readCapture(result, path) });
  });
}

/** Parses a Refund answer (https://developer.amazon.com/docs/eu/amazon-pay-api/refund.html). */
export function parseRefundResponse(xml: unknown): ParseResult<RefundResult> {
  return run(() => {
    const { result, requestId } = envelope(xml, 'Refund');
    return defined({ requestId, refund: readRefund(result, '/RefundResponse/RefundResult') });
  });
}

/** Parses a GetRefundDetails answer. */
export function parseGetRefundDetailsResponse(xml: unknown): ParseResult<RefundResult> {
  return run(() => {
    const { result, requestId } = envelope(xml, 'GetRefundDetails');
    const path = '/GetRefundDetailsResponse/GetRefundDetailsResult';
    return defined({ requestId, refund: readRefund(result, path) });
  });
}

/** Parses a CloseBillingAgreement answer, whose result element is empty. */
export function parseCloseBillingAgreementResponse(
  xml: unknown,
): ParseResult<CloseBillingAgreementResult> {
  return run(() => {
    const { requestId } = envelope(xml, 'CloseBillingAgreement');
    return defined({ requestId });
  });
}

/**
 * Parses an MWS `ErrorResponse` body, or returns undefined when the body is not one.
 *
 * The request id sits under `ErrorResponse` itself, spelt `RequestId` or (throttling) `RequestID`;
 * `Type` may be empty. The first `Error` is read when several are present.
 */
export function parseMwsErrorBody(xml: unknown): MwsErrorBody | undefined {
  const response = readField(xml, 'ErrorResponse');
  const errors = readField(response, 'Error');
  const error: unknown = Array.isArray(errors) ? (errors as ReadonlyArray<unknown>)[0] : errors;
  const text = (parent: unknown, key: string): string | undefined => {
    const value = readField(parent, key);
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const code = text(error, 'Code');
  if (code === undefined) return undefined;
  return defined({
    code,
    errorType: text(error, 'Type'),
    message: text(error, 'Message'),
    requestId: text(response, 'RequestId') ?? text(response, 'RequestID'),
  });
}
