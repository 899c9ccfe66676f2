/**
 * A postal address from a Buyer Address answer; every field is optional, as Amazon sends them.
 *
 * Parsed from unknown JSON: fields of the wrong type or empty after trimming are dropped, and
 * `countryCode` is trimmed and upper-cased. Personal data: never log it. See
 * https://developer.amazon.com/docs/amazon-pay-alexa/amazon-pay-apis-for-alexa.html#buyer_address.
 */
export type BuyerPostalAddress = {
  readonly name?: string;
  readonly addressLine1?: string;
  readonly addressLine2?: string;
  readonly addressLine3?: string;
  readonly city?: string;
  readonly districtOrCounty?: string;
  readonly stateOrRegion?: string;
  readonly postalCode?: string;
  readonly countryCode?: string;
  readonly phone?: string;
};
