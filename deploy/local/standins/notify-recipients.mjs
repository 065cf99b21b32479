// Recipient checks as GOV.UK Notify's v2 API makes them (notifications-utils
// recipient_validation), with the v2 API's legacy messages ("phone_number Not a UK mobile
// number"). google-libphonenumber plays the part of Python's phonenumbers.
import { domainToASCII } from 'node:url';
import lpn from 'google-libphonenumber';

const { PhoneNumberUtil, PhoneNumberType, PhoneNumberFormat } = lpn;
const phoneUtil = PhoneNumberUtil.getInstance();
const Possible = PhoneNumberUtil.ValidationResult;

const MESSAGES = {
  INVALID_NUMBER: 'Number is not valid – double check the phone number you entered',
  TOO_LONG: 'Too many digits',
  TOO_SHORT: 'Not enough digits',
  NOT_A_UK_MOBILE: 'Not a UK mobile number',
  UNKNOWN_CHARACTER: 'Must not contain letters or symbols',
  UNSUPPORTED_COUNTRY_CODE: 'Not a valid country prefix',
};

const ALLOWED_TYPES = new Set([
  PhoneNumberType.FIXED_LINE,
  PhoneNumberType.MOBILE,
  PhoneNumberType.FIXED_LINE_OR_MOBILE,
  PhoneNumberType.UAN,
  PhoneNumberType.PERSONAL_NUMBER,
]);
const LANDLINE_TYPES = new Set([PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE, PhoneNumberType.UAN]);

export class InvalidRecipient extends Error {}

function phoneError(code) {
  return new InvalidRecipient(MESSAGES[code]);
}

function parseStrict(input) {
  if (/[^\s()+\-0-9]/.test(input)) throw phoneError('UNKNOWN_CHARACTER');
  if (input.trim() === '') throw phoneError('TOO_SHORT');
  let number;
  try {
    number = phoneUtil.parse(input, 'GB');
  } catch {
    throw phoneError('INVALID_NUMBER');
  }
  const reason = phoneUtil.isPossibleNumberWithReason(number);
  if (reason !== Possible.IS_POSSIBLE) {
    // Spreadsheets strip a leading "+": Notify retries such a number as international.
    const forced = tryParse(`+${input.replace(/\D/g, '')}`);
    if (forced && phoneUtil.isPossibleNumber(forced)) number = forced;
    else if (reason === Possible.TOO_LONG) throw phoneError('TOO_LONG');
    else if (reason === Possible.TOO_SHORT || reason === Possible.IS_POSSIBLE_LOCAL_ONLY) throw phoneError('TOO_SHORT');
    else if (reason === Possible.INVALID_COUNTRY_CODE) throw phoneError('UNSUPPORTED_COUNTRY_CODE');
    else throw phoneError('INVALID_NUMBER');
  }
  const allowedType = ALLOWED_TYPES.has(phoneUtil.getNumberType(number));
  // Ofcom's drama numbers (07700 900000-900999) are not "valid" to libphonenumber, Notify takes them.
  const tvNumber = number.getCountryCode() === 44 && /^7700900\d{3}$/.test(String(number.getNationalNumber()));
  if (!(phoneUtil.isValidNumber(number) && allowedType) && !tvNumber) throw phoneError('INVALID_NUMBER');
  return { number, tvNumber };
}

function tryParse(input) {
  try {
    return phoneUtil.parse(input);
  } catch {
    return null;
  }
}

/**
 * Validates a phone number for a service that may (or may not) text international numbers and
 * never texts landlines. Returns the number in E.164; throws InvalidRecipient with Notify's text.
 */
export function validatePhoneNumber(input, { allowInternational = false } = {}) {
  let parsed;
  try {
    parsed = parseStrict(String(input));
  } catch (first) {
    // Notify gives stray leading zeros and plus signs the benefit of the doubt ("0+447700900100").
    const normalised = String(input).replace(/\+/g, '').replace(/^0+/, '');
    if (normalised === String(input)) throw first;
    parsed = parseStrict(normalised);
  }
  const { number, tvNumber } = parsed;
  if (!allowInternational && number.getCountryCode() !== 44) throw phoneError('NOT_A_UK_MOBILE');
  if (number.getCountryCode() === 44 && !tvNumber && LANDLINE_TYPES.has(phoneUtil.getNumberType(number))) {
    throw phoneError('NOT_A_UK_MOBILE');
  }
  return tvNumber ? `+44${number.getNationalNumber()}` : phoneUtil.format(number, PhoneNumberFormat.E164);
}

const VALID_LOCAL_CHARS = "a-zA-Z0-9.!#$%&'*+/=?^_`{|}~\\-";
const EMAIL_PATTERN = new RegExp(`^[${VALID_LOCAL_CHARS}]+@([^.@][^@\\s]+)$`);
const HOSTNAME_PART = /^(xn|[a-z0-9]+)(-?-[a-z0-9]+)*$/i;
const TLD_PART = /^([a-z]{2,63}|xn--([a-z0-9]+-)*[a-z0-9]+)$/i;

/** Notify's email rule: stricter than RFC 5322 so its email provider never fails technically. */
export function validateEmailAddress(input) {
  const email = String(input).trim();
  const match = EMAIL_PATTERN.exec(email);
  const invalid = () => new InvalidRecipient('Not a valid email address');
  if (!match || email.length > 320 || email.includes('..')) throw invalid();
  const hostname = domainToASCII(match[1]);
  if (!hostname) throw invalid();
  const parts = hostname.split('.');
  if (hostname.length > 253 || parts.length < 2) throw invalid();
  if (parts.some((part) => !part || part.length > 63 || !HOSTNAME_PART.test(part))) throw invalid();
  if (!TLD_PART.test(parts.at(-1))) throw invalid();
  return email;
}
