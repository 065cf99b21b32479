/**
 * Latin letters that Unicode does not decompose into a base letter and a mark, so NFD alone
 * leaves them: each is folded to what people type without the key (Łukasz -> Lukasz, Strauß ->
 * Strauss, Ærø -> Aero, Đorđe -> Dorde, Yıldız -> Yildiz).
 */
const UNDECOMPOSED: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Ø: 'O',
  ø: 'o',
  Đ: 'D',
  đ: 'd',
  Ð: 'D',
  ð: 'd',
  Ħ: 'H',
  ħ: 'h',
  Ŧ: 'T',
  ŧ: 't',
  Ŀ: 'L',
  ŀ: 'l',
  ı: 'i',
  ĸ: 'k',
  Ŋ: 'N',
  ŋ: 'n',
  ſ: 's',
  ƒ: 'f',
  Ƶ: 'Z',
  ƶ: 'z',
  Ɨ: 'I',
  ɨ: 'i',
  Ƀ: 'B',
  ƀ: 'b',
  ß: 'ss',
  ẞ: 'SS',
  Æ: 'AE',
  æ: 'ae',
  Œ: 'OE',
  œ: 'oe',
  Þ: 'TH',
  þ: 'th',
  Ĳ: 'IJ',
  ĳ: 'ij',
};

/** One character folded: the table above, else its NFD base letters without the marks. */
function foldCharacter(character: string): string {
  const listed = UNDECOMPOSED[character];
  if (listed !== undefined) return listed;
  if (character.charCodeAt(0) < 0x80) return character;
  const base = character.normalize('NFD').replace(/\p{M}/gu, '');
  return base === '' ? character : base;
}

/** Nothing to fold: a text that is all ASCII (most of a clerk's minutes) folds to itself. */
function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) if (text.charCodeAt(index) >= 0x80) return false;
  return true;
}

/** Where the run of ASCII characters starting at `from` ends (they fold to themselves, one unit each). */
function asciiRunEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && text.charCodeAt(end) < 0x80) end += 1;
  return end;
}

/** Folds every Latin diacritic away, both ways comparable: "Łukasz" and "Lukasz" fold alike, as do "Strauß" and "Strauss". */
export function foldLatin(text: string): string {
  if (isAscii(text)) return text;
  let folded = '';
  for (let offset = 0; offset < text.length;) {
    const runEnd = asciiRunEnd(text, offset);
    if (runEnd > offset) {
      folded += text.slice(offset, runEnd);
      offset = runEnd;
      continue;
    }
    const character = String.fromCodePoint(text.codePointAt(offset) as number);
    folded += foldCharacter(character);
    offset += character.length;
  }
  return folded;
}

/**
 * A text folded by foldLatin, with the way back: folding may change lengths ("ß" -> "ss"), so a
 * span found in the folded text is mapped to the span of the original characters that made it.
 * An all-ASCII text is its own folding, and its spans map to themselves (no tables kept).
 */
export class FoldedText {
  readonly text: string;
  /** Per folded unit, the original span of the character it came from; undefined when the text folds to itself. */
  private readonly starts: number[] | undefined;
  private readonly ends: number[] = [];

  constructor(original: string) {
    if (isAscii(original)) {
      this.text = original;
      this.starts = undefined;
      return;
    }
    const starts: number[] = [];
    let folded = '';
    for (let offset = 0; offset < original.length;) {
      const runEnd = asciiRunEnd(original, offset);
      if (runEnd > offset) {
        for (let unit = offset; unit < runEnd; unit += 1) {
          starts.push(unit);
          this.ends.push(unit + 1);
        }
        folded += original.slice(offset, runEnd);
        offset = runEnd;
        continue;
      }
      const character = String.fromCodePoint(original.codePointAt(offset) as number);
      const piece = foldCharacter(character);
      for (let unit = 0; unit < piece.length; unit += 1) {
        starts.push(offset);
        this.ends.push(offset + character.length);
      }
      folded += piece;
      offset += character.length;
    }
    this.text = folded;
    this.starts = starts;
  }

  /** The original span [start, end) for the folded span [from, to); a half-folded character counts whole. */
  originalSpan(from: number, to: number): { start: number; end: number } {
    if (!this.starts) {
      if (to <= from) {
        const at = from < this.text.length ? from : this.text.length;
        return { start: at, end: at };
      }
      return { start: from, end: to };
    }
    if (to <= from) {
      const at = from < this.starts.length ? this.starts[from] : (this.ends[this.ends.length - 1] ?? 0);
      return { start: at, end: at };
    }
    return { start: this.starts[from], end: this.ends[to - 1] };
  }
}
