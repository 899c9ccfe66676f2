/**
 * Says an amount of money the way the shopper's locale writes it (`$34.97`, `3.497,00 €`, `￥5,480`).
 *
 * The currency is the merchant's ledger currency; the locale only changes how it is written, never
 * which currency it is. Minor units become the decimal with integer arithmetic before formatting.
 */
export function speakMoney(
  amount: { readonly amountMinor: number; readonly currency: string },
  locale: string,
): string {
  const format = moneyFormat(locale, amount.currency);
  const exponent = format.resolvedOptions().maximumFractionDigits ?? 2;
  const divisor = 10 ** exponent;
  const whole = Math.trunc(amount.amountMinor / divisor);
  const fraction = amount.amountMinor % divisor;
  // Formatting a decimal string keeps the value exact (no binary fractions).
  const decimal: Intl.StringNumericLiteral =
    exponent === 0
      ? `${whole}`
      : (`${whole}.${String(fraction).padStart(exponent, '0')}` as `${number}`);
  return format.format(decimal);
}

const formats = new Map<string, Intl.NumberFormat>();

function moneyFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = formats.get(key);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    } catch {
      format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    }
    formats.set(key, format);
  }
  return format;
}
