/**
 * AssemblyScript source of the WebAssembly module that runs the whole ECMA-376 agile spin loop
 * (MS-OFFCRYPTO 2.3.4.11) in one call: Hn = SHA-512(n - 1 as uint32 little-endian + Hn-1). Compiled by
 * deploy/tools/build-wasm.mjs into src/infrastructure/rendering/sha512-spin.wasm.ts (checked by
 * sha512-spin.wasm.spec.ts); not TypeScript for Node: `u64`, `load`, `rotr` and the rest are
 * AssemblyScript's built-ins, each one WebAssembly instruction.
 *
 * Why it is fast: every spin hashes exactly 68 bytes, so it is exactly one SHA-512 compression (FIPS 180-4
 * 6.4) of one 128-byte block: the counter, the previous hash, 0x80, zeros, and the length 544 bits. The
 * previous hash is kept as its eight 64-bit state words, and the block's sixteen big-endian words are those
 * words shifted by the 4-byte counter: no bytes are written, swapped or read back between spins, and the
 * sixteen message words and eight working variables stay in locals (registers).
 */

/** FIPS 180-4 4.2.3: the eighty round constants. */
const K: usize = memory.data<u64>([
  0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc, 0x3956c25bf348b538, 0x59f111f1b605d019,
  0x923f82a4af194f9b, 0xab1c5ed5da6d8118, 0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
  0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694, 0xe49b69c19ef14ad2, 0xefbe4786384f25e3,
  0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65, 0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
  0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4, 0xc6e00bf33da88fc2, 0xd5a79147930aa725,
  0x06ca6351e003826f, 0x142929670a0e6e70, 0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
  0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b, 0xa2bfe8a14cf10364, 0xa81a664bbc423001,
  0xc24b8b70d0f89791, 0xc76c51a30654be30, 0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
  0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8, 0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb,
  0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3, 0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
  0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b, 0xca273eceea26619c, 0xd186b8c721c0c207,
  0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178, 0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
  0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c, 0x4cc5d4becb3e42b6, 0x597f299cfc657e2a,
  0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
]);

/** FIPS 180-4 5.3.5: the initial hash value, where every spin's compression starts (each spin is a whole new SHA-512). */
const IV0: u64 = 0x6a09e667f3bcc908;
const IV1: u64 = 0xbb67ae8584caa73b;
const IV2: u64 = 0x3c6ef372fe94f82b;
const IV3: u64 = 0xa54ff53a5f1d36f1;
const IV4: u64 = 0x510e527fade682d1;
const IV5: u64 = 0x9b05688c2b3e6c1f;
const IV6: u64 = 0x1f83d9abfb41bd6b;
const IV7: u64 = 0x5be0cd19137e2179;

/** The 64 bytes the caller writes Hn-1 into and reads Hn from, as SHA-512 writes a digest (big-endian words). */
const DIGEST: usize = memory.data(64, 8);

/** Where the digest goes in and comes out, in the exported memory. */
export function digest(): usize {
  return DIGEST;
}

// FIPS 180-4 4.1.3: the six logical functions (binaryen inlines them, each a handful of instructions).
function ch(x: u64, y: u64, z: u64): u64 {
  return (x & y) ^ (~x & z);
}
function maj(x: u64, y: u64, z: u64): u64 {
  return (x & y) ^ (x & z) ^ (y & z);
}
function bigSigma0(x: u64): u64 {
  return rotr<u64>(x, 28) ^ rotr<u64>(x, 34) ^ rotr<u64>(x, 39);
}
function bigSigma1(x: u64): u64 {
  return rotr<u64>(x, 14) ^ rotr<u64>(x, 18) ^ rotr<u64>(x, 41);
}
function smallSigma0(x: u64): u64 {
  return rotr<u64>(x, 1) ^ rotr<u64>(x, 8) ^ (x >>> 7);
}
function smallSigma1(x: u64): u64 {
  return rotr<u64>(x, 19) ^ rotr<u64>(x, 61) ^ (x >>> 6);
}

/**
 * Spins `count` times from counter `from`: reads Hn-1 from digest(), leaves Hn there. The caller splits
 * 100,000 spins into calls of ~1,000, so that V8's optimised code, compiled in the background while the
 * first calls run in its baseline tier, takes over after a few milliseconds (a running call never switches).
 * Prettier leaves it as written: one line per round reads as the standard's table does.
 */
