import { createHash, hash } from 'node:crypto';
import { createSHA512, type IHasher } from 'hash-wasm';

/**
 * MS-OFFCRYPTO 2.3.4.11 (ECMA-376 agile encryption), the costly part of a parent's copy:
 * H0 = SHA-512(salt + password as UTF-16LE), then Hn = SHA-512(n - 1 as uint32 little-endian + Hn-1)
 * for n = 1..spinCount. The three keys of a password key encryptor (verifier input, verifier hash,
 * package key) differ only in the block key hashed onto Hn afterwards, so Hn is computed once, not
 * three times (officecrypto-tool spun three times: 300,000 hashes for one file).
 *
 * Every iteration hashes 68 bytes: the counter in bytes 0-3, the previous hash in bytes 4-67 of one
 * reused buffer, so the loop allocates nothing but what the primitive itself returns.
 */
export type SpunHash = (password: string, salt: Uint8Array, spinCount: number) => Promise<Buffer>;

const SHA512_BYTES = 64;

function initialHash(password: string, salt: Uint8Array): Buffer {
  return createHash('sha512').update(salt).update(Buffer.from(password, 'utf16le')).digest();
}

/** Node's streaming hash object, one per iteration (what the library did, without its allocations). */
function spinWithCreateHash(password: string, salt: Uint8Array, spinCount: number): Buffer {
  const block = Buffer.alloc(4 + SHA512_BYTES);
  initialHash(password, salt).copy(block, 4);
  for (let i = 0; i < spinCount; i += 1) {
    block.writeUInt32LE(i, 0);
    createHash('sha512').update(block).digest().copy(block, 4);
  }
  return Buffer.from(block.subarray(4));
}

/** Node's one-shot `crypto.hash` (backported to Node 20.12): no Hash object per iteration. */
function spinWithOneShotHash(password: string, salt: Uint8Array, spinCount: number): Buffer {
  const block = Buffer.alloc(4 + SHA512_BYTES);
  initialHash(password, salt).copy(block, 4);
  for (let i = 0; i < spinCount; i += 1) {
    block.writeUInt32LE(i, 0);
    hash('sha512', block, 'buffer').copy(block, 4);
  }
  return Buffer.from(block.subarray(4));
}

// One WebAssembly SHA-512 instance per thread (each worker of the pool has its own); the loop below
// runs to its end without yielding, so nothing else on the thread uses the instance meanwhile.
let wasmSha512: Promise<IHasher> | undefined;

/** hash-wasm's WebAssembly SHA-512: one boundary crossing per step instead of a native binding call and a Buffer. */
async function spinWithHashWasm(password: string, salt: Uint8Array, spinCount: number): Promise<Buffer> {
  wasmSha512 ??= createSHA512();
  const sha512 = await wasmSha512;
  const block = new Uint8Array(4 + SHA512_BYTES);
  const counter = new DataView(block.buffer);
  block.set(initialHash(password, salt), 4);
  for (let i = 0; i < spinCount; i += 1) {
    counter.setUint32(0, i, true);
    sha512.init();
    sha512.update(block);
    block.set(sha512.digest('binary'), 4);
  }
  return Buffer.from(block.subarray(4));
}

/** Every primitive measured (deploy/bench/documents-render.bench.mjs); unit tests hold them to the same answer. */
export const SPUN_HASHES: Record<'createHash' | 'crypto.hash' | 'hash-wasm', SpunHash> = {
  createHash: async (password, salt, spinCount) => spinWithCreateHash(password, salt, spinCount),
  'crypto.hash': async (password, salt, spinCount) => spinWithOneShotHash(password, salt, spinCount),
  'hash-wasm': spinWithHashWasm,
};

/**
 * The one in use: the fastest in the bench on this project's machines (2-core x86-64, Node 20):
 * hash-wasm ~100 ms for 100,000 spins, crypto.hash ~170 ms, createHash ~230 ms.
 */
export const spunPasswordHash: SpunHash = SPUN_HASHES['hash-wasm'];

/**
 * MS-OFFCRYPTO 2.3.4.11: the key for one block key, SHA-512(Hn + blockKey) cut to keyBits/8 bytes
 * (padded with 0x36 were it shorter, which it is not for AES-256 from SHA-512).
 */
export function keyForBlock(spun: Uint8Array, blockKey: Uint8Array, keyBytes: number): Buffer {
  const digest = createHash('sha512').update(spun).update(blockKey).digest();
  if (digest.length >= keyBytes) return Buffer.from(digest.subarray(0, keyBytes));
  return Buffer.concat([digest, Buffer.alloc(keyBytes - digest.length, 0x36)]);
}
