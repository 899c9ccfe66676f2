import { isRecord, readField, readString } from './readUnknown';

/** The parts of a `Connections.Response` request that every Amazon Pay answer shares. */
export type ConnectionsResponseParts = {
  readonly name: string | undefined;
  readonly token: string | undefined;
  /** Alexa sends an HTTP-like code as a string: `"200"`, `"400"`, ... */
  readonly statusCode: string | undefined;
  readonly statusMessage: string | undefined;
  readonly payload: unknown;
};

/** An Amazon Pay error answer: a status other than `"200"`, with the code that explains it. */
export type AmazonPayErrorResult = {
  readonly kind: 'error';
  readonly statusCode: string;
  /** `payload.errorCode`, or `status.message` when the payload has none; undefined if neither. */
  readonly errorCode: string | undefined;
};

/** A `"200"` answer whose payload does not have the documented shape. */
export type MalformedResult = {
  readonly kind: 'malformed';
  readonly statusCode: string | undefined;
  readonly problem: string;
};

/** What a Setup answer says, without any personal data from the destination or billing address. */
export type SetupResult =
  | {
      readonly kind: 'agreement';
      readonly billingAgreementId: string;
      readonly billingAgreementStatus: string;
      readonly releaseEnvironment: string;
      /** The ISO country of the returned shipping address, if one came back. */
      readonly destinationCountryCode: string | undefined;
      readonly hasDestination: boolean;
      /**
       * The shipping address's fields that fulfilment needs (never the phone or billing address),
       * each trimmed and cut to 200 characters; undefined when none came back.
       */
      readonly shippingAddress?: Readonly<Record<string, string>>;
    }
  | AmazonPayErrorResult
  | MalformedResult;

/** An amount as Amazon Pay writes it in a response. */
export type WireAmount = { readonly amount: string; readonly currencyCode: string };

/** What a Charge answer says. */
export type ChargeResult =
  | {
      readonly kind: 'authorization';
      readonly amazonOrderReferenceId: string | undefined;
      readonly amazonAuthorizationId: string | undefined;
      readonly authorizationReferenceId: string | undefined;
      /** `authorizationDetails.authorizationStatus.state`: Open, Closed, Declined, Pending. */
      readonly state: string;
      /** `authorizationDetails.authorizationStatus.reasonCode` (not `authorizationDetails.reasonCode`). */
      readonly reasonCode: string | undefined;
      readonly softDecline: boolean;
      readonly captureNow: boolean | undefined;
      readonly authorizationAmount: WireAmount | undefined;
      readonly capturedAmount: WireAmount | undefined;
      /**
       * `authorizationDetails.idList`: the AmazonCaptureId of each capture (one for a captured
       * AuthorizeAndCapture), in Amazon's order; entries that are not capture ids are left out.
       */
      readonly captureIds: ReadonlyArray<string>;
    }
  | AmazonPayErrorResult
  | MalformedResult;

/**
 * Reads the common parts of a `Connections.Response` request from an unknown value.
 *
 * See https://developer.amazon.com/en-US/docs/alexa/amazon-pay-alexa/amazon-pay-apis-for-alexa.html
 */
export function parseConnectionsResponse(request: unknown): ConnectionsResponseParts {
  const status = readField(request, 'status');
  const code = readField(status, 'code');
  return {
    name: readString(request, 'name'),
    token: readString(request, 'token'),
    // The code is documented as a string; a number from a careless sender is read the same way.
    statusCode:
      typeof code === 'string' ? code : typeof code === 'number' ? String(code) : undefined,
    statusMessage: readString(status, 'message'),
    payload: readField(request, 'payload'),
  };
}

function toError(parts: ConnectionsResponseParts): AmazonPayErrorResult | MalformedResult {
  if (parts.statusCode === undefined) {
    return { kind: 'malformed', statusCode: undefined, problem: 'status.code is missing' };
  }
  return {
    kind: 'error',
    statusCode: parts.statusCode,
    errorCode: readString(parts.payload, 'errorCode') ?? parts.statusMessage,
  };
}

/** The `Destination` fields a shipment needs; the phone number is left out on purpose. */
export const DESTINATION_SHIPPING_FIELDS = [
  'name',
  'companyName',
  'addressLine1',
  'addressLine2',
  'addressLine3',
  'city',
  'districtOrCounty',
  'stateOrRegion',
  'postalCode',
  'countryCode',
] as const;

