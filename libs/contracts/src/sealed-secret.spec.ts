import { LOCAL_DELIVERY_PRIVATE_KEY, LOCAL_DELIVERY_PUBLIC_KEY, openSealedSecret, sealSecret } from './sealed-secret';

describe('sealed secrets (R-DEL-PWD: the password never crosses Kafka in plain text)', () => {
  it('opens with the private key what was sealed with the public key', () => {
    const sealed = sealSecret('Tq7#mPz2-xK9!', LOCAL_DELIVERY_PUBLIC_KEY);
    expect(sealed).not.toContain('Tq7#mPz2');
    expect(openSealedSecret(sealed, LOCAL_DELIVERY_PRIVATE_KEY)).toBe('Tq7#mPz2-xK9!');
  });

  it('seals the same secret differently each time (OAEP is randomised)', () => {
    expect(sealSecret('same', LOCAL_DELIVERY_PUBLIC_KEY)).not.toBe(sealSecret('same', LOCAL_DELIVERY_PUBLIC_KEY));
  });

  it('refuses a tampered ciphertext', () => {
    const sealed = Buffer.from(sealSecret('secret', LOCAL_DELIVERY_PUBLIC_KEY), 'base64');
    sealed[10] ^= 0xff;
    expect(() => openSealedSecret(sealed.toString('base64'), LOCAL_DELIVERY_PRIVATE_KEY)).toThrow();
  });
});
