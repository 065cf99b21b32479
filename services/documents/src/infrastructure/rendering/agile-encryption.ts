import * as CFB from 'cfb';
import { createCipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { keyForBlock, spunPasswordHash, type SpunHash } from './agile-key-derivation';

/**
 * ECMA-376 agile encryption of an Office package (MS-OFFCRYPTO 2.3.4.10-2.3.4.15), as Word writes it
 * by default: AES-256-CBC, SHA-512, a password key encryptor of 100,000 spins. The output is an OLE
 * compound file (written by `cfb`) holding two streams: EncryptionInfo (version 4.4 and the XML
 * descriptor) and EncryptedPackage (the package's size, then the package in 4096-byte segments).
 */

export const AGILE_SPIN_COUNT = 100_000;
const SALT_BYTES = 16;
const BLOCK_BYTES = 16; // AES
const KEY_BYTES = 32; // AES-256
const HASH_BYTES = 64; // SHA-512
const SEGMENT_BYTES = 4096;

/** MS-OFFCRYPTO 2.3.4.11-2.3.4.14: the fixed block keys. */
const BLOCK_KEYS = {
  verifierHashInput: Buffer.from([0xfe, 0xa7, 0xd2, 0x76, 0x3b, 0x4b, 0x9e, 0x79]),
  verifierHashValue: Buffer.from([0xd7, 0xaa, 0x0f, 0x6d, 0x30, 0x61, 0x34, 0x4e]),
  encryptedKeyValue: Buffer.from([0x14, 0x6e, 0x0b, 0xe7, 0xab, 0xac, 0xd0, 0xd6]),
  integrityHmacKey: Buffer.from([0x5f, 0xb2, 0xad, 0x01, 0x0c, 0xb9, 0xe1, 0xf6]),
  integrityHmacValue: Buffer.from([0xa0, 0x67, 0x7f, 0x02, 0xb2, 0x2c, 0x84, 0x33]),
};

/** EncryptionInfo stream header: version 4.4 (agile), reserved 0x40 (MS-OFFCRYPTO 2.3.4.10). */
const ENCRYPTION_INFO_HEADER = Buffer.from([0x04, 0x00, 0x04, 0x00, 0x40, 0x00, 0x00, 0x00]);

export interface AgileEncryptionOptions {
  spinCount?: number;
  /** The key-derivation primitive (all give the same bytes; the bench compares them). */
  spunHash?: SpunHash;
}

function aes256Cbc(key: Buffer, iv: Buffer, plain: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padToBlock(plain)), cipher.final()]);
}

/** Zero padding to a whole number of AES blocks (the readers cut to the stated size). */
function padToBlock(data: Buffer): Buffer {
  const remainder = data.length % BLOCK_BYTES;
  return remainder === 0 ? data : Buffer.concat([data, Buffer.alloc(BLOCK_BYTES - remainder)]);
}

/** MS-OFFCRYPTO 2.3.4.12: an IV is SHA-512(keyData salt + block key) cut to the block size. */
function ivFor(keyDataSalt: Buffer, blockKey: Buffer): Buffer {
  return createHash('sha512').update(keyDataSalt).update(blockKey).digest().subarray(0, BLOCK_BYTES);
}

/** MS-OFFCRYPTO 2.3.4.15: size (uint64 LE), then each 4096-byte segment under its own IV (the segment index as block key). */
export function encryptPackage(packageBytes: Buffer, packageKey: Buffer, keyDataSalt: Buffer): Buffer {
  const size = Buffer.alloc(8);
  size.writeBigUInt64LE(BigInt(packageBytes.length));
  const parts: Buffer[] = [size];
  const index = Buffer.alloc(4);
  for (let segment = 0, offset = 0; offset < packageBytes.length; segment += 1, offset += SEGMENT_BYTES) {
    index.writeUInt32LE(segment);
    parts.push(aes256Cbc(packageKey, ivFor(keyDataSalt, index), packageBytes.subarray(offset, offset + SEGMENT_BYTES)));
  }
  return Buffer.concat(parts);
}

