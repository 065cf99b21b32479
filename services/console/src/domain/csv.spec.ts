import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { CSV_BOM, csvCell, csvOf, type CsvCell } from './csv';

/** What a reader gets back for a cell: numbers as their text, nothing as empty, formulas with their apostrophe. */
const expected = (cell: CsvCell): string => {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return String(cell);
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
};

describe('CSV writer', () => {
  it('round-trips any text and numbers through an independent CSV parser (csv-parse)', () => {
    const cell = fc.oneof(fc.string({ unit: 'binary' }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 8 }), (rows) => {
        const text = csvOf(['a', 'b', 'c'], rows);
        const parsed: string[][] = parse(text, { bom: true, relax_column_count: false });
        expect(parsed).toEqual([['a', 'b', 'c'], ...rows.map((row) => row.map(expected))]);
      }),
      { numRuns: 300 },
    );
  });

  it('quotes commas, quotes and line breaks, and doubles quotes', () => {
    expect(csvCell('North, East')).toBe('"North, East"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded')).toBe('" padded"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('guards cells a spreadsheet would run as a formula, but leaves numbers alone', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+44 7700')).toBe("'+44 7700");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(12.5)).toBe('12.5');
  });

  it('starts with a byte order mark and ends every record with CRLF', () => {
    const text = csvOf(['x'], [[1], [2]]);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(text.slice(1)).toBe('x\r\n1\r\n2\r\n');
  });
});
