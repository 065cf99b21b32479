import { maskContact } from './mask-contact';

describe('maskContact (recipients appear only masked in events, logs and alerts)', () => {
  it.each([
    ['jane.doe@example.org', 'j***@e***.org'],
    ['Jane.Doe@Example.ORG', 'j***@e***.org'],
    ['s.worker@council.gov.uk', 's***@c***.gov.uk'],
    ['duty@mail.police.uk', 'd***@m***.police.uk'],
    ['x@nhs.net', 'x***@n***.net'],
    ['  a@b.com ', 'a***@b***.com'],
  ])('masks the email %s as %s', (email, masked) => {
    expect(maskContact(email)).toBe(masked);
  });

  it.each([
    ['+447700900123', '+44*******123'],
    ['07700 900123', '+44*******123'],
    ['0044 7700 900123', '+44*******123'],
    ['+44 7700-900-123', '+44*******123'],
    ['+12025550123', '+********123'],
  ])('masks the mobile %s as %s', (mobile, masked) => {
    expect(maskContact(mobile)).toBe(masked);
  });

  it('shows nothing of a value too short to be a phone number', () => {
    expect(maskContact('12345')).toBe('*****');
    expect(maskContact('')).toBe('***');
  });

  it('never returns the local part or the name of the domain', () => {
    const masked = maskContact('parent.name@privatedomain.co.uk');
    expect(masked).toBe('p***@p***.co.uk');
    expect(masked).not.toContain('parent');
    expect(masked).not.toContain('privatedomain');
  });

  it('never returns more than the last three digits of a mobile', () => {
    const masked = maskContact('07911 123456');
    expect(masked.replace(/^\+44/, '').replace(/\*/g, '')).toBe('456');
  });
});
