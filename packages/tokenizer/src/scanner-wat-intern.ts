/**
 * WebAssembly text of the scanner's second pass: each span's bytes are looked up in an intern table that
 * gives every distinct token a small id, so JavaScript makes each token string once and then reuses it.
 * Tokens of up to 8 bytes are keyed by their zero-padded bytes as one i64 (exact: token bytes are never 0),
 * tokens of 9 to 16 bytes by a v128 whose bit 7s hold the entry's number. Short tokens get ids from 128 on, long
 * ones from `128 + shortCap`. Output per token: its id (for a newly interned token, miss entry `m` also gives its
 * UTF-16 start, end and the id as kind); `maxIds + m` for a token that is not interned (table full or longer than
 * 16 bytes; miss entry `m` has kind -1) or a non-ASCII chunk for JavaScript to split (kind `-2 - k`, `k` the
 * position of its code).
 */

import { INTERN_LAYOUT } from './scanner-layout.ts';

const L = INTERN_LAYOUT;
const GOLDEN = '0x9E3779B97F4A7C15';

/** The bytes of the first `len` (1..8) of 8 little-endian bytes: a mask `-1 >>> (64 - 8 len)`. */
const byteMask = (len: string, bytesBefore: number): string =>
  `(i64.shr_u (i64.const -1) (i64.extend_i32_u (i32.sub (i32.const ${64 + 8 * bytesBefore}) (i32.shl ${len} (i32.const 3)))))`;

/** Slot of a short key. */
const shortSlot = `(i32.wrap_i64 (i64.shr_u (i64.mul (local.get $k0) (i64.const ${GOLDEN})) (i64.const ${64 - L.shortBits})))`;

/** Takes the next short id for a new entry, or writes a -1 miss and returns when the short table is full. */
const newShortId = `
        (if (i32.ge_u (global.get $nShort) (i32.const ${L.shortCap})) (then
          (call $tokenMiss (local.get $a) (local.get $len) (i32.const -1))
          (return)))
        (global.set $nShort (i32.add (global.get $nShort) (i32.const 1)))
        (local.set $id (global.get $next))
        (global.set $next (i32.add (local.get $id) (i32.const 1)))`;

/** The first long id. */
const LONG_IDS = 128 + L.shortCap;

/** The long key of the `$len` bytes at `$a`. */
const longKey = `(v128.and (v128.load (local.get $a)) (v128.load offset=${L.longMasks} (i32.shl (local.get $len) (i32.const 4))))`;

/** The first slot of long key `$key`. */
const longSlot = `(i32.wrap_i64 (i64.shr_u
      (i64.mul (i64.add (i64x2.extract_lane 0 (local.get $key)) (i64.mul (i64x2.extract_lane 1 (local.get $key)) (i64.const 0xC2B2AE3D27D4EB4F))) (i64.const ${GOLDEN}))
      (i64.const ${64 - L.longBits})))`;

/** The v128 constant with byte i equal to `f(i)`. */
const bytes16 = (f: (i: number) => number): string =>
  `(v128.const i8x16 ${Array.from({ length: 16 }, (_, i) => f(i)).join(' ')})`;

