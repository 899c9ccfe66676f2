/**
 * Parses RFC 4180 CSV text (CRLF records, quoted fields with doubled quotes) into rows, strictly:
 * a bare quote inside an unquoted field, a bare LF or an unterminated quote throws. For tests: it
 * reads back what `toCsv` writes, independently of it.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let atFieldStart = true;
  while (i < text.length) {
    const c = text[i];
    if (atFieldStart && c === '"') {
      // A quoted field runs to the next quote that is not doubled.
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += text[i];
        i += 1;
      }
      atFieldStart = false;
      if (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        throw new Error(`unexpected character after a quoted field at ${i}`);
      }
      continue;
    }
    if (c === ',') {
      row.push(field);
      field = '';
      atFieldStart = true;
      i += 1;
    } else if (c === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`CR without LF at ${i}`);
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      atFieldStart = true;
      i += 2;
    } else if (c === '\n' || c === '"') {
      throw new Error(`bare ${c === '"' ? 'quote' : 'LF'} at ${i}`);
    } else {
      field += c;
      atFieldStart = false;
      i += 1;
    }
  }
  if (!atFieldStart || field !== '' || row.length > 0) {
    throw new Error('the last record does not end with CRLF');
  }
  return rows;
}
