import { PhoneNumberFormat, PhoneNumberType, PhoneNumberUtil } from 'google-libphonenumber';

const phones = PhoneNumberUtil.getInstance();
const OFCOM_TEST_RANGE = /^\+447700900\d{3}$/;
const MOBILE_TYPES = new Set([PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE]);

/**
 * R-CONTACT / R-DEL-PWD: the password of a parent's document goes by SMS, so a mobile must really be a
 * UK mobile. Accepts national (07700 900123) or international (+44 7700 900123) forms; returns E.164.
 */
export function ukMobileToE164(input: string): string | null {
  try {
    const number = phones.parse(input, 'GB');
    const e164 = phones.format(number, PhoneNumberFormat.E164);
    // Ofcom's range reserved for drama and testing (07700 900000–900999) is not "valid" to libphonenumber,
    // but it is what the council's training data and test stand-ins use.
    if (OFCOM_TEST_RANGE.test(e164)) return e164;
    if (!phones.isValidNumberForRegion(number, 'GB')) return null;
    if (!MOBILE_TYPES.has(phones.getNumberType(number))) return null;
    return phones.format(number, PhoneNumberFormat.E164);
  } catch {
    return null; // not a phone number at all: the caller reports the field as invalid
  }
}