/** The second pass's functions (`$intern` and its slow paths, `$internBytes`), spliced into the module. */
export const internWat = `
  ;; Writes miss entry m = (s16, e16, kind) and its code: the new id itself when the token was just interned,
  ;; else maxIds + m (so every code indexes JavaScript's strings once it has made the misses' strings). A chunk's
  ;; kind -2 becomes -2 - k, k its code's position, so JavaScript can splice in a chunk of several tokens.
  (func $miss (param $s16 i32) (param $e16 i32) (param $kind i32)
    (local $at i32)
    (if (i32.eq (local.get $kind) (i32.const -2)) (then (local.set $kind (i32.sub (i32.const -2) (global.get $k)))))
    (i32.store (i32.add (global.get $codes) (i32.shl (global.get $k) (i32.const 2)))
      (select (local.get $kind) (i32.add (i32.const ${L.maxIds}) (global.get $m))
        (i32.ge_s (local.get $kind) (i32.const 0))))
    (global.set $k (i32.add (global.get $k) (i32.const 1)))
    (local.set $at (i32.add (global.get $misses) (i32.mul (global.get $m) (i32.const 12))))
    (i32.store (local.get $at) (local.get $s16))
    (i32.store offset=4 (local.get $at) (local.get $e16))
    (i32.store offset=8 (local.get $at) (local.get $kind))
    (global.set $m (i32.add (global.get $m) (i32.const 1))))

  ;; A miss for the ASCII token of len bytes at a: its UTF-16 offsets are the byte offsets less the UTF-8
  ;; excess of the chunks before it.
  (func $tokenMiss (param $a i32) (param $len i32) (param $kind i32)
    (local $s16 i32)
    (local.set $s16 (i32.sub (i32.sub (local.get $a) (global.get $base)) (global.get $delta)))
    (call $miss (local.get $s16) (i32.add (local.get $s16) (local.get $len)) (local.get $kind)))

  ;; A chunk miss; adds the chunk's UTF-8 excess (continuation bytes, less one per 4-byte sequence) to $delta
  ;; (Latin-1 text has none: a byte per code unit).
  (func $chunk (param $a i32) (param $bytes i32)
    (local $s16 i32) (local $q i32) (local $end i32) (local $b i32)
    (local.set $s16 (i32.sub (i32.sub (local.get $a) (global.get $base)) (global.get $delta)))
    (local.set $q (local.get $a))
    (local.set $end (i32.add (local.get $a) (local.get $bytes)))
    (block $done (loop $more
      (br_if $done (i32.or (global.get $latin1) (i32.ge_u (local.get $q) (local.get $end))))
      (local.set $b (i32.load8_u (local.get $q)))
      (global.set $delta (i32.add (global.get $delta)
        (i32.sub (i32.eq (i32.and (local.get $b) (i32.const 0xc0)) (i32.const 0x80)) (i32.ge_u (local.get $b) (i32.const 0xf0)))))
      (local.set $q (i32.add (local.get $q) (i32.const 1)))
      (br $more)))
    (call $miss (local.get $s16) (i32.sub (i32.sub (local.get $end) (global.get $base)) (global.get $delta)) (i32.const -2)))

  (func $code (param $c i32)
    (i32.store (i32.add (global.get $codes) (i32.shl (global.get $k) (i32.const 2))) (local.get $c))
    (global.set $k (i32.add (global.get $k) (i32.const 1))))

  ;; The short-table lookup after the first slot did not hold the key: probe on, insert when absent.
  (func $internShort (param $a i32) (param $len i32) (param $k0 i64) (param $slot i32)
    (local $at i32) (local $key i64) (local $id i32)
    (loop $probe
      (local.set $at (i32.add (i32.const ${L.shortTable}) (i32.shl (local.get $slot) (i32.const 4))))
      (local.set $key (i64.load (local.get $at)))
      (if (i64.eq (local.get $key) (local.get $k0)) (then (call $code (i32.load offset=8 (local.get $at))) (return)))
      (if (i64.eqz (local.get $key)) (then
        ${newShortId}
        (i64.store (local.get $at) (local.get $k0))
        (i32.store offset=8 (local.get $at) (local.get $id))
        (call $tokenMiss (local.get $a) (local.get $len) (local.get $id))
        (return)))
      (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (i32.const ${(1 << L.shortBits) - 1})))
      (br $probe)))

  ;; Tokens of 9 to 16 bytes in the long table; longer ones are never interned. A slot holds the key's bytes
  ;; with entry number e in their bit 7s (bit i of e in byte i), so a compare ignores bit 7 and the id is
  ;; the first long id + the slot's bit 7 mask.
  (func $internLong (param $a i32) (param $len i32)
    (local $key v128) (local $v v128) (local $slot i32) (local $at i32) (local $id i32)
    (if (i32.gt_u (local.get $len) (i32.const 16)) (then (call $tokenMiss (local.get $a) (local.get $len) (i32.const -1)) (return)))
    (local.set $key ${longKey})
    (local.set $slot ${longSlot})
    (loop $probe
      (local.set $at (i32.add (i32.const ${L.longTable}) (i32.shl (local.get $slot) (i32.const 4))))
      (local.set $v (v128.load (local.get $at)))
      (if (i8x16.all_true (i8x16.eq (v128.and (local.get $v) ${bytes16(() => 0x7f)}) (local.get $key)))
        (then (call $code (i32.add (i32.const ${LONG_IDS}) (i8x16.bitmask (local.get $v)))) (return)))
      (if (i32.eqz (v128.any_true (local.get $v))) (then
        (if (i32.ge_u (global.get $nLong) (i32.const ${L.longCap})) (then
          (call $tokenMiss (local.get $a) (local.get $len) (i32.const -1))
          (return)))
        (local.set $id (global.get $nLong))
        (global.set $nLong (i32.add (local.get $id) (i32.const 1)))
        ;; bit i of the entry number into bit 7 of byte i
        (v128.store (local.get $at) (v128.or (local.get $key) (v128.and ${bytes16(() => 0x80)}
          (i8x16.eq ${bytes16((i) => 1 << (i % 8))}
            (v128.and ${bytes16((i) => 1 << (i % 8))}
              (i8x16.swizzle (i16x8.splat (local.get $id)) ${bytes16((i) => (i < 8 ? 0 : 1))}))))))
        (call $tokenMiss (local.get $a) (local.get $len) (i32.add (i32.const ${LONG_IDS}) (local.get $id)))
        (return)))
      (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (i32.const ${(1 << L.longBits) - 1})))
      (br $probe)))

  ;; The deferred long tokens of a Latin-1 text, (address, code address) pairs from the spans' start to end, their
  ;; lengths in their codes: one lookup each in a loop of its own, so their cache misses overlap. A key not in its
  ;; first slot takes $internLong, writing its code (and miss) where the token's code goes.
  (func $internDeferred (param $end i32)
    (local $e i32) (local $a i32) (local $pos i32) (local $len i32) (local $key v128) (local $v v128) (local $k i32)
    (local $slot i32)
    (local.set $k (global.get $k))
    (local.set $e (global.get $spans))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $e) (local.get $end)))
      (local.set $a (i32.load (local.get $e)))
      (local.set $pos (i32.load offset=4 (local.get $e)))
      (local.set $len (i32.load (local.get $pos)))
      (local.set $key ${longKey})
      (local.set $slot ${longSlot})
      (local.set $v (v128.load offset=${L.longTable} (i32.shl (local.get $slot) (i32.const 4))))
      (if (i8x16.all_true (i8x16.eq (v128.and (local.get $v) ${bytes16(() => 0x7f)}) (local.get $key)))
        (then (i32.store (local.get $pos) (i32.add (i32.const ${LONG_IDS}) (i8x16.bitmask (local.get $v)))))
        (else
          (global.set $k (i32.shr_u (i32.sub (local.get $pos) (global.get $codes)) (i32.const 2)))
          (call $internLong (local.get $a) (local.get $len))))
      (local.set $e (i32.add (local.get $e) (i32.const 8)))
      (br $next)))
    (global.set $k (local.get $k)))

  ;; Pass 2: a code per span. The common case, a token of 1 to 8 bytes found in its first slot, stays in the
  ;; inner loop, which keeps few values live (so the compiled loop spills nothing) and masks the key with a
  ;; table load instead of a variable shift; every other span leaves it for the outer loop's slow paths.
  (func $intern
    (local $at i32) (local $end i32) (local $out i32) (local $a i32) (local $len i32) (local $k0 i64) (local $t i32)
    (local $d i32)
    (local.set $at (global.get $spans))
    (local.set $d (global.get $spans))
    (local.set $end (i32.add (global.get $spans) (i32.shl (global.get $ns) (i32.const 3))))
    (local.set $out (i32.add (global.get $codes) (i32.shl (global.get $k) (i32.const 2))))
    (block $done (loop $outer
      (block $slow (loop $fast
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $len (i32.load offset=4 (local.get $at)))
        (br_if $slow (i32.ge_u (i32.sub (local.get $len) (i32.const 1)) (i32.const 8)))
        (local.set $k0 (i64.and (i64.load (i32.load (local.get $at)))
          (i64.load offset=${L.keyMasks} (i32.shl (local.get $len) (i32.const 3)))))
        (local.set $t (i32.and
          (i32.wrap_i64 (i64.shr_u (i64.mul (local.get $k0) (i64.const ${GOLDEN})) (i64.const ${64 - L.shortBits - 4})))
          (i32.const ${((1 << L.shortBits) - 1) << 4})))
        (br_if $slow (i64.ne (i64.load offset=${L.shortTable} (local.get $t)) (local.get $k0)))
        (i32.store (local.get $out) (i32.load offset=${L.shortTable + 8} (local.get $t)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $at (i32.add (local.get $at) (i32.const 8)))
        (br $fast)))
      (local.set $a (i32.load (local.get $at)))
      (local.set $len (i32.load offset=4 (local.get $at)))
      (local.set $at (i32.add (local.get $at) (i32.const 8)))
      (if (i32.and (global.get $latin1) (i32.lt_u (i32.sub (local.get $len) (i32.const 9)) (i32.const 8))) (then
        ;; a long token of a Latin-1 text waits for $internDeferred: its address and code address go where the
        ;; spans already read were, its length in its code
        (i32.store (local.get $d) (local.get $a))
        (i32.store offset=4 (local.get $d) (local.get $out))
        (i32.store (local.get $out) (local.get $len))
        (local.set $d (i32.add (local.get $d) (i32.const 8)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $outer)))
      (global.set $k (i32.shr_u (i32.sub (local.get $out) (global.get $codes)) (i32.const 2)))
      (if (i32.lt_u (i32.sub (local.get $len) (i32.const 1)) (i32.const 8))
        (then
          (local.set $k0 (i64.and (i64.load (local.get $a)) ${byteMask('(local.get $len)', 0)}))
          (call $internShort (local.get $a) (local.get $len) (local.get $k0) ${shortSlot}))
        (else (if (i32.lt_s (local.get $len) (i32.const 0))
          (then (call $chunk (local.get $a) (i32.sub (i32.const 0) (local.get $len))))
          (else (call $internLong (local.get $a) (local.get $len))))))
      (local.set $out (i32.add (global.get $codes) (i32.shl (global.get $k) (i32.const 2))))
      (br $outer)))
    (global.set $k (i32.shr_u (i32.sub (local.get $out) (global.get $codes)) (i32.const 2)))
    (call $internDeferred (local.get $d)))

  ;; The key masks of the inner loop: entry len (0..8) keeps the first len bytes of 8.
  (func $keyMasks
    (local $len i32)
    (loop $more
      (i64.store offset=${L.keyMasks} (i32.shl (local.get $len) (i32.const 3))
        (select (i64.const -1) (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (i32.shl (local.get $len) (i32.const 3)))) (i64.const 1))
          (i32.eq (local.get $len) (i32.const 8))))
      (local.set $len (i32.add (local.get $len) (i32.const 1)))
      (br_if $more (i32.le_u (local.get $len) (i32.const 8)))))

  ;; The long keys' masks: entry len (0..16) keeps the first len bytes of 16.
  (func $longMasks
    (local $len i32) (local $i i32)
    (loop $entry
      (local.set $i (i32.const 0))
      (loop $byte
        (i32.store8 offset=${L.longMasks} (i32.add (i32.shl (local.get $len) (i32.const 4)) (local.get $i))
          (select (i32.const 0xff) (i32.const 0) (i32.lt_u (local.get $i) (local.get $len))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $byte (i32.lt_u (local.get $i) (i32.const 16))))
      (local.set $len (i32.add (local.get $len) (i32.const 1)))
      (br_if $entry (i32.le_u (local.get $len) (i32.const 16)))))

  ;; Interns every one-byte token 0x21..0x7e with its byte as id.
  (func $internBytes
    (local $c i32) (local $k0 i64) (local $slot i32) (local $at i32)
    (local.set $c (i32.const 0x21))
    (loop $more
      (local.set $k0 (i64.extend_i32_u (local.get $c)))
      (local.set $slot ${shortSlot})
      (block $found (loop $probe
        (local.set $at (i32.add (i32.const ${L.shortTable}) (i32.shl (local.get $slot) (i32.const 4))))
        (br_if $found (i64.eqz (i64.load (local.get $at))))
        (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (i32.const ${(1 << L.shortBits) - 1})))
        (br $probe)))
      (i64.store (local.get $at) (local.get $k0))
      (i32.store offset=8 (local.get $at) (local.get $c))
      (global.set $nShort (i32.add (global.get $nShort) (i32.const 1)))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br_if $more (i32.lt_u (local.get $c) (i32.const 0x7f)))))
`;
