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

/** Folds every Latin diacritic away, both ways comparable: "Łukasz" and "Lukasz" fold alike, as do "Strauß" and "Strauss". */
export function foldLatin(text: string): string {
  let folded = '';
  for (const character of text) folded += foldCharacter(character);
  return folded;
}

/**
 * A text folded by foldLatin, with the way back: folding may change lengths ("ß" -> "ss"), so a
 * span found in the folded text is mapped to the span of the original characters that made it.
 */
export class FoldedText {
  readonly text: string;
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(original: string) {
    let folded = '';
    let offset = 0;
    for (const character of original) {
      const piece = foldCharacter(character);
      for (let unit = 0; unit < piece.length; unit += 1) {
        this.starts.push(offset);
        this.ends.push(offset + character.length);
      }
      folded += piece;
      offset += character.length;
    }
    this.text = folded;
  }

  /** The original span [start, end) for the folded span [from, to); a half-folded character counts whole. */
  originalSpan(from: number, to: number): { start: number; end: number } {
    if (to <= from) {
      const at = from < this.starts.length ? this.starts[from] : (this.ends[this.ends.length - 1] ?? 0);
      return { start: at, end: at };
    }
    return { start: this.starts[from], end: this.ends[to - 1] };
  }
}
