// A field needs quotes when it holds a comma, a double quote or a line break (RFC 4180, 2.6).
const NEEDS_QUOTES = /[",\r\n]/;

/** Quotes one CSV field when it must be quoted, doubling the double quotes inside it. */
export function toCsvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Builds RFC 4180 CSV text from rows of fields: fields separated by commas, quoted only when they
 * must be, each record ended by CRLF (the last one too). The first row is the header, if any.
 *
 * @example
 * toCsv([['orderId', 'total'], ['01J', '33.05']]); // 'orderId,total\r\n01J,33.05\r\n'
 */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  return rows.map((row) => `${row.map(toCsvField).join(',')}\r\n`).join('');
}
