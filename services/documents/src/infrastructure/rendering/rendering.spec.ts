import officeCrypto from 'officecrypto-tool';
import { randomBytes } from 'node:crypto';
import { DOCUMENT_PASSWORD_ALPHABET, generateDocumentPassword } from './document-password';
import { renderWordDocument } from './word-document';
import { readWordDocumentText } from './word-document-text';
import { encryptWordDocument, UnusableDocumentPasswordError } from './word-encryption';

const content = {
  title: 'Child protection plan',
  sections: [
    { heading: 'Decision', text: 'A.S. is subject to a plan.\nReview on 12/06/2025 & "soon".' },
    { heading: 'Actions', text: 'K.S. to attend <Triple P>.' },
  ],
};

describe('renderWordDocument (R-DEL-PAR)', () => {
  it('R-DEL-PAR: renders the title, each heading and each line of text as a Word document', async () => {
    const document = await renderWordDocument(content);
    expect(document.subarray(0, 2).toString()).toBe('PK');
    expect(readWordDocumentText(document).split('\n')).toEqual([
      'Child protection plan',
      'Decision',
      'A.S. is subject to a plan.',
      'Review on 12/06/2025 & "soon".',
      'Actions',
      'K.S. to attend <Triple P>.',
    ]);
  });
});

describe('encryptWordDocument (R-DEL-PWD)', () => {
  it('R-DEL-PWD: the encrypted file is an encrypted Office file that opens with the password only', async () => {
    const document = await renderWordDocument(content);
    const encrypted = await encryptWordDocument(document, 'K7QM-3XHP-WR9T-BZ4C');
    expect(officeCrypto.isEncrypted(encrypted)).toBe(true);
    expect(encrypted.includes(Buffer.from('subject to a plan'))).toBe(false);
    expect(Buffer.compare(await officeCrypto.decrypt(encrypted, { password: 'K7QM-3XHP-WR9T-BZ4C' }), document)).toBe(0);
    await expect(officeCrypto.decrypt(encrypted, { password: 'K7QM-3XHP-WR9T-BZ4D' })).rejects.toThrow();
  });

  it('uses the agile scheme with AES-256 and SHA-512', async () => {
    const encrypted = await encryptWordDocument(await renderWordDocument(content), 'K7QM-3XHP-WR9T-BZ4C');
    const text = encrypted.toString('latin1');
    expect(text).toContain('cipherAlgorithm="AES"');
    expect(text).toContain('keyBits="256"');
    expect(text).toContain('hashAlgorithm="SHA512"');
    expect(text).toContain('spinCount="100000"');
  });

  it('R-DEL-PWD: a package of several 4096-byte segments with a ragged end decrypts to the same bytes', async () => {
    const document = Buffer.concat([await renderWordDocument(content), randomBytes(3 * 4096 + 123)]);
    const encrypted = await encryptWordDocument(document, 'ABCD-EFGH-JKMN-PQRS', { spinCount: 1000 });
    expect(Buffer.compare(await officeCrypto.decrypt(encrypted, { password: 'ABCD-EFGH-JKMN-PQRS' }), document)).toBe(0);
  });

  it('refuses an empty or over-long password', async () => {
    const document = await renderWordDocument(content);
    await expect(encryptWordDocument(document, '')).rejects.toThrow(UnusableDocumentPasswordError);
    await expect(encryptWordDocument(document, 'A'.repeat(256))).rejects.toThrow(UnusableDocumentPasswordError);
  });
});

describe('generateDocumentPassword (R-DEL-PWD)', () => {
  it('R-DEL-PWD: 16 symbols from the unambiguous alphabet, in four groups of four', () => {
    const password = generateDocumentPassword();
    expect(password).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(password.replace(/-/g, '').length).toBeGreaterThanOrEqual(16);
    for (const symbol of password.replace(/-/g, '')) expect(DOCUMENT_PASSWORD_ALPHABET).toContain(symbol);
    expect(password).not.toMatch(/[IL1O0]/);
  });

  it('R-DEL-PWD: is fresh each time and uses the whole alphabet', () => {
    const passwords = Array.from({ length: 500 }, () => generateDocumentPassword());
    expect(new Set(passwords).size).toBe(passwords.length);
    const used = new Set(passwords.join('').replace(/-/g, ''));
    expect(used.size).toBe(DOCUMENT_PASSWORD_ALPHABET.length);
  });
});
