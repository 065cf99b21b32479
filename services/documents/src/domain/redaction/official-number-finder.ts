import { candidateAt, type IdentifyingDetailFinder, NOT_AFTER_WORD, NOT_BEFORE_WORD, type RedactionCandidate } from './redaction-finding';

/**
 * Ten digits, as written on NHS letters (3 3 4) or any other way: run together, spaced or dashed
 * anywhere ("278 4794318", "2784 794 318"). Not part of a longer run of figures ("+44 7911 123456").
 */
const NHS_NUMBER_SHAPE = /(?<![\p{L}\p{N}])(?<!\p{N}[ -])\d(?:[ -]?\d){9}(?![ -]?\p{N})/gu;
/**
 * HMRC's rules: first letter not D, F, I, Q, U or V; second not D, F, I, O, Q, U or V; prefixes
 * BG, GB, KN, NK, NT, TN and ZZ never issued; six digits; suffix A-D (often left off).
 */
const NI_NUMBER = new RegExp(
  `${NOT_AFTER_WORD}([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?\\d{2} ?\\d{2} ?\\d{2}(?: ?[A-D])?${NOT_BEFORE_WORD}`,
  'giu',
);
/** Two-letter words that open ordinary figures in lower case ("on 12 03 24", "at 10 15 30"): a spaced prefix like these is no NI number. */
const WORDS_LIKE_NI_PREFIXES = new Set([
  'on',
  'at',
  'as',
  'am',
  'an',
  'be',
  'by',
  'go',
  'he',
  'me',
  'my',
  'no',
  'or',
  'so',
  'us',
  'we',
  'ok',
  'pm',
  'ah',
  'eh',
  'oh',
]);
const NI_PREFIXES_NEVER_ISSUED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

/** R-RED-INIT: NHS numbers (only those passing the modulus 11 check) and National Insurance numbers, in any letter case. */
export class OfficialNumberFinder implements IdentifyingDetailFinder {
  find(text: string): RedactionCandidate[] {
    const nhs = [...text.matchAll(NHS_NUMBER_SHAPE)]
      .filter((match) => isValidNhsNumber(match[0]))
      .map((match) => candidateAt('NHS_NUMBER', match.index, match[0], '[NHS number]'));
    const ni = [...text.matchAll(NI_NUMBER)]
      .filter((match) => !NI_PREFIXES_NEVER_ISSUED.has(match[1].toUpperCase()) && !readsAsWordAndFigures(match[0], match[1]))
      .map((match) => candidateAt('NI_NUMBER', match.index, match[0], '[NI number]'));
    return [...nhs, ...ni];
  }
}

/** NHS Digital's check: weights 10..2 on the first nine digits; 11 minus the sum mod 11 is the tenth (11 reads 0, 10 is never issued). */
export function isValidNhsNumber(written: string): boolean {
  const digits = written.replace(/\D/gu, '');
  if (digits.length !== 10) return false;
  const sum = [...digits.slice(0, 9)].reduce((total, digit, index) => total + Number(digit) * (10 - index), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

/** "on 12 03 24" is a word and a date; "ON 12 03 24", "on120324" or "ab 12 34 56" are written as NI numbers. */
function readsAsWordAndFigures(written: string, prefix: string): boolean {
  return prefix !== prefix.toUpperCase() && /^\p{L}{2}\s/u.test(written) && WORDS_LIKE_NI_PREFIXES.has(prefix.toLowerCase());
}
