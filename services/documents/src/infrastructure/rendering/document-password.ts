import { randomInt } from 'node:crypto';

/**
 * Capital letters and digits, without those misread on a phone screen: no I, L or 1, no O or 0.
 * One letter case only, so nobody has to wonder which case a letter was. 31 symbols.
 */
export const DOCUMENT_PASSWORD_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const GROUPS = 4;
const GROUP_LENGTH = 4;

/**
 * R-DEL-PWD: a fresh password for each document sent to parents, to go by SMS (never with the
 * document). 16 symbols from a crypto-random source (about 79 bits), in four groups of four joined
 * by hyphens so it reads well in a text message: e.g. "K7QM-3XHP-WR9T-BZ4C". The hyphens are part
 * of the password.
 */
export function generateDocumentPassword(): string {
  return Array.from({ length: GROUPS }, () =>
    Array.from({ length: GROUP_LENGTH }, () => DOCUMENT_PASSWORD_ALPHABET[randomInt(DOCUMENT_PASSWORD_ALPHABET.length)]).join(''),
  ).join('-');
}
