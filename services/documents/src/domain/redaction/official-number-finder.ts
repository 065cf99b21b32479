import { candidateAt, type IdentifyingDetailFinder, NOT_AFTER_WORD, NOT_BEFORE_WORD, type RedactionCandidate } from './redaction-finding';

/** Ten digits, as written on NHS letters (3 3 4) with spaces or dashes, or run together. */
const NHS_NUMBER_SHAPE = /(?<![\p{L}\p{N}])\d{3}([ -]?)\d{3}\1\d{4}(?![\p{N}])/gu;
/**
 * HMRC's rules: first letter not D, F, I, Q, U or V; second not D, F, I, O, Q, U or V; prefixes
 * BG, GB, KN, NK, NT, TN and ZZ never issued; six digits; suffix A-D (often left off).
 */
const NI_NUMBER = new RegExp(
  `${NOT_AFTER_WORD}([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?\\d{2} ?\\d{2} ?\\d{2}(?: ?[A-D])?${NOT_BEFORE_WORD}`,
  'gu',
);
const NI_PREFIXES_NEVER_ISSUED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

/** R-RED-INIT: NHS numbers (only those passing the modulus 11 check) and National Insurance numbers. */
export class OfficialNumberFinder implements IdentifyingDetailFinder {
  find(text: string): RedactionCandidate[] {
    const nhs = [...text.matchAll(NHS_NUMBER_SHAPE)]
      .filter((match) => isValidNhsNumber(match[0]))
      .map((match) => candidateAt('NHS_NUMBER', match.index, match[0], '[NHS number]'));
    const ni = [...text.matchAll(NI_NUMBER)]
      .filter((match) => !NI_PREFIXES_NEVER_ISSUED.has(match[1]))
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
