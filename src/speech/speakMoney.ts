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
  const { format, exponent } = moneyFormat(locale, amount.currency);
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

type MoneyFormat = { readonly format: Intl.NumberFormat; readonly exponent: number };

// Built once per locale and currency: formatters and their options are costly to make on every turn.
const formats = new Map<string, MoneyFormat>();

function moneyFormat(locale: string, currency: string): MoneyFormat {
  const key = `${locale}|${currency}`;
  let cached = formats.get(key);
  if (cached === undefined) {
    let format: Intl.NumberFormat;
    try {
      format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    } catch {
      format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    }
    cached = { format, exponent: format.resolvedOptions().maximumFractionDigits ?? 2 };
    formats.set(key, cached);
  }
  return cached;
}
