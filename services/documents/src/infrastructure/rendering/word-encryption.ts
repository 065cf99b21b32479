import officeCrypto from 'officecrypto-tool';

/** The password does not suit the Office standard (empty, or longer than its 255 characters). */
export class UnusableDocumentPasswordError extends Error {
  constructor(reason: string) {
    super(`the document password is unusable: ${reason}`);
    this.name = 'UnusableDocumentPasswordError';
  }
}

/** The encryption library gave back something that is not an encrypted Office file. */
export class WordEncryptionFailedError extends Error {
  constructor() {
    super('encrypting the Word document did not produce an encrypted Office file');
    this.name = 'WordEncryptionFailedError';
  }
}

const MAX_OFFICE_PASSWORD_LENGTH = 255;

/**
 * R-DEL-PAR, R-DEL-PWD: the parents' Word document, password protected with the Office standard
 * Word itself opens (ECMA-376 agile encryption: AES-256-CBC, SHA-512, 100,000 spins), via
 * officecrypto-tool. That library is young and has one maintainer, so its output is checked by an
 * independent reader (Debian's msoffcrypto-tool) in encrypted-word.int-spec.ts (STACK.md "Documents").
 */
export function encryptWordDocument(document: Buffer, password: string): Buffer {
  if (password.length === 0) throw new UnusableDocumentPasswordError('it is empty');
  if (password.length > MAX_OFFICE_PASSWORD_LENGTH)
    throw new UnusableDocumentPasswordError(`it is longer than ${MAX_OFFICE_PASSWORD_LENGTH} characters`);
  const encrypted = officeCrypto.encrypt(document, { password });
  if (!officeCrypto.isEncrypted(encrypted)) throw new WordEncryptionFailedError();
  return encrypted;
}
