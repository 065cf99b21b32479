import fc from 'fast-check';
import { FoldedText, foldLatin } from './latin-fold';

/**
 * The folding as first written, one code point at a time through the same rules (NFD without marks, the
 * undecomposed table by way of foldLatin on that character alone): the ASCII fast paths must give the
 * very same text and the very same way back, or a name could slip past the parents' copy (R-RED-INIT).
 */
function referenceFolding(original: string): { text: string; starts: number[]; ends: number[] } {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let offset = 0;
  for (const character of original) {
    const piece = character.charCodeAt(0) < 0x80 ? character : foldLatin(`${character}`);
    for (let unit = 0; unit < piece.length; unit += 1) {
      starts.push(offset);
      ends.push(offset + character.length);
    }
    text += piece;
    offset += character.length;
  }
  return { text, starts, ends };
}

/** Text as clerks type it and worse: ASCII, Latin letters with and without marks, curly quotes, emoji, lone surrogates. */
const mixedText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
      fc.constantFrom('Łukasz', 'Strauß', 'Zoë', 'Ærø', 'Đorđe', 'Yıldız', 'O’Neill', '—', '😀', 'ĳ', 'e\u0301', '\ud800', '\udc00'),
      fc.string({ unit: 'binary', maxLength: 4 }),
    ),
    { maxLength: 12 },
  )
  .map((pieces) => pieces.join(''));

describe('folding Latin text for matching (R-RED-INIT)', () => {
  it('folds diacritics and undecomposed letters away', () => {
    expect(foldLatin('Łukasz Strauß, Zoë, Ærø, Đorđe, Yıldız')).toBe('Lukasz Strauss, Zoe, AEro, Dorde, Yildiz');
    expect(new FoldedText('Strauß said').text).toBe('Strauss said');
  });

  it('maps a folded span back to the original characters that made it, a half-folded character whole', () => {
    const folded = new FoldedText('Mr Strauß, again');
    // "ss" in "Strauss" is units 8-9 of the folded text and stands for the one "ß" at 8 in the original.
    expect(folded.originalSpan(3, 10)).toEqual({ start: 3, end: 9 });
    expect(folded.originalSpan(9, 10)).toEqual({ start: 8, end: 9 });
    expect(folded.originalSpan(10, 10)).toEqual({ start: 9, end: 9 });
  });

  it('an all-ASCII text is its own folding and its spans map to themselves', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 60 }), fc.nat(70), fc.nat(70), (text, a, b) => {
        const folded = new FoldedText(text);
        expect(folded.text).toBe(text);
        expect(foldLatin(text)).toBe(text);
        const [from, to] = [Math.min(a, b, text.length), Math.min(Math.max(a, b), text.length)];
        const reference = referenceFolding(text);
        const at = from < reference.starts.length ? reference.starts[from] : (reference.ends[reference.ends.length - 1] ?? 0);
        expect(folded.originalSpan(from, to)).toEqual(to <= from ? { start: at, end: at } : { start: from, end: to });
      }),
    );
  });

  it('gives the same text and the same way back as folding one character at a time, for any text', () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        const reference = referenceFolding(text);
        const folded = new FoldedText(text);
        expect(folded.text).toBe(reference.text);
        expect(foldLatin(text)).toBe(reference.text);
        const spans = (span: (from: number, to: number) => { start: number; end: number }) => {
          const all: Array<{ start: number; end: number }> = [];
          for (let from = 0; from <= reference.text.length; from += 1)
            for (let to = from; to <= reference.text.length; to += 1) all.push(span(from, to));
          return all;
        };
        expect(spans((from, to) => folded.originalSpan(from, to))).toEqual(
          spans((from, to) => {
            if (to > from) return { start: reference.starts[from], end: reference.ends[to - 1] };
            const at = from < reference.starts.length ? reference.starts[from] : (reference.ends[reference.ends.length - 1] ?? 0);
            return { start: at, end: at };
          }),
        );
      }),
      { numRuns: 300 },
    );
  });
});
