import { parseAmazonPayAmount } from '../amazonpay/amount';
import type { ChargeResult, WireAmount } from '../amazonpay/connectionsResponse';
import { isCurrency, type Money } from './money';
import type { OrderChanges } from './OrderStore';
import { OrderStatus } from './OrderStatus';

/** The statuses in which a Charge answer's capture is kept on the order, to refund it later. */
const CAPTURED_STATUSES: ReadonlySet<string> = new Set<OrderStatus>([
  OrderStatus.Paid,
  OrderStatus.HeldForReview,
  OrderStatus.CertificationTest,
]);

/** Reads a wire amount as Money; undefined unless it is a valid amount of a supported currency. */
function toCapturedMoney(amount: WireAmount | undefined): Money | undefined {
  if (amount === undefined || !isCurrency(amount.currencyCode)) return undefined;
  const amountMinor = parseAmazonPayAmount(amount.amount, amount.currencyCode);
  return amountMinor === undefined ? undefined : { amountMinor, currency: amount.currencyCode };
}

/**
 * Picks, from a Charge answer, what the order keeps of its capture: the first capture id of
 * `authorizationDetails.idList` and the captured amount, when the answer moves the order to paid,
 * held-for-review or certification-test. Anything else keeps nothing.
 *
 * The amount is kept only when it is a valid amount of a supported currency: a refund of a
 * capture whose amount is unknown is refused rather than guessed. See the Charge success payload,
 * https://developer.amazon.com/en-US/docs/alexa/amazon-pay-alexa/amazon-pay-apis-for-alexa.html.
 */
export function toCaptureChanges(
  result: ChargeResult,
  status: string,
): Pick<OrderChanges, 'amazonCaptureId' | 'captured'> {
  if (result.kind !== 'authorization' || !CAPTURED_STATUSES.has(status)) return {};
  const amazonCaptureId = result.captureIds[0];
  if (amazonCaptureId === undefined) return {};
  const captured = toCapturedMoney(result.capturedAmount);
  return { amazonCaptureId, ...(captured !== undefined && { captured }) };
}
