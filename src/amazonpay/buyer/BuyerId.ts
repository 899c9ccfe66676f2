/**
 * A Buyer ID answer: Amazon's id of the customer for this skill.
 *
 * It stays the same across skill disable and enable and across Amazon Pay channels, so it can
 * recognise a returning shopper without account linking. Personal data: never log it. See
 * https://developer.amazon.com/docs/amazon-pay-alexa/amazon-pay-apis-for-alexa.html#buyer_id.
 */
export type BuyerId = {
  readonly buyerId: string;
};
