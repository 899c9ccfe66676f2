/**
 * The two Amazon Pay for Alexa buyer APIs: Buyer ID and Buyer Address.
 *
 * See amazon-pay-protocol.md section 7 and
 * https://developer.amazon.com/docs/amazon-pay-alexa/amazon-pay-apis-for-alexa.html.
 */
export const BuyerApiOperation = {
  BuyerId: 'BuyerId',
  BuyerAddress: 'BuyerAddress',
} as const;
export type BuyerApiOperation = (typeof BuyerApiOperation)[keyof typeof BuyerApiOperation];
