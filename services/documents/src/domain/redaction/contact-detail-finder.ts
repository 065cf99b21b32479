import { PhoneNumberUtil } from 'google-libphonenumber';
import { candidateAt, type IdentifyingDetailFinder, NOT_AFTER_WORD, NOT_BEFORE_WORD, type RedactionCandidate } from './redaction-finding';
import { UK_POSTCODE_PATTERN } from './uk-postcode';

/** Capitals only: in lower case the shape catches words ("b12 4th floor"); the case's own postcode is caught in any case as part of its address. */
const POSTCODE = new RegExp(`${NOT_AFTER_WORD}${UK_POSTCODE_PATTERN}${NOT_BEFORE_WORD}`, 'gu');
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}-])/gu;
/**
 * Loose on purpose: anything that starts like a UK number (+44, 0044, 0, "(0") and goes on in
 * digits, spaces, dashes and brackets. google-libphonenumber then decides what is a number.
 */
const PHONE_CANDIDATE = /(?<![\p{L}\p{N}+])(?:(?:\+|00)\s?44[\s-]?(?:\(0\)[\s-]?)?\(?\d|\(0\d|0\d)[\d \t\-()]*\d/gu;
/**
 * Ofcom keeps these ranges for drama and examples (07700 900xxx, 01632 960xxx): libphonenumber
 * calls them invalid, but they are what fixtures and training material use, so they are redacted too.
 */
const OFCOM_DRAMA_NUMBER = /^(?:7700900\d{3}|1632960\d{3})$/u;

const phoneNumbers = PhoneNumberUtil.getInstance();

/** R-RED-INIT: UK postcodes (validated shape), every e-mail address, UK telephone numbers. */
export class ContactDetailFinder implements IdentifyingDetailFinder {
  find(text: string): RedactionCandidate[] {
    return [...this.postcodes(text), ...this.emailAddresses(text), ...this.phoneNumbers(text)];
  }

  private postcodes(text: string): RedactionCandidate[] {
    return [...text.matchAll(POSTCODE)].map((match) => candidateAt('POSTCODE', match.index, match[0], '[postcode]'));
  }

  private emailAddresses(text: string): RedactionCandidate[] {
    return [...text.matchAll(EMAIL)].map((match) => candidateAt('EMAIL_ADDRESS', match.index, match[0], '[email]'));
  }

  private phoneNumbers(text: string): RedactionCandidate[] {
    const found: RedactionCandidate[] = [];
    for (const match of text.matchAll(PHONE_CANDIDATE)) {
      const number = longestUkNumberAtStartOf(match[0]);
      if (number) found.push(candidateAt('PHONE_NUMBER', match.index, number, '[phone]'));
    }
    return found;
  }
}

/**
 * The candidate may run on into other figures ("07911 123456 2 times"): try it whole, then shorter,
 * ending on each earlier digit, and keep the longest that libphonenumber accepts as a UK number.
 */
function longestUkNumberAtStartOf(candidate: string): string | undefined {
  for (let end = candidate.length; end > 0; end -= 1) {
    if (!/\d/u.test(candidate[end - 1])) continue;
    const prefix = candidate.slice(0, end);
    const digits = prefix.replace(/\D/gu, '').length;
    if (digits < 10) return undefined;
    if (digits <= 14 && isUkNumber(prefix)) return prefix;
  }
  return undefined;
}

function isUkNumber(written: string): boolean {
  let parsed;
  try {
    parsed = phoneNumbers.parse(written, 'GB');
  } catch {
    return false; // libphonenumber throws on text it cannot read as a number: not a phone number
  }
  // +44 also serves Jersey, Guernsey and the Isle of Man: valid anywhere under +44 counts.
  if (parsed.getCountryCode() !== 44) return false;
  return phoneNumbers.isValidNumber(parsed) || OFCOM_DRAMA_NUMBER.test(String(parsed.getNationalNumber()));
}
