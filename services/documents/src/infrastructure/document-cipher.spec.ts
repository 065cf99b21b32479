import { randomBytes } from 'node:crypto';
import { DocumentCipher, parseKeyring } from './document-cipher';

const key = (byte: number) => Buffer.alloc(32, byte).toString('base64');

describe('DocumentCipher (AES-256-GCM at rest)', () => {
  const cipher = new DocumentCipher(parseKeyring(`old:${key(1)},new:${key(2)}`), 'new');

  it('seals under the active key and opens what it sealed', () => {
    const sealed = cipher.sealJson([{ heading: 'Intelligence', text: 'CONF-7781' }], 'row-1');
    expect(sealed.keyId).toBe('new');
    expect(sealed.ciphertext.toString('latin1')).not.toContain('CONF-7781');
    expect(cipher.openJson(sealed, 'row-1')).toEqual([{ heading: 'Intelligence', text: 'CONF-7781' }]);
  });

  it('still opens documents stored under an older key (rotation)', () => {
    const older = new DocumentCipher(parseKeyring(`old:${key(1)}`), 'old').seal(Buffer.from('minutes'), 'row-2');
    expect(cipher.open(older, 'row-2').toString()).toBe('minutes');
  });

  it('refuses a ciphertext moved to another row, or tampered with', () => {
    const sealed = cipher.seal(randomBytes(64), 'row-3');
    expect(() => cipher.open(sealed, 'row-4')).toThrow();
    const tampered = Buffer.from(sealed.ciphertext);
    tampered[tampered.length - 1] ^= 1;
    expect(() => cipher.open({ ...sealed, ciphertext: tampered }, 'row-3')).toThrow();
  });

  it('refuses keys that are not 32 bytes, listed twice, or an active key not listed', () => {
    expect(() => parseKeyring('k1:c2hvcnQ=')).toThrow(/32 bytes/);
    expect(() => parseKeyring(`k1:${key(1)},k1:${key(2)}`)).toThrow(/twice/);
    expect(() => new DocumentCipher(parseKeyring(`k1:${key(1)}`), 'k2')).toThrow(/not in the keyring/);
  });
});
