import type { ParseResult } from '../mws/parseResponses';
import { isRecord, readField, readString } from '../readUnknown';
import type { BuyerAddressEntry } from './BuyerAddressEntry';
import type { BuyerAddresses } from './BuyerAddresses';
import type { BuyerId } from './BuyerId';
import type { BuyerPostalAddress } from './BuyerPostalAddress';
import { MAX_BUYER_ID_LENGTH } from './constants';

const POSTAL_ADDRESS_FIELDS = [
  'name',
  'addressLine1',
  'addressLine2',
  'addressLine3',
  'city',
  'districtOrCounty',
  'stateOrRegion',
  'postalCode',
  'countryCode',
  'phone',
] as const satisfies ReadonlyArray<keyof BuyerPostalAddress>;

// Printable ASCII without spaces: an id to key a store record by, never free text.
const BUYER_ID_PATTERN = /^[\x21-\x7e]+$/;

// A reason code is kept only when it looks like one, so no free text of a body reaches an error.
const REASON_CODE_PATTERN = /^[A-Za-z][A-Za-z0-9_.]{0,63}$/;

/**
 * Parses the JSON of a Buyer ID answer, `{ "buyerId": "<string>" }`.
 *
 * The id must be 1 to 256 printable ASCII characters without spaces. Problems name the field,
 * never its value.
 */
export function parseBuyerIdBody(body: unknown): ParseResult<BuyerId> {
  const buyerId = readString(body, 'buyerId');
  if (buyerId === undefined) return { ok: false, problem: 'buyerId is missing or not a string' };
  if (buyerId === '') return { ok: false, problem: 'buyerId is empty' };
  if (buyerId.length > MAX_BUYER_ID_LENGTH) {
    return { ok: false, problem: `buyerId is longer than ${MAX_BUYER_ID_LENGTH} characters` };
  }
  if (!BUYER_ID_PATTERN.test(buyerId)) {
    return { ok: false, problem: 'buyerId has characters other than printable ASCII' };
  }
  return { ok: true, value: { buyerId } };
}

/**
 * Reads a postal address from unknown JSON, keeping only the documented string fields.
 *
 * A field of another type, or empty once trimmed, is dropped; strings are trimmed and
 * `countryCode` is upper-cased.
 */
export function parseBuyerPostalAddress(value: unknown): BuyerPostalAddress {
  const address: { -readonly [K in keyof BuyerPostalAddress]: BuyerPostalAddress[K] } = {};
  for (const field of POSTAL_ADDRESS_FIELDS) {
    const text = readString(value, field)?.trim();
    if (text === undefined || text === '') continue;
    address[field] = field === 'countryCode' ? text.toUpperCase() : text;
  }
  return address;
}

function parseEntry(value: unknown): BuyerAddressEntry | undefined {
  const addressType = readString(value, 'addressType');
  const address = readField(value, 'address');
  if (addressType === undefined || addressType === '' || !isRecord(address)) return undefined;
  return { addressType, address: parseBuyerPostalAddress(address) };
}

/**
 * Parses the JSON of a Buyer Address answer, `{ "addresses": [{ "addressType", "address" }] }`.
 *
 * The body must be an object with an `addresses` array; entries without a string `addressType` or
 * an object `address` are dropped rather than failing the whole answer.
 */
export function parseBuyerAddressesBody(body: unknown): ParseResult<BuyerAddresses> {
  const addresses = readField(body, 'addresses');
  if (!Array.isArray(addresses)) {
    return { ok: false, problem: 'addresses is missing or not an array' };
  }
  const entries: BuyerAddressEntry[] = [];
  for (const value of addresses as ReadonlyArray<unknown>) {
    const entry = parseEntry(value);
    if (entry !== undefined) entries.push(entry);
  }
  return { ok: true, value: { addresses: entries } };
}

/**
 * Reads the `reasonCode` of a Buyer API error body, when it is code-like (a letter, then up to 63
 * letters, digits, `_` or `.`); anything else gives undefined.
 */
export function parseBuyerApiReasonCode(body: unknown): string | undefined {
  const reasonCode = readString(body, 'reasonCode');
  return reasonCode !== undefined && REASON_CODE_PATTERN.test(reasonCode) ? reasonCode : undefined;
}
