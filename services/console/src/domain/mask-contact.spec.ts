import { maskEmail, maskMobile } from './mask-contact';

describe('masked contacts (the console stores no family email or mobile)', () => {
  it.each([
    ['jane.doe@example.org', 'j***@e***.org'],
    ['Parent.One@Mail.Example.co.uk', 'p***@m***.co.uk'],
    ['no-at-sign', '***'],
  ])('email %s is shown as %s', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
    expect(masked).not.toContain(email.split('@')[0].slice(1));
  });

  it.each([
    ['07700 900123', '+44*******123'],
    ['+447700900123', '+44*******123'],
    ['0044 7700 900123', '+44*******123'],
    ['12345', '***'],
  ])('mobile %s is shown as %s', (mobile, masked) => {
    expect(maskMobile(mobile)).toBe(masked);
  });
});
