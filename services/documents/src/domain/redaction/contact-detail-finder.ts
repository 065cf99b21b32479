import { candidateAt, type IdentifyingDetailFinder, NOT_AFTER_WORD, NOT_BEFORE_WORD, type RedactionCandidate } from './redaction-finding';
import { ukPhoneNumbersIn } from './uk-phone-number';
import { UK_POSTCODE_PATTERN } from './uk-postcode';

/** Any letter case ("sw1a 2aa" too); see isOrdinalNotPostcode for the one shape that reads as words. */
const POSTCODE = new RegExp(`${NOT_AFTER_WORD}${UK_POSTCODE_PATTERN}${NOT_BEFORE_WORD}`, 'giu');
/** "b12 4th floor", "ks2 3rd year": in lower case, an inward code that is an ordinal followed by a word is the ordinal. */
const ORDINAL_INWARD = /\s?(?:1st|2nd|3rd|[4-9]th)$/u;
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+\s*@\s*[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}-])/gu;
/** Top-level domains people write out ("example dot org"): a closed list, so "at school.Then" is no address. */
const WRITTEN_TLD =
  '(?:com|org|net|uk|ie|gov|nhs|ac|co|edu|info|biz|me|io|eu|de|fr|pl|pt|es|it|nl|ro|lt|lv|cymru|scot|wales|london|email|mail)';
const WRITTEN_AT = '(?:\\s*@\\s*|\\s*[(\\[{<]\\s*at\\s*[)\\]}>]\\s*|\\s+at\\s+)';
const WRITTEN_DOT = '(?:\\.|\\s*[(\\[{<]\\s*dot\\s*[)\\]}>]\\s*|\\s+dot\\s+)';
const LOCAL_PART = `[\\p{L}\\p{N}_%+-]+(?:${WRITTEN_DOT}[\\p{L}\\p{N}_%+-]+)*`;
/** "name at example dot org", "name (at) example (dot) org", "name [at] example.org", "name @ example.org". */
const WRITTEN_EMAIL = new RegExp(
  `(?<![\\p{L}\\p{N}._%+-])${LOCAL_PART}${WRITTEN_AT}[\\p{L}\\p{N}-]+(?:${WRITTEN_DOT}[\\p{L}\\p{N}-]+)*${WRITTEN_DOT}${WRITTEN_TLD}(?![\\p{L}\\p{N}-])`,
  'giu',
);
/** R-RED-INIT: UK postcodes (validated shape, any case), every e-mail address (also written out), UK telephone numbers. */
export class ContactDetailFinder implements IdentifyingDetailFinder {
  find(text: string): RedactionCandidate[] {
    return [...this.postcodes(text), ...this.emailAddresses(text), ...this.phoneNumbers(text)];
  }

  private postcodes(text: string): RedactionCandidate[] {
    return [...text.matchAll(POSTCODE)]
      .filter((match) => !isOrdinalNotPostcode(match[0], text.slice(match.index + match[0].length)))
      .map((match) => candidateAt('POSTCODE', match.index, match[0], '[postcode]'));
  }

  private emailAddresses(text: string): RedactionCandidate[] {
    return [...text.matchAll(EMAIL), ...text.matchAll(WRITTEN_EMAIL)].map((match) =>
      candidateAt('EMAIL_ADDRESS', match.index, match[0], '[email]'),
    );
  }

  private phoneNumbers(text: string): RedactionCandidate[] {
    return ukPhoneNumbersIn(text).map(({ index, number }) => candidateAt('PHONE_NUMBER', index, number, '[phone]'));
  }
}

function isOrdinalNotPostcode(postcode: string, following: string): boolean {
  return postcode !== postcode.toUpperCase() && ORDINAL_INWARD.test(postcode) && /^\s+\p{Ll}/u.test(following);
}
