import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A document as stored: who can open it is decided by the key id stored beside it. */
export interface SealedContent {
  keyId: string;
  ciphertext: Buffer;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The keyring setting is parsed where it is validated, in the config; re-exported for the cipher's users. */
export { parseKeyring } from '../documents.config';

/**
 * Documents at rest are AES-256-GCM encrypted (reports, plan, rendered copies). The row id is the
 * associated data, so a ciphertext copied onto another row does not open. Layout: iv | tag | data.
 */
export class DocumentCipher {
  constructor(
    private readonly keyring: Map<string, Buffer>,
    private readonly activeKeyId: string,
  ) {
    if (!keyring.has(activeKeyId)) throw new Error(`active key "${activeKeyId}" is not in the keyring`);
  }

  seal(plaintext: Buffer, rowId: string): SealedContent {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keyring.get(this.activeKeyId) as Buffer, iv);
    cipher.setAAD(Buffer.from(rowId, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { keyId: this.activeKeyId, ciphertext: Buffer.concat([iv, cipher.getAuthTag(), data]) };
  }

  open(sealed: SealedContent, rowId: string): Buffer {
    const key = this.keyring.get(sealed.keyId);
    if (!key) throw new Error(`document key "${sealed.keyId}" is no longer configured`);
    const iv = sealed.ciphertext.subarray(0, IV_BYTES);
    const tag = sealed.ciphertext.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(rowId, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.ciphertext.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  }

  sealJson(value: unknown, rowId: string): SealedContent {
    return this.seal(Buffer.from(JSON.stringify(value), 'utf8'), rowId);
  }

  openJson<T>(sealed: SealedContent, rowId: string): T {
    return JSON.parse(this.open(sealed, rowId).toString('utf8')) as T;
  }
}
