import { randomBytes } from 'node:crypto';
// officecrypto-tool's own derivation (spun once per block key): an independent implementation to hold ours to.
import officeAgile from 'officecrypto-tool/src/crypto/ecma376_agile';
import { keyForBlock, SPUN_HASHES, spunPasswordHash } from './agile-key-derivation';

const VERIFIER_INPUT_BLOCK = Buffer.from([0xfe, 0xa7, 0xd2, 0x76, 0x3b, 0x4b, 0x9e, 0x79]);
const reference = (password: string, salt: Buffer, spins: number): Buffer =>
  officeAgile.convertPasswordToKey(password, 'SHA512', salt, spins, 256, VERIFIER_INPUT_BLOCK) as Buffer;

describe('the agile key derivation (MS-OFFCRYPTO 2.3.4.11, R-DEL-PWD)', () => {
  it.each(Object.keys(SPUN_HASHES))('%s gives the same key as an independent implementation, for any password and salt', async (name) => {
    for (const [password, spins] of [
      ['K7QM-3XHP-WR9T-BZ4C', 0],
      ['K7QM-3XHP-WR9T-BZ4C', 1],
      ['é ü ß — 😀', 7],
      ['A'.repeat(255), 300],
    ] as const) {
      const salt = randomBytes(16);
      const spun = await SPUN_HASHES[name as keyof typeof SPUN_HASHES](password, salt, spins);
      expect(keyForBlock(spun, VERIFIER_INPUT_BLOCK, 32).toString('hex')).toBe(reference(password, salt, spins).toString('hex'));
    }
  });

  it('the primitive in use agrees with the reference at the full 100,000 spins', async () => {
    const salt = randomBytes(16);
    const spun = await spunPasswordHash('K7QM-3XHP-WR9T-BZ4C', salt, 100_000);
    expect(keyForBlock(spun, VERIFIER_INPUT_BLOCK, 32)).toEqual(reference('K7QM-3XHP-WR9T-BZ4C', salt, 100_000));
  });

  it('a key shorter than the hash is cut, a longer one padded with 0x36', () => {
    const spun = randomBytes(64);
    expect(keyForBlock(spun, VERIFIER_INPUT_BLOCK, 16)).toEqual(keyForBlock(spun, VERIFIER_INPUT_BLOCK, 32).subarray(0, 16));
    const long = keyForBlock(spun, VERIFIER_INPUT_BLOCK, 72);
    expect(long.subarray(0, 64)).toEqual(keyForBlock(spun, VERIFIER_INPUT_BLOCK, 64));
    expect([...long.subarray(64)]).toEqual(Array(8).fill(0x36));
  });
});
