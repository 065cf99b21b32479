import { PhoneNumberUtil } from 'google-libphonenumber';

/**
 * Loose on purpose: anything that starts like a UK number (+44, 0044, "(+44)", 0, "(0") and goes on
 * in digits, spaces, dots, dashes and brackets. ukPhoneNumberAtStartOf then decides what is a number.
 */
const UK_PHONE_CANDIDATE =
  /(?<![\p{L}\p{N}+])(?:\(?(?:\+\s?|00\s?)44\)?[\s.-]?(?:\(0\)[\s.-]?|0[\s.-]?)?\(?\d|\(0\d|0[\s.-]?\d)[\d \t.\-()]*\d/gu;
/**
 * Ofcom keeps these ranges for drama and examples (07700 900xxx, 01632 960xxx): libphonenumber
 * calls them invalid, but they are what fixtures and training material use, so they are redacted too.
 */
const OFCOM_DRAMA_NUMBER = /^(?:7700900\d{3}|1632960\d{3})$/u;
/**
 * 07 and nine more digits: mobiles (071-075, 077-079), pagers (076) and personal numbers (070).
 * libphonenumber's metadata calls some allocated ones invalid (most 076 pagers), so the whole
 * range counts: a number a parent gives as theirs must not survive because a table lags Ofcom.
 */
const MOBILE_PAGER_OR_PERSONAL = /^7\d{9}$/u;

const phoneNumbers = PhoneNumberUtil.getInstance();

/** R-RED-INIT: every UK telephone number in the text, with where it starts. */
export function ukPhoneNumbersIn(text: string): Array<{ index: number; number: string }> {
  const found: Array<{ index: number; number: string }> = [];
  const candidates = new RegExp(UK_PHONE_CANDIDATE.source, 'gu');
  for (let match = candidates.exec(text); match !== null; match = candidates.exec(text)) {
    const number = ukPhoneNumberAtStartOf(match[0]);
    if (number) found.push({ index: match.index, number });
    // A run that is no number ("ref 0123 07911 123456") may still hold one further on: look again from the next character.
    candidates.lastIndex = match.index + (number?.length ?? 1);
  }
  return found;
}

/**
 * The UK telephone number a candidate starts with, if any. The candidate may run on into
 * other figures ("07911 123456 2 times"): it is tried whole, then shorter, ending on each earlier
 * digit that does not split a run of digits written together, and the longest UK number is kept.
 */
function ukPhoneNumberAtStartOf(candidate: string): string | undefined {
  for (let end = candidate.length; end > 0; end -= 1) {
    if (!/\d/u.test(candidate[end - 1]) || /\d/u.test(candidate[end] ?? '')) continue;
    const prefix = candidate.slice(0, end);
    const digits = prefix.replace(/\D/gu, '').length;
    if (digits < 10) return undefined;
    if (digits <= 14 && isUkNumber(prefix)) return prefix;
  }
  return undefined;
}

/** The national significant number: without +44/0044, a "(0)" or a stray trunk 0 after the country code, or the trunk 0. */
function nationalNumberOf(written: string): string {
  const digits = written.replace(/\D/gu, '');
  const international = /^\s*\(?(?:\+|00)/u.test(written);
  const national = international ? digits.replace(/^(?:00)?44/u, '') : digits;
  return national.replace(/^0/u, '');
}

function isUkNumber(written: string): boolean {
  const national = nationalNumberOf(written);
  if (MOBILE_PAGER_OR_PERSONAL.test(national) || OFCOM_DRAMA_NUMBER.test(national)) return true;
  let parsed;
  try {
    parsed = phoneNumbers.parse(`0${national}`, 'GB');
  } catch {
    return false; // libphonenumber throws on text it cannot read as a number: not a phone number
  }
  // Valid anywhere under +44 counts: Jersey, Guernsey and the Isle of Man share it.
  return phoneNumbers.isValidNumber(parsed);
}
