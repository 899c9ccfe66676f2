import { toCsv, toCsvField } from '../../../src/cli/toCsv';
import { parseCsv } from './parseCsv';

describe('toCsv', () => {
  describe('toCsvField', () => {
    it.each([
      ['plain', 'plain'],
      ['', ''],
      [' spaced ', ' spaced '],
      ['a,b', '"a,b"'],
      ['say "hi"', '"say ""hi"""'],
      ['two\r\nlines', '"two\r\nlines"'],
      ['line\nfeed', '"line\nfeed"'],
    ])('writes %p as %p', (value, expected) => {
      expect(toCsvField(value)).toBe(expected);
    });
  });

  describe('toCsv', () => {
    it('ends every record with CRLF, the last one too', () => {
      expect(
        toCsv([
          ['a', 'b'],
          ['1', '2'],
        ]),
      ).toBe('a,b\r\n1,2\r\n');
    });

    it('writes nothing for no rows', () => {
      expect(toCsv([])).toBe('');
    });

    it('writes text that an RFC 4180 parser reads back field for field', () => {
      // Prepare
      const rows = [
        ['orderId', 'items', 'note'],
        ['o-1', '2 x Coffee, ground', 'the "best"'],
        ['o-2', 'Mug', 'first\r\nsecond'],
        ['o-3', '', ',"\r\n'],
      ];

      // Act
      const text = toCsv(rows);

      // Assess
      expect(parseCsv(text)).toEqual(rows);
    });
  });
});
