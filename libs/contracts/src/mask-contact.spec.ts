import fc from 'fast-check';
import { maskContact, maskEmail, maskMobile } from './mask-contact';

describe('masked contacts (events, logs, alerts and the console show no family email or mobile)', () => {
  it.each([
    ['jane.doe@example.org', 'j***@e***.org'],
    ['Jane.Doe@Example.ORG', 'j***@e***.org'],
    ['s.worker@council.gov.uk', 's***@c***.gov.uk'],
    ['duty@mail.police.uk', 'd***@m***.police.uk'],
    ['Parent.One@Mail.Example.co.uk', 'p***@m***.co.uk'],
    ['x@nhs.net', 'x***@n***.net'],
    ['  a@b.com ', 'a***@b***.com'],
    ['no-at-sign', '***'],
  ])('masks the email %s as %s', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });

  it.each([
    ['+447700900123', '+44*******123'],
    ['07700 900123', '+44*******123'],
    ['0044 7700 900123', '+44*******123'],
    ['+44 7700-900-123', '+44*******123'],
    ['+12025550123', '+********123'],
    ['12345', '***'],
    ['', '***'],
  ])('masks the mobile %s as %s', (mobile, masked) => {
    expect(maskMobile(mobile)).toBe(masked);
  });

  it('maskContact picks the scheme by the @', () => {
    expect(maskContact('jane.doe@example.org')).toBe('j***@e***.org');
    expect(maskContact('07700 900123')).toBe('+44*******123');
  });

  it('never shows the local part after its first letter, nor the name of the domain', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{3,12}$/), fc.stringMatching(/^[a-z]{4,12}$/), fc.constantFrom('org', 'co.uk', 'gov.uk', 'net'), (local, name, suffix) => {
        const masked = maskContact(`${local}@${name}.${suffix}`);
        expect(masked).toBe(`${local[0]}***@${name[0]}***.${suffix}`);
      }),
    );
  });

  it('never shows more than the last three digits of a number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^07\d{9}$/), (mobile) => {
        const masked = maskContact(mobile);
        expect(masked.replace(/^\+44/, '').replace(/\*/g, '')).toBe(mobile.slice(-3));
      }),
    );
  });
});