// prettier-ignore
export function spin(from: u32, count: u32): void {
  let s0 = bswap<u64>(load<u64>(DIGEST, 0));
  let s1 = bswap<u64>(load<u64>(DIGEST, 8));
  let s2 = bswap<u64>(load<u64>(DIGEST, 16));
  let s3 = bswap<u64>(load<u64>(DIGEST, 24));
  let s4 = bswap<u64>(load<u64>(DIGEST, 32));
  let s5 = bswap<u64>(load<u64>(DIGEST, 40));
  let s6 = bswap<u64>(load<u64>(DIGEST, 48));
  let s7 = bswap<u64>(load<u64>(DIGEST, 56));
  const end = from + count;
  for (let n = from; n < end; n++) {
    // The block, as sixteen big-endian words: bytes 0-3 the counter (little-endian, so byte-swapped into the
    // top half of word 0), bytes 4-67 the previous hash, byte 68 the 0x80 end marker, the last word 68 * 8 bits.
    let w0: u64 = (<u64>bswap<u32>(n) << 32) | (s0 >>> 32);
    let w1: u64 = (s0 << 32) | (s1 >>> 32);
    let w2: u64 = (s1 << 32) | (s2 >>> 32);
    let w3: u64 = (s2 << 32) | (s3 >>> 32);
    let w4: u64 = (s3 << 32) | (s4 >>> 32);
    let w5: u64 = (s4 << 32) | (s5 >>> 32);
    let w6: u64 = (s5 << 32) | (s6 >>> 32);
    let w7: u64 = (s6 << 32) | (s7 >>> 32);
    let w8: u64 = (s7 << 32) | 0x80000000;
    let w9: u64 = 0;
    let w10: u64 = 0;
    let w11: u64 = 0;
    let w12: u64 = 0;
    let w13: u64 = 0;
    let w14: u64 = 0;
    let w15: u64 = 68 * 8;
    let a = IV0;
    let b = IV1;
    let c = IV2;
    let d = IV3;
    let e = IV4;
    let f = IV5;
    let g = IV6;
    let h = IV7;
    // FIPS 180-4 6.4.2, rounds 0-15 on the block's own words. Each line is one round, the eight variables
    // renamed instead of moved: h += T1, d += h, h += T2 (h is then the new a, d the new e).
    h += bigSigma1(e) + ch(e, f, g) + load<u64>(K, 0 * 8) + w0; d += h; h += bigSigma0(a) + maj(a, b, c);
    g += bigSigma1(d) + ch(d, e, f) + load<u64>(K, 1 * 8) + w1; c += g; g += bigSigma0(h) + maj(h, a, b);
    f += bigSigma1(c) + ch(c, d, e) + load<u64>(K, 2 * 8) + w2; b += f; f += bigSigma0(g) + maj(g, h, a);
    e += bigSigma1(b) + ch(b, c, d) + load<u64>(K, 3 * 8) + w3; a += e; e += bigSigma0(f) + maj(f, g, h);
    d += bigSigma1(a) + ch(a, b, c) + load<u64>(K, 4 * 8) + w4; h += d; d += bigSigma0(e) + maj(e, f, g);
    c += bigSigma1(h) + ch(h, a, b) + load<u64>(K, 5 * 8) + w5; g += c; c += bigSigma0(d) + maj(d, e, f);
    b += bigSigma1(g) + ch(g, h, a) + load<u64>(K, 6 * 8) + w6; f += b; b += bigSigma0(c) + maj(c, d, e);
    a += bigSigma1(f) + ch(f, g, h) + load<u64>(K, 7 * 8) + w7; e += a; a += bigSigma0(b) + maj(b, c, d);
    h += bigSigma1(e) + ch(e, f, g) + load<u64>(K, 8 * 8) + w8; d += h; h += bigSigma0(a) + maj(a, b, c);
    g += bigSigma1(d) + ch(d, e, f) + load<u64>(K, 9 * 8) + w9; c += g; g += bigSigma0(h) + maj(h, a, b);
    f += bigSigma1(c) + ch(c, d, e) + load<u64>(K, 10 * 8) + w10; b += f; f += bigSigma0(g) + maj(g, h, a);
    e += bigSigma1(b) + ch(b, c, d) + load<u64>(K, 11 * 8) + w11; a += e; e += bigSigma0(f) + maj(f, g, h);
    d += bigSigma1(a) + ch(a, b, c) + load<u64>(K, 12 * 8) + w12; h += d; d += bigSigma0(e) + maj(e, f, g);
    c += bigSigma1(h) + ch(h, a, b) + load<u64>(K, 13 * 8) + w13; g += c; c += bigSigma0(d) + maj(d, e, f);
    b += bigSigma1(g) + ch(g, h, a) + load<u64>(K, 14 * 8) + w14; f += b; b += bigSigma0(c) + maj(c, d, e);
    a += bigSigma1(f) + ch(f, g, h) + load<u64>(K, 15 * 8) + w15; e += a; a += bigSigma0(b) + maj(b, c, d);
    // Rounds 16-79, sixteen at a time: the message schedule (6.2.2 step 1) kept as a ring of the last sixteen words.
    for (let k = K + 16 * 8; k < K + 80 * 8; k += 16 * 8) {
      w0 += smallSigma1(w14) + w9 + smallSigma0(w1);
      h += bigSigma1(e) + ch(e, f, g) + load<u64>(k, 0 * 8) + w0; d += h; h += bigSigma0(a) + maj(a, b, c);
      w1 += smallSigma1(w15) + w10 + smallSigma0(w2);
      g += bigSigma1(d) + ch(d, e, f) + load<u64>(k, 1 * 8) + w1; c += g; g += bigSigma0(h) + maj(h, a, b);
      w2 += smallSigma1(w0) + w11 + smallSigma0(w3);
      f += bigSigma1(c) + ch(c, d, e) + load<u64>(k, 2 * 8) + w2; b += f; f += bigSigma0(g) + maj(g, h, a);
      w3 += smallSigma1(w1) + w12 + smallSigma0(w4);
      e += bigSigma1(b) + ch(b, c, d) + load<u64>(k, 3 * 8) + w3; a += e; e += bigSigma0(f) + maj(f, g, h);
      w4 += smallSigma1(w2) + w13 + smallSigma0(w5);
      d += bigSigma1(a) + ch(a, b, c) + load<u64>(k, 4 * 8) + w4; h += d; d += bigSigma0(e) + maj(e, f, g);
      w5 += smallSigma1(w3) + w14 + smallSigma0(w6);
      c += bigSigma1(h) + ch(h, a, b) + load<u64>(k, 5 * 8) + w5; g += c; c += bigSigma0(d) + maj(d, e, f);
      w6 += smallSigma1(w4) + w15 + smallSigma0(w7);
      b += bigSigma1(g) + ch(g, h, a) + load<u64>(k, 6 * 8) + w6; f += b; b += bigSigma0(c) + maj(c, d, e);
      w7 += smallSigma1(w5) + w0 + smallSigma0(w8);
      a += bigSigma1(f) + ch(f, g, h) + load<u64>(k, 7 * 8) + w7; e += a; a += bigSigma0(b) + maj(b, c, d);
      w8 += smallSigma1(w6) + w1 + smallSigma0(w9);
      h += bigSigma1(e) + ch(e, f, g) + load<u64>(k, 8 * 8) + w8; d += h; h += bigSigma0(a) + maj(a, b, c);
      w9 += smallSigma1(w7) + w2 + smallSigma0(w10);
      g += bigSigma1(d) + ch(d, e, f) + load<u64>(k, 9 * 8) + w9; c += g; g += bigSigma0(h) + maj(h, a, b);
      w10 += smallSigma1(w8) + w3 + smallSigma0(w11);
      f += bigSigma1(c) + ch(c, d, e) + load<u64>(k, 10 * 8) + w10; b += f; f += bigSigma0(g) + maj(g, h, a);
      w11 += smallSigma1(w9) + w4 + smallSigma0(w12);
      e += bigSigma1(b) + ch(b, c, d) + load<u64>(k, 11 * 8) + w11; a += e; e += bigSigma0(f) + maj(f, g, h);
      w12 += smallSigma1(w10) + w5 + smallSigma0(w13);
      d += bigSigma1(a) + ch(a, b, c) + load<u64>(k, 12 * 8) + w12; h += d; d += bigSigma0(e) + maj(e, f, g);
      w13 += smallSigma1(w11) + w6 + smallSigma0(w14);
      c += bigSigma1(h) + ch(h, a, b) + load<u64>(k, 13 * 8) + w13; g += c; c += bigSigma0(d) + maj(d, e, f);
      w14 += smallSigma1(w12) + w7 + smallSigma0(w15);
      b += bigSigma1(g) + ch(g, h, a) + load<u64>(k, 14 * 8) + w14; f += b; b += bigSigma0(c) + maj(c, d, e);
      w15 += smallSigma1(w13) + w8 + smallSigma0(w0);
      a += bigSigma1(f) + ch(f, g, h) + load<u64>(k, 15 * 8) + w15; e += a; a += bigSigma0(b) + maj(b, c, d);
    }
    // 6.4.2 step 4 from the initial hash value: Hn, the next spin's input.
    s0 = IV0 + a;
    s1 = IV1 + b;
    s2 = IV2 + c;
    s3 = IV3 + d;
    s4 = IV4 + e;
    s5 = IV5 + f;
    s6 = IV6 + g;
    s7 = IV7 + h;
  }
  store<u64>(DIGEST, bswap<u64>(s0), 0);
  store<u64>(DIGEST, bswap<u64>(s1), 8);
  store<u64>(DIGEST, bswap<u64>(s2), 16);
  store<u64>(DIGEST, bswap<u64>(s3), 24);
  store<u64>(DIGEST, bswap<u64>(s4), 32);
  store<u64>(DIGEST, bswap<u64>(s5), 40);
  store<u64>(DIGEST, bswap<u64>(s6), 48);
  store<u64>(DIGEST, bswap<u64>(s7), 56);
}