/**
 * Turns a Setup `Connections.Response` into a typed SetupResult.
 *
 * Success needs status `"200"` and `payload.billingAgreementDetails` with an id, a status and a
 * release environment; anything else is an error (non-200) or malformed (200 without that shape).
 */
export function parseSetupResult(parts: ConnectionsResponseParts): SetupResult {
  if (parts.statusCode !== '200') return toError(parts);
  const details = readField(parts.payload, 'billingAgreementDetails');
  const billingAgreementId = readString(details, 'billingAgreementId');
  const billingAgreementStatus = readString(details, 'billingAgreementStatus');
  const releaseEnvironment = readString(details, 'releaseEnvironment');
  if (billingAgreementId === undefined || billingAgreementId.length === 0) {
    return { kind: 'malformed', statusCode: '200', problem: 'billingAgreementId is missing' };
  }
  if (billingAgreementStatus === undefined) {
    return { kind: 'malformed', statusCode: '200', problem: 'billingAgreementStatus is missing' };
  }
  if (releaseEnvironment === undefined) {
    return { kind: 'malformed', statusCode: '200', problem: 'releaseEnvironment is missing' };
  }
  const destination = readField(details, 'destination');
  const address: Record<string, string> = {};
  for (const field of DESTINATION_SHIPPING_FIELDS) {
    const value = readString(destination, field)?.trim().slice(0, 200).trim();
    if (value !== undefined && value !== '') address[field] = value;
  }
  const hasAddressLine = ['addressLine1', 'addressLine2', 'addressLine3'].some(
    (f) => address[f] !== undefined,
  );
  return {
    kind: 'agreement',
    billingAgreementId,
    billingAgreementStatus,
    releaseEnvironment,
    // A destination with no address line cannot be shipped to: it counts as none.
    hasDestination: isRecord(destination) && hasAddressLine,
    destinationCountryCode: address['countryCode'],
    ...(Object.keys(address).length > 0 && { shippingAddress: address }),
  };
}

/** What an Amazon id looks like (`S02-1234567-1234567-C000001`): what `idList` may hold. */
const AMAZON_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

/** Reads `idList`: its strings that look like Amazon ids, at most ten of them. */
function readCaptureIds(value: unknown): ReadonlyArray<string> {
  if (!Array.isArray(value)) return [];
  return value
    .filter((id): id is string => typeof id === 'string' && AMAZON_ID.test(id))
    .slice(0, 10);
}

function readAmount(value: unknown): WireAmount | undefined {
  const amount = readString(value, 'amount');
  const currencyCode = readString(value, 'currencyCode');
  return amount !== undefined && currencyCode !== undefined ? { amount, currencyCode } : undefined;
}

/**
 * Turns a Charge `Connections.Response` into a typed ChargeResult.
 *
 * The state is read from `authorizationDetails.authorizationStatus.state` and the reason from
 * `authorizationDetails.authorizationStatus.reasonCode`; two Amazon samples read the wrong paths.
 */
export function parseChargeResult(parts: ConnectionsResponseParts): ChargeResult {
  if (parts.statusCode !== '200') return toError(parts);
  const details = readField(parts.payload, 'authorizationDetails');
  const authorizationStatus = readField(details, 'authorizationStatus');
  const state = readString(authorizationStatus, 'state');
  if (state === undefined) {
    return {
      kind: 'malformed',
      statusCode: '200',
      problem: 'authorizationDetails.authorizationStatus.state is missing',
    };
  }
  const softDecline = readField(details, 'softDecline');
  const captureNow = readField(details, 'captureNow');
  return {
    kind: 'authorization',
    amazonOrderReferenceId: readString(parts.payload, 'amazonOrderReferenceId'),
    amazonAuthorizationId: readString(details, 'amazonAuthorizationId'),
    authorizationReferenceId: readString(details, 'authorizationReferenceId'),
    state,
    reasonCode: readString(authorizationStatus, 'reasonCode'),
    softDecline: softDecline === true,
    captureNow: typeof captureNow === 'boolean' ? captureNow : undefined,
    authorizationAmount: readAmount(readField(details, 'authorizationAmount')),
    capturedAmount: readAmount(readField(details, 'capturedAmount')),
    captureIds: readCaptureIds(readField(details, 'idList')),
  };
}
