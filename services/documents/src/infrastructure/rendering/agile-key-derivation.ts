import { createHash, hash } from 'node:crypto';
import { createSHA512, type IHasher } from 'hash-wasm';
import { SHA512_SPIN_WASM } from './sha512-spin.wasm';

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

/** Node's WebAssembly global, as far as it is used here (its types come with the DOM lib, which this project does not load). */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
};

/** What services/documents/assembly/sha512-spin.ts exports. */
interface SpinLoopExports {
  memory: { buffer: ArrayBuffer };
  /** The offset of the 64 bytes that take Hn-1 and give back Hn. */
  digest(): number;
  spin(from: number, count: number): void;
}

/**
 * Spins per call into the module: V8 first runs a WebAssembly function in its baseline tier and swaps in
 * the optimised code, compiled in the background, only at the next call; calls of 1,000 spins (100 for a
 * file) let the optimised code take over within milliseconds, at a negligible cost per call.
 */
const SPINS_PER_CALL = 1_000;

// Compiled and instantiated once per thread (5.7 kB, under a millisecond); its memory never grows, as it allocates nothing.
let spinLoop: SpinLoopExports | undefined;

/** The whole spin loop in our own WebAssembly (sha512-spin.ts): one SHA-512 compression per spin, the state in locals. */
function spinInWebAssembly(password: string, salt: Uint8Array, spinCount: number): Buffer {
  spinLoop ??= new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(SHA512_SPIN_WASM, 'base64')), {})
    .exports as unknown as SpinLoopExports;
  const digest = new Uint8Array(spinLoop.memory.buffer, spinLoop.digest(), SHA512_BYTES);
  digest.set(initialHash(password, salt));
  for (let from = 0; from < spinCount; from += SPINS_PER_CALL) spinLoop.spin(from, Math.min(SPINS_PER_CALL, spinCount - from));
  return Buffer.from(digest);
}

/** Every primitive measured (deploy/bench/documents-render.bench.mjs); unit tests hold them to the same answer. */
export const SPUN_HASHES: Record<'createHash' | 'crypto.hash' | 'hash-wasm' | 'wasm spin loop', SpunHash> = {
  createHash: async (password, salt, spinCount) => spinWithCreateHash(password, salt, spinCount),
  'crypto.hash': async (password, salt, spinCount) => spinWithOneShotHash(password, salt, spinCount),
  'hash-wasm': spinWithHashWasm,
  'wasm spin loop': async (password, salt, spinCount) => spinInWebAssembly(password, salt, spinCount),
};

/**
 * The one in use: the fastest in the bench on this project's machines (2-core x86-64, Node 20), per
 * 100,000 spins: our WebAssembly spin loop ~25 ms, hash-wasm ~70 ms, crypto.hash ~140 ms, createHash ~180 ms.
 */
export const spunPasswordHash: SpunHash = SPUN_HASHES['wasm spin loop'];
/**
 * MS-OFFCRYPTO 2.3.4.11: the key for one block key, SHA-512(Hn + blockKey) cut to keyBits/8 bytes
 * (padded with 0x36 were it shorter, which it is not for AES-256 from SHA-512).
 */
export function keyForBlock(spun: Uint8Array, blockKey: Uint8Array, keyBytes: number): Buffer {
  const digest = createHash('sha512').update(spun).update(blockKey).digest();
  if (digest.length >= keyBytes) return Buffer.from(digest.subarray(0, keyBytes));
  return Buffer.concat([digest, Buffer.alloc(keyBytes - digest.length, 0x36)]);
}
