/**
 * A contact detail shown without disclosing it (data minimisation): in notifications' events, logs
 * and alerts, and in everything the console stores. Enough is left for a person who already knows
 * the contact to recognise it: `jane.doe@example.org` -> `j***@e***.org`, `07700 900123` ->
 * `+44*******123`. One scheme for every service, so the same person's contact looks the same on
 * every screen and in every log.
 */
export function maskContact(contact: string): string {
  return contact.includes('@') ? maskEmail(contact) : maskMobile(contact);
}

const STARS = '***';

/** An email address masked; a value with no `@` shows nothing at all. */
export function maskEmail(email: string): string {
  const trimmed = email.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  if (at < 0) return STARS;
  const local = trimmed.slice(0, at);
  const labels = trimmed
    .slice(at + 1)
    .split('.')
    .filter(Boolean);
  // Keep the public suffix readable (".org", ".gov.uk") and hide the name the address belongs to.
  const suffixLabels = labels.length >= 3 && labels[labels.length - 1].length === 2 ? 2 : labels.length >= 2 ? 1 : 0;
  const suffix = labels.slice(labels.length - suffixLabels).join('.');
  const name = labels.slice(0, labels.length - suffixLabels).join('.');
  return `${local ? local[0] : ''}${STARS}@${name ? name[0] : ''}${STARS}${suffix ? `.${suffix}` : ''}`;
}

/** A phone number masked to its country prefix and last three digits; anything too short shows nothing. */
export function maskMobile(mobile: string): string {
  let digits = mobile.replace(/[^\d+]/g, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  // UK national form (07700 900123) is the same number as +447700900123: show it one way.
  if (/^0\d{10}$/.test(digits)) digits = `+44${digits.slice(1)}`;
  const plain = digits.replace(/\+/g, '');
  // Too short to be a phone number: showing any of it (or its length) could show most of it.
  if (plain.length < 7) return STARS;
  const prefix = digits.startsWith('+44') ? '+44' : digits.startsWith('+') ? '+' : '';
  const hidden = plain.length - (prefix === '+44' ? 2 : 0) - 3;
  return `${prefix}${'*'.repeat(hidden)}${plain.slice(-3)}`;
}
