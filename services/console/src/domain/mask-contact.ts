/**
 * How the console shows a contact detail: enough for someone who knows it to recognise it, never the
 * detail itself (`jane.doe@example.org` -> `j***@e***.org`, `07700 900123` -> `+44*******123`). The
 * console masks before it stores, so its database holds no family email or mobile at all. (The same
 * scheme as notifications' recipientMasked; a shared home for it in libs/ is a later step.)
 */
export function maskEmail(email: string): string {
  const trimmed = email.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  if (at < 0) return '***';
  const local = trimmed.slice(0, at);
  const labels = trimmed
    .slice(at + 1)
    .split('.')
    .filter(Boolean);
  // Keep the public suffix readable (".org", ".gov.uk") and hide the name the address belongs to.
  const suffixLabels = labels.length >= 3 && labels[labels.length - 1].length === 2 ? 2 : labels.length >= 2 ? 1 : 0;
  const suffix = labels.slice(labels.length - suffixLabels).join('.');
  const name = labels.slice(0, labels.length - suffixLabels).join('.');
  return `${local ? local[0] : ''}***@${name ? name[0] : ''}***${suffix ? `.${suffix}` : ''}`;
}

export function maskMobile(mobile: string): string {
  let digits = mobile.replace(/[^\d+]/g, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  if (/^0\d{10}$/.test(digits)) digits = `+44${digits.slice(1)}`;
  const plain = digits.replace(/\+/g, '');
  // Too short to be a phone number: showing any of it could show most of it.
  if (plain.length < 7) return '***';
  const prefix = digits.startsWith('+44') ? '+44' : digits.startsWith('+') ? '+' : '';
  const hidden = plain.length - (prefix === '+44' ? 2 : 0) - 3;
  return `${prefix}${'*'.repeat(hidden)}${plain.slice(-3)}`;
}
