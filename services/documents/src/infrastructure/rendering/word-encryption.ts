import { encryptOfficePackage, type AgileEncryptionOptions } from './agile-encryption';

/** The password does not suit the Office standard (empty, or longer than its 255 characters). */
export class UnusableDocumentPasswordError extends Error {
  constructor(reason: string) {
    super(`the document password is unusable: ${reason}`);
    this.name = 'UnusableDocumentPasswordError';
  }
}

const MAX_OFFICE_PASSWORD_LENGTH = 255;

/**
 * R-DEL-PAR, R-DEL-PWD: the parents' Word document, password protected with the Office standard
 * Word itself opens (ECMA-376 agile encryption: AES-256-CBC, SHA-512, 100,000 spins), written here
 * against MS-OFFCRYPTO (agile-encryption.ts) so the key derivation runs once, on the fastest
 * primitive (agile-key-derivation.ts). Its output is checked by independent readers: Debian's
 * msoffcrypto-tool in encrypted-word.int-spec.ts (STACK.md "Documents") and officecrypto-tool in
 * rendering.spec.ts. CPU-heavy (~30 ms): the service runs it in its worker pool (rendering-pool.ts).
 */
export async function encryptWordDocument(document: Buffer, password: string, options: AgileEncryptionOptions = {}): Promise<Buffer> {
  if (password.length === 0) throw new UnusableDocumentPasswordError('it is empty');
  if (password.length > MAX_OFFICE_PASSWORD_LENGTH)
    throw new UnusableDocumentPasswordError(`it is longer than ${MAX_OFFICE_PASSWORD_LENGTH} characters`);
  return encryptOfficePackage(document, password, options);
}
