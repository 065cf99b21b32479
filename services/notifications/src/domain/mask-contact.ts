/**
 * A contact detail shown in events, logs and alerts without disclosing it (data minimisation:
 * notification events carry only masked recipients). Enough is left for a person who already
 * knows the contact to recognise it: `jane.doe@example.org` -> `j***@e***.org`,
 * `07700 900123` -> `+44*******123`.
 */
export function maskContact(contact: string): string {
  const trimmed = contact.trim();
  if (trimmed.includes('@')) return maskEmail(trimmed);
  return maskMobile(trimmed);
}

const STARS = '***';

function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at).toLowerCase();
  const domain = email.slice(at + 1).toLowerCase();
  const labels = domain.split('.').filter(Boolean);
  // Keep the public suffix readable (".org", ".gov.uk") and hide the name the address belongs to.
  const suffixLabels = labels.length >= 3 && labels[labels.length - 1].length === 2 ? 2 : labels.length >= 2 ? 1 : 0;
  const suffix = labels.slice(labels.length - suffixLabels).join('.');
  const name = labels.slice(0, labels.length - suffixLabels).join('.');
  const maskedLocal = local ? `${local[0]}${STARS}` : STARS;
  const maskedName = name ? `${name[0]}${STARS}` : STARS;
  return `${maskedLocal}@${maskedName}${suffix ? `.${suffix}` : ''}`;
}

function maskMobile(mobile: string): string {
  let digits = mobile.replace(/[^\d+]/g, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  // UK national form (07700 900123) is the same number as +447700900123: show it one way.
  if (/^0\d{10}$/.test(digits)) digits = `+44${digits.slice(1)}`;
  const plain = digits.replace(/\+/g, '');
  const visibleEnd = 3;
  // Too short to be a phone number: showing any of it could show most of it.
  if (plain.length < 7) return '*'.repeat(Math.max(plain.length, 3));
  const prefix = digits.startsWith('+44') ? '+44' : digits.startsWith('+') ? '+' : '';
  const hidden = plain.length - (prefix === '+44' ? 2 : 0) - visibleEnd;
  return `${prefix}${'*'.repeat(hidden)}${plain.slice(-visibleEnd)}`;
}
