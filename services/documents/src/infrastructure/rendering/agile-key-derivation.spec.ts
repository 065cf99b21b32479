import { randomBytes } from 'node:crypto';
// officecrypto-tool's own derivation (spun once per block key): an independent implementation to hold ours to.
import officeAgile from 'officecrypto-tool/src/crypto/ecma376_agile';
import { keyForBlock, SPUN_HASHES, spunPasswordHash } from './agile-key-derivation';

const VERIFIER_INPUT_BLOCK = Buffer.from([0xfe, 0xa7, 0xd2, 0x76, 0x3b, 0x4b, 0x9e, 0x79]);
const reference = (password: string, salt: Buffer, spins: number): Buffer =>
  officeAgile.convertPasswordToKey(password, 'SHA512', salt, spins, 256, VERIFIER_INPUT_BLOCK) as Buffer;

/**
 * Known answers from a third implementation, Debian's python3-msoffcrypto-tool (the reader of
 * encrypted-word.int-spec.ts): ECMA376Agile._derive_iterated_hash_from_password and _derive_encryption_key
 * (verifier-input block key, 256 bits), salt 00 01 .. 0f.
 */
const KNOWN_SALT = Buffer.from([...Array(16).keys()]);
const KNOWN_ANSWERS = [
  {
    password: 'K7QM-3XHP-WR9T-BZ4C',
    spins: 0,
    spun: 'ed6d46134a2dd001a92b42ba46e2ce56e4937c4b863303a91b7279754cbd185ab59804f3579ae0035cfe87ce250d2bbaf42bc144b49b21fea92417544a2b941a',
    key: '768b3b8cf646d0b368258bfb78f7294e961463423842ccd3e3ddf917a813cafe',
  },
  {
    password: 'K7QM-3XHP-WR9T-BZ4C',
    spins: 1,
    spun: '34ebc4d60b91f0a8217c164d32a186c7fc7f04ec65ed9c3886d343395ff0c8900cc58ad156cffeda556544de29344d638c66b7768eccfc7d76af3cd2ef0780c4',
    key: 'a0045b87a369e6a63f86e762d5193bdaa5742500c835747b6f3aee294258c040',
  },
  {
    password: 'K7QM-3XHP-WR9T-BZ4C',
    spins: 100_000,
    spun: 'd63c9961ac3fb618524940166df983fbe1d9ef410e373db219ad36bfb85a8e1335bef1e0323ca9b84789c9d7b3ced928741002c392939f5beffe8bd1f28a4e85',
    key: '375ff451facc75da300ae9bcfd049d1d78ad859c2602499be9b0a05cdd52ecda',
  },
  {
    password: 'é ü ß — 😀',
    spins: 100_000,
    spun: 'd5683aec6cce928465d9553e15870ea594d7dd0c19321bd637df3b097ea71c7add82c948e6e2d013d8c0e8c70a4a9ced985c4f5555bfc879645e58583acf1281',
    key: '92dc1a4033b45249dd796bcd9a3e7c908dc81b7772cb37f558c85a4dad54e0a1',
  },
];

describe('the agile key derivation (MS-OFFCRYPTO 2.3.4.11, R-DEL-PWD)', () => {
  it.each(Object.keys(SPUN_HASHES))('%s gives the same key as an independent implementation, for any password and salt', async (name) => {
    for (const [password, spins] of [
      ['K7QM-3XHP-WR9T-BZ4C', 0],
      ['K7QM-3XHP-WR9T-BZ4C', 1],
      ['é ü ß — 😀', 7],
      ['A'.repeat(255), 300],
      // Not a multiple of the WebAssembly loop's 1,000 spins per call, and across a call boundary.
      ['K7QM-3XHP-WR9T-BZ4C', 2_345],
    ] as const) {
      const salt = randomBytes(16);
      const spun = await SPUN_HASHES[name as keyof typeof SPUN_HASHES](password, salt, spins);
      expect(keyForBlock(spun, VERIFIER_INPUT_BLOCK, 32).toString('hex')).toBe(reference(password, salt, spins).toString('hex'));
    }
  });

  it.each(Object.keys(SPUN_HASHES))('%s gives the known answers of python3-msoffcrypto-tool, to 100,000 spins', async (name) => {
    for (const known of KNOWN_ANSWERS) {
      const spun = await SPUN_HASHES[name as keyof typeof SPUN_HASHES](known.password, KNOWN_SALT, known.spins);
      expect({ spins: known.spins, spun: spun.toString('hex') }).toEqual({ spins: known.spins, spun: known.spun });
      expect(keyForBlock(spun, VERIFIER_INPUT_BLOCK, 32).toString('hex')).toBe(known.key);
    }
  });

  it('the WebAssembly spin loop is the primitive in use (the fastest in the bench)', () => {
    expect(spunPasswordHash).toBe(SPUN_HASHES['wasm spin loop']);
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
