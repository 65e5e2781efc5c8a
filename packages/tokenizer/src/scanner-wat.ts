import { SCANNER_IO_START, SCANNER_MISS_COUNT, SCANNER_PADDING } from './scanner-layout.ts';
import { internWat } from './scanner-wat-intern.ts';
import { splitWat } from './scanner-wat-split.ts';

/** Stores that zero the {@link SCANNER_PADDING} bytes at `$end`. */
const zeroPadding = Array.from(
  { length: SCANNER_PADDING / 16 },
  (_, i) => `(v128.store offset=${16 * i} (local.get $end) (v128.const i64x2 0 0))`,
).join(' ');

const splat = (n: number): string => `(v128.const i8x16 ${Array(16).fill(n).join(' ')})`;

/**
 * Lowercases the 64 bytes at `$q` (when `$lowOn`) and sets `$mask` to their < (when `$ltOn`) and & (when
 * `$ampOn`), 16 bytes at a time: four blocks share the constants, which the compiled loop makes once per block.
 */
const prepareBlocks = [0, 16, 32, 48]
  .map(
    (o) => `
      (local.set $v (v128.load offset=${o} (local.get $q)))
      (v128.store offset=${o} (local.get $q) (v128.or (local.get $v)
        (v128.and (i8x16.lt_s (i8x16.add (local.get $v) ${splat(0x80 - 0x41)}) ${splat(0x80 + 26)}) (local.get $lowOn))))
      (local.set $mask (i64.or ${o ? '(local.get $mask)' : '(i64.const 0)'} (i64.shl (i64.extend_i32_u (i8x16.bitmask (v128.or
        (v128.and (i8x16.eq (local.get $v) ${splat(0x3c)}) (local.get $ltOn))
        (v128.and (i8x16.eq (local.get $v) ${splat(0x26)}) (local.get $ampOn))))) (i64.const ${o}))))`,
  )
  .join('');

/**
 * The WebAssembly text of the scanner, the native half of the tokenizer's fast path (memory layout in
 * `scanner-layout.ts`). `scripts/build-scanner.ts` assembles it (wabt) into `scanner-binary.ts`; a test checks
 * that the two agree. After `prepare`, `scan(text, n, spans, codes, misses, latin1)` reads the `n` bytes at `text`
 * (Latin-1 when `latin1` is 1, else UTF-8),
 * writes 8 bytes of span per token, 4 bytes of code per token and 12 bytes per miss, leaves the number of misses
 * at `SCANNER_MISS_COUNT`, and returns the number of codes.
 */
export function scannerWat(): string {
  return `(module
  (memory (export "memory") ${(SCANNER_IO_START >> 16) + 1})
  (global $next (mut i32) (i32.const 128))
  (global $nShort (mut i32) (i32.const 0))
  (global $nLong (mut i32) (i32.const 0))
  (global $spans (mut i32) (i32.const 0))
  (global $ns (mut i32) (i32.const 0))
  (global $codes (mut i32) (i32.const 0))
  (global $k (mut i32) (i32.const 0))
  (global $misses (mut i32) (i32.const 0))
  (global $m (mut i32) (i32.const 0))
  (global $base (mut i32) (i32.const 0))
  (global $delta (mut i32) (i32.const 0))
  (global $latin1 (mut i32) (i32.const 0))
${splitWat}
${internWat}
  ;; Call once before the first scan.
  (func (export "init") (call $keyMasks) (call $longMasks) (call $internBytes))

  ;; Readies the n written bytes at p for scan in one pass of 64-byte blocks: zeroes the padding after them, then
  ;; (flag 2) ASCII-lowercases them in place and (flag 1) blanks every <br /> (six spaces, so offsets stay those of
  ;; the text; a <BR /> lowercased first is blanked too, as the tag rule would strip it). Returns how many < are not
  ;; a <br />, or -1 at the first & before # or a letter when flag 4 asks for entities: either way the text needs
  ;; JavaScript's markup steps, and the bytes are not ready.
  (func (export "prepare") (param $p i32) (param $n i32) (param $flags i32) (result i32)
    (local $q i32) (local $end i32) (local $mask i64) (local $x i32) (local $others i32) (local $v v128)
    (local $ltOn v128) (local $ampOn v128) (local $lowOn v128)
    (local.set $end (i32.add (local.get $p) (local.get $n)))
    ${zeroPadding}
    (local.set $ltOn (i8x16.splat (select (i32.const 0xff) (i32.const 0) (i32.and (local.get $flags) (i32.const 1)))))
    (local.set $lowOn (i8x16.splat (select (i32.const 0x20) (i32.const 0) (i32.and (local.get $flags) (i32.const 2)))))
    (local.set $ampOn (i8x16.splat (select (i32.const 0xff) (i32.const 0) (i32.and (local.get $flags) (i32.const 4)))))
    (local.set $q (local.get $p))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
      ${prepareBlocks}
      (block $found (loop $each
        (br_if $found (i64.eqz (local.get $mask)))
        (local.set $x (i32.add (local.get $q) (i32.wrap_i64 (i64.ctz (local.get $mask)))))
        (if (i32.eq (i32.load8_u (local.get $x)) (i32.const 0x26))
          (then
            ;; an entity starts with & and # or a letter (a lone &, as in most reviews that have one, stays text)
            (local.set $x (i32.load8_u offset=1 (local.get $x)))
            (if (i32.or (i32.eq (local.get $x) (i32.const 0x23))
                  (i32.lt_u (i32.sub (i32.or (local.get $x) (i32.const 0x20)) (i32.const 0x61)) (i32.const 26)))
              (then (return (i32.const -1)))))
          (else
            (if (i64.eq (i64.and (i64.load (local.get $x)) (i64.const 0xffffffffffff)) (i64.const 0x3e2f2072623c))
              (then
                (i32.store (local.get $x) (i32.const 0x20202020))
                (i32.store16 offset=4 (local.get $x) (i32.const 0x2020)))
              (else (local.set $others (i32.add (local.get $others) (i32.const 1)))))))
        (local.set $mask (i64.and (local.get $mask) (i64.sub (local.get $mask) (i64.const 1))))
        (br $each)))
      (local.set $q (i32.add (local.get $q) (i32.const 64)))
      (br $next)))
    (local.get $others))

  (func (export "scan") (param $p i32) (param $n i32) (param $spans i32) (param $codes i32) (param $misses i32) (param $latin1 i32) (result i32)
    (global.set $latin1 (local.get $latin1))
    (global.set $spans (local.get $spans))
    (global.set $ns (i32.const 0))
    (global.set $codes (local.get $codes))
    (global.set $k (i32.const 0))
    (global.set $misses (local.get $misses))
    (global.set $m (i32.const 0))
    (global.set $base (local.get $p))
    (global.set $delta (i32.const 0))
    (call $split (local.get $p) (local.get $n))
    (call $intern)
    (i32.store (i32.const ${SCANNER_MISS_COUNT}) (global.get $m))
    (global.get $k))
)
`;
}