function encryptionInfoXml(fields: {
  keyDataSalt: Buffer;
  encryptedHmacKey: Buffer;
  encryptedHmacValue: Buffer;
  spinCount: number;
  keySalt: Buffer;
  encryptedVerifierHashInput: Buffer;
  encryptedVerifierHashValue: Buffer;
  encryptedKeyValue: Buffer;
}): string {
  const b64 = (value: Buffer) => value.toString('base64');
  const cipher = `blockSize="${BLOCK_BYTES}" keyBits="${KEY_BYTES * 8}" hashSize="${HASH_BYTES}" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512"`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
    '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption"' +
    ' xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password"' +
    ' xmlns:c="http://schemas.microsoft.com/office/2006/keyEncryptor/certificate">' +
    `<keyData saltSize="${SALT_BYTES}" ${cipher} saltValue="${b64(fields.keyDataSalt)}"/>` +
    `<dataIntegrity encryptedHmacKey="${b64(fields.encryptedHmacKey)}" encryptedHmacValue="${b64(fields.encryptedHmacValue)}"/>` +
    '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">' +
    `<p:encryptedKey spinCount="${fields.spinCount}" saltSize="${SALT_BYTES}" ${cipher} saltValue="${b64(fields.keySalt)}"` +
    ` encryptedVerifierHashInput="${b64(fields.encryptedVerifierHashInput)}"` +
    ` encryptedVerifierHashValue="${b64(fields.encryptedVerifierHashValue)}"` +
    ` encryptedKeyValue="${b64(fields.encryptedKeyValue)}"/>` +
    '</keyEncryptor></keyEncryptors></encryption>'
  );
}

/** The OLE compound file Office opens: the two streams at the root (what Office reads; no DataSpaces storage). */
export function compoundFile(encryptionInfo: Buffer, encryptedPackage: Buffer): Buffer {
  const container = CFB.utils.cfb_new();
  CFB.utils.cfb_add(container, 'EncryptionInfo', encryptionInfo);
  CFB.utils.cfb_add(container, 'EncryptedPackage', encryptedPackage);
  CFB.utils.cfb_del(container, '\u0001Sh33tJ5'); // the placeholder stream cfb_new adds
  return Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
}

/** Encrypts an Office package (.docx bytes) under a password, as MS-OFFCRYPTO's agile encryption. */
export async function encryptOfficePackage(packageBytes: Buffer, password: string, options: AgileEncryptionOptions = {}): Promise<Buffer> {
  const spinCount = options.spinCount ?? AGILE_SPIN_COUNT;
  const packageKey = randomBytes(KEY_BYTES);
  const keyDataSalt = randomBytes(SALT_BYTES);
  const keySalt = randomBytes(SALT_BYTES);

  // 2.3.4.15 and 2.3.4.14: the package, then its HMAC under a random key, both keys under the package key.
  const encryptedPackage = encryptPackage(packageBytes, packageKey, keyDataSalt);
  const hmacKey = randomBytes(HASH_BYTES);
  const hmacValue = createHmac('sha512', hmacKey).update(encryptedPackage).digest();
  const encryptedHmacKey = aes256Cbc(packageKey, ivFor(keyDataSalt, BLOCK_KEYS.integrityHmacKey), hmacKey);
  const encryptedHmacValue = aes256Cbc(packageKey, ivFor(keyDataSalt, BLOCK_KEYS.integrityHmacValue), hmacValue);

  // 2.3.4.11 and 2.3.4.13: one spun hash, three keys from it; the key encryptor's salt is their IV.
  const spun = await (options.spunHash ?? spunPasswordHash)(password, keySalt, spinCount);
  const verifierHashInput = randomBytes(SALT_BYTES);
  const encryptedVerifierHashInput = aes256Cbc(keyForBlock(spun, BLOCK_KEYS.verifierHashInput, KEY_BYTES), keySalt, verifierHashInput);
  const encryptedVerifierHashValue = aes256Cbc(
    keyForBlock(spun, BLOCK_KEYS.verifierHashValue, KEY_BYTES),
    keySalt,
    createHash('sha512').update(verifierHashInput).digest(),
  );
  const encryptedKeyValue = aes256Cbc(keyForBlock(spun, BLOCK_KEYS.encryptedKeyValue, KEY_BYTES), keySalt, packageKey);

  const xml = encryptionInfoXml({
    keyDataSalt,
    encryptedHmacKey,
    encryptedHmacValue,
    spinCount,
    keySalt,
    encryptedVerifierHashInput,
    encryptedVerifierHashValue,
    encryptedKeyValue,
  });
  return compoundFile(Buffer.concat([ENCRYPTION_INFO_HEADER, Buffer.from(xml, 'utf8')]), encryptedPackage);
}
