// 64-bit n-gram keys as two independent 32-bit lanes: collisions among ~10^7 n-grams are ~10^-5 likely.

/** murmur3's 32-bit finaliser: every input bit flips about half the output bits. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Lane A of a token's key: FNV-1a over its UTF-16 code units, finalised. */
export function tokenHashA(token: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193);
  return fmix32(h ^ token.length);
}

/** Lane B of a token's key: a multiply-xorshift over its UTF-16 code units with another seed, finalised. */
export function tokenHashB(token: string): number {
  let h = 0x9747b28c ^ token.length;
  for (let i = 0; i < token.length; i++) {
    h = Math.imul(h ^ token.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  return fmix32(h);
}

/** Extends an n-gram's lane-A key by one token (order matters: `a b` and `b a` differ). */
export function extendA(key: number, token: number): number {
  return fmix32(Math.imul(key, 0x01000193) ^ token);
}

/** Extends an n-gram's lane-B key by one token. */
export function extendB(key: number, token: number): number {
  return fmix32((Math.imul(key, 0x5bd1e995) + token) | 0);
}
