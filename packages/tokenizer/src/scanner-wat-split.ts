/**
 * WebAssembly text of the scanner's first pass: the ASCII splitting rules (see the package README), writing one
 * `(address, length)` span per token. Space-delimited pieces that hold a non-ASCII byte are written as one
 * span with a negative length (a "chunk"), which JavaScript splits with the full Unicode rules: no rule looks
 * across an ASCII separator, so a piece can be split on its own.
 */

import { BYTE_CLASS } from './scanner-layout.ts';

const { word: WORD, apostrophe: APOS } = BYTE_CLASS;

/** Whether the byte at `addr` is a letter or digit (class table lookup). */
const isWord = (addr: string): string => `(i32.eq (i32.load8_u (i32.load8_u ${addr})) (i32.const ${WORD}))`;

/** A v128 constant with all 16 bytes `n`. */
const splat = (n: number): string => `(v128.const i8x16 ${Array(16).fill(n).join(' ')})`;

/**
 * Bytes of `x` in `lo .. lo + n - 1` (unsigned, n < 128): a signed compare after shifting that range to the
 * bottom of the signed bytes, which x64 does in one instruction (an unsigned compare takes several).
 */
const inRange = (x: string, lo: number, n: number): string =>
  `(i8x16.lt_s (i8x16.add ${x} ${splat((0x80 - lo) & 0xff)}) ${splat(0x80 + n)})`;

/** 16-bit mask of the bytes of `$v` that are ASCII letters or digits. */
const wordMask = `(i8x16.bitmask (v128.or
  ${inRange(`(v128.or (local.get $v) ${splat(0x20)})`, 0x61, 26)}
  ${inRange('(local.get $v)', 0x30, 10)}))`;

/** 16-bit mask of the bytes of `$v` that are separators (controls, space, DEL). */
const separatorMask = `(i8x16.bitmask (v128.or ${inRange('(local.get $v)', 0, 0x21)} (i8x16.eq (local.get $v) ${splat(0x7f)})))`;

/** 16-bit mask of the bytes of `$v` that are `n`. */
const byteEq = (n: number): string => `(i8x16.bitmask (i8x16.eq (local.get $v) ${splat(n)}))`;

/** 16-bit mask of the bytes of `$v` that are `-` or `.` (the joiners). */
const joinerMask = `(i8x16.bitmask ${inRange('(local.get $v)', 0x2d, 2)})`;

/**
 * `$W`, `$S`, `$X`, `$A`, `$J` (word, separator, non-ASCII, apostrophe and joiner byte masks) of the 64 bytes at
 * `$pos`, 16 at a time.
 */
const windowMasks = [0, 16, 32, 48]
  .map(
    (o) => `
      (local.set $v (v128.load offset=${o} (local.get $pos)))
      (local.set $W (i64.or ${o ? '(local.get $W)' : '(i64.const 0)'} (i64.shl (i64.extend_i32_u ${wordMask}) (i64.const ${o}))))
      (local.set $S (i64.or ${o ? '(local.get $S)' : '(i64.const 0)'} (i64.shl (i64.extend_i32_u ${separatorMask}) (i64.const ${o}))))
      (local.set $X (i64.or ${o ? '(local.get $X)' : '(i64.const 0)'} (i64.shl (i64.extend_i32_u (i8x16.bitmask (local.get $v))) (i64.const ${o}))))
      (local.set $A (i64.or ${o ? '(local.get $A)' : '(i64.const 0)'} (i64.shl (i64.extend_i32_u ${byteEq(0x27)}) (i64.const ${o}))))
      (local.set $J (i64.or ${o ? '(local.get $J)' : '(i64.const 0)'} (i64.shl (i64.extend_i32_u ${joinerMask}) (i64.const ${o}))))`,
  )
  .join('');

/**
 * The token starts below `lim` in the window (`$W`, `$S` of `$split`): the first byte of each run of letters and
 * digits, and every other non-separator byte.
 */
const starts = (lim: string): string => `(i64.and ${lim} (i64.or
  (i64.and (local.get $W) (i64.xor (i64.shl (local.get $W) (i64.const 1)) (i64.const -1)))
  (i64.xor (i64.or (local.get $W) (local.get $S)) (i64.const -1))))`;

/**
 * The tokens' last bytes below `lim`: the last byte of each run of letters and digits, and every other
 * non-separator byte. `lim` ends at a separator, so a token that starts below it ends below it.
 */
const lastBytes = (lim: string): string => `(i64.and ${lim} (i64.or
  (i64.and (local.get $W) (i64.xor (i64.shr_u (local.get $W) (i64.const 1)) (i64.const -1)))
  (i64.xor (i64.or (local.get $W) (local.get $S)) (i64.const -1))))`;

/** Bits `0 .. n-1` set (n in 0..63). */
const lowBits = (n: string): string =>
  `(i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u ${n})) (i64.const 1))`;

/** The first pass's functions (`$split`, `$window` and the scalar rules), spliced into the module. */
export const splitWat = `
  ;; Appends the span [a, a + len) (len < 0: a chunk of -len bytes).
  (func $span (param $a i32) (param $len i32)
    (local $at i32)
    (local.set $at (i32.add (global.get $spans) (i32.shl (global.get $ns) (i32.const 3))))
    (i32.store (local.get $at) (local.get $a))
    (i32.store offset=4 (local.get $at) (local.get $len))
    (global.set $ns (i32.add (global.get $ns) (i32.const 1))))

  ;; Length of the clitic 's 'd 'm 're 've 'll (any case) at the apostrophe at q, followed by a boundary; else 0.
  (func $cliticLength (param $q i32) (result i32)
    (local $a i32) (local $b i32)
    (local.set $a (i32.or (i32.load8_u offset=1 (local.get $q)) (i32.const 0x20)))
    (if (i32.or (i32.or (i32.eq (local.get $a) (i32.const 0x73)) (i32.eq (local.get $a) (i32.const 0x64)))
                (i32.eq (local.get $a) (i32.const 0x6d)))
      (then (return (select (i32.const 0) (i32.const 2) ${isWord('(i32.add (local.get $q) (i32.const 2))')}))))
    (local.set $b (i32.or (i32.load8_u offset=2 (local.get $q)) (i32.const 0x20)))
    (if (i32.or (i32.or
          (i32.and (i32.eq (local.get $a) (i32.const 0x72)) (i32.eq (local.get $b) (i32.const 0x65)))
          (i32.and (i32.eq (local.get $a) (i32.const 0x76)) (i32.eq (local.get $b) (i32.const 0x65))))
          (i32.and (i32.eq (local.get $a) (i32.const 0x6c)) (i32.eq (local.get $b) (i32.const 0x6c))))
      (then (return (select (i32.const 0) (i32.const 3) ${isWord('(i32.add (local.get $q) (i32.const 3))')}))))
    (i32.const 0))

  ;; Emits the clitics that directly follow j (shouldn't've); returns where they end.
  (func $cliticsAfter (param $j i32) (result i32)
    (local $m i32)
    (block $done (loop $more
      (br_if $done (i32.ne (i32.load8_u (local.get $j)) (i32.const 0x27)))
      (local.set $m (call $cliticLength (local.get $j)))
      (br_if $done (i32.eqz (local.get $m)))
      (call $span (local.get $j) (local.get $m))
      (local.set $j (i32.add (local.get $j) (local.get $m)))
      (br $more)))
    (local.get $j))

  ;; End of the run of letters and digits at j.
  (func $runEnd (param $j i32) (result i32)
    (block $done (loop $more
      (br_if $done (i32.eqz ${isWord('(local.get $j)')}))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $more)))
    (local.get $j))

  ;; The word rule for the word at start whose first run ends at j: runs joined by - or . (u.s, e-mail), the
  ;; final dot of an abbreviation (u.s.), then n't or a clitic split off. Returns where the scan goes on.
  (func $wordTail (param $start i32) (param $j i32) (result i32)
    (local $seg i32) (local $dotted i32) (local $c i32) (local $m i32)
    (local.set $seg (local.get $start))
    (block $out (loop $segment
      (local.set $c (i32.load8_u (local.get $j)))
      (br_if $out (i32.ge_u (i32.sub (local.get $c) (i32.const 0x2d)) (i32.const 2)))
      (br_if $out (i32.eqz ${isWord('(i32.add (local.get $j) (i32.const 1))')}))
      (if (i32.eq (local.get $c) (i32.const 0x2e)) (then (local.set $dotted (i32.const 1))))
      (local.set $seg (i32.add (local.get $j) (i32.const 1)))
      (local.set $j (call $runEnd (local.get $seg)))
      (br $segment)))
    (if (i32.eq (local.get $c) (i32.const 0x2e)) (then
      ;; an abbreviation keeps its final dot: a dotted word whose last segment is one letter
      (if (i32.and (local.get $dotted)
            (i32.and (i32.eq (i32.add (local.get $seg) (i32.const 1)) (local.get $j))
              (i32.lt_u (i32.sub (i32.or (i32.load8_u (local.get $seg)) (i32.const 0x20)) (i32.const 0x61)) (i32.const 26))))
        (then
          (call $span (local.get $start) (i32.sub (i32.add (local.get $j) (i32.const 1)) (local.get $start)))
          (return (i32.add (local.get $j) (i32.const 1)))))))
    (if (i32.eq (local.get $c) (i32.const 0x27)) (then
      ;; n't: the n before the apostrophe leaves the word (don't -> do n't, can't -> ca n't)
      (if (i32.and
            (i32.and (i32.eq (i32.or (i32.load8_u (i32.sub (local.get $j) (i32.const 1))) (i32.const 0x20)) (i32.const 0x6e))
                     (i32.eq (i32.or (i32.load8_u offset=1 (local.get $j)) (i32.const 0x20)) (i32.const 0x74)))
            (i32.eqz ${isWord('(i32.add (local.get $j) (i32.const 2))')}))
        (then
          (if (i32.gt_u (i32.sub (local.get $j) (i32.const 1)) (local.get $start))
            (then (call $span (local.get $start) (i32.sub (i32.sub (local.get $j) (i32.const 1)) (local.get $start)))))
          (call $span (i32.sub (local.get $j) (i32.const 1)) (i32.const 3))
          (return (call $cliticsAfter (i32.add (local.get $j) (i32.const 2))))))
      (local.set $m (call $cliticLength (local.get $j)))
      (if (local.get $m) (then
        (call $span (local.get $start) (i32.sub (local.get $j) (local.get $start)))
        (call $span (local.get $j) (local.get $m))
        (return (call $cliticsAfter (i32.add (local.get $j) (local.get $m))))))))
    (call $span (local.get $start) (i32.sub (local.get $j) (local.get $start)))
    (local.get $j))

  ;; Byte-at-a-time splitting of the ASCII range [i, end); end is a separator or the end of the text.
  (func $scalar (param $i i32) (param $end i32)
    (local $class i32) (local $m i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $class (i32.load8_u (i32.load8_u (local.get $i))))
      (if (i32.eqz (local.get $class)) (then
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (if (i32.eq (local.get $class) (i32.const ${WORD})) (then
        (local.set $i (call $wordTail (local.get $i) (call $runEnd (local.get $i))))
        (br $next)))
      (if (i32.eq (local.get $class) (i32.const ${APOS})) (then
        (local.set $m (call $cliticLength (local.get $i)))
        (if (local.get $m) (then
          (call $span (local.get $i) (local.get $m))
          (local.set $i (i32.add (local.get $i) (local.get $m)))
          (br $next)))))
      (call $span (local.get $i) (i32.const 1))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))

  ;; The space-delimited piece at q (q is not a separator): split it when it is ASCII, else emit it as a
  ;; chunk. Returns its end.
  (func $piece (param $q i32) (result i32)
    (local $e i32) (local $b i32) (local $any i32)
    (local.set $e (local.get $q))
    (block $done (loop $more
      (local.set $b (i32.load8_u (local.get $e)))
      (br_if $done (i32.eqz (i32.load8_u (local.get $b))))
      (local.set $any (i32.or (local.get $any) (local.get $b)))
      (local.set $e (i32.add (local.get $e) (i32.const 1)))
      (br $more)))
    (if (i32.ge_u (local.get $any) (i32.const 0x80))
      (then (call $span (local.get $q) (i32.sub (local.get $q) (local.get $e))))
      (else (call $scalar (local.get $q) (local.get $e))))
    (local.get $e))

  ;; The tokens of the window at pos: the k-th bit of T is where the k-th token starts, the k-th bit of L its last
  ;; byte (see $split). A token takes the scalar rules when its last byte is a bit of P (a word followed by ' or a
  ;; joining - or ., a ' or a joiner before a word); the rest are spans straight from the masks, in an inner loop
  ;; with no variable shift (which x64 ties to one register) and few live values, so the compiled loop spills
  ;; nothing.
  (func $window (param $pos i32) (param $T i64) (param $L i64) (param $P i64)
    (local $low i64) (local $t i32) (local $a i32) (local $r i32) (local $q i32) (local $m i32) (local $at i32)
    (local.set $at (i32.add (global.get $spans) (i32.shl (global.get $ns) (i32.const 3))))
    (block $done (loop $outer
      (block $slow (loop $fast
        (br_if $done (i64.eqz (local.get $T)))
        (local.set $low (i64.and (local.get $L) (i64.sub (i64.const 0) (local.get $L))))
        (br_if $slow (i64.ne (i64.and (local.get $P) (local.get $low)) (i64.const 0)))
        (local.set $t (i32.wrap_i64 (i64.ctz (local.get $T))))
        (i32.store (local.get $at) (i32.add (local.get $pos) (local.get $t)))
        (i32.store offset=4 (local.get $at)
          (i32.sub (i32.add (i32.wrap_i64 (i64.ctz (local.get $L))) (i32.const 1)) (local.get $t)))
        (local.set $at (i32.add (local.get $at) (i32.const 8)))
        (local.set $T (i64.and (local.get $T) (i64.sub (local.get $T) (i64.const 1))))
        (local.set $L (i64.xor (local.get $L) (local.get $low)))
        (br $fast)))
      (local.set $t (i32.wrap_i64 (i64.ctz (local.get $T))))
      (local.set $a (i32.add (local.get $pos) (local.get $t)))
      (global.set $ns (i32.shr_u (i32.sub (local.get $at) (global.get $spans)) (i32.const 3)))
      (if ${isWord('(local.get $a)')}
        (then
          ;; the run of letters and digits ends at the token's last byte
          (local.set $r (i32.sub (i32.add (i32.wrap_i64 (i64.ctz (local.get $L))) (i32.const 1)) (local.get $t)))
          (local.set $q (call $wordTail (local.get $a) (i32.add (local.get $a) (local.get $r)))))
        (else
          ;; a ' starts a clitic or is its own token; a joiner is its own token
          (local.set $m (select (call $cliticLength (local.get $a)) (i32.const 0)
            (i32.eq (i32.load8_u (local.get $a)) (i32.const 0x27))))
          (local.set $m (select (local.get $m) (i32.const 1) (local.get $m)))
          (call $span (local.get $a) (local.get $m))
          (local.set $q (i32.add (local.get $a) (local.get $m)))))
      (local.set $low (i64.shl (i64.const -1) (i64.extend_i32_u (i32.sub (local.get $q) (local.get $pos)))))
      (local.set $T (i64.and (local.get $T) (local.get $low)))
      (local.set $L (i64.and (local.get $L) (local.get $low)))
      (local.set $at (i32.add (global.get $spans) (i32.shl (global.get $ns) (i32.const 3))))
      (br $outer)))
    (global.set $ns (i32.shr_u (i32.sub (local.get $at) (global.get $spans)) (i32.const 3))))

  ;; Pass 1 over the n bytes at p (followed by zero padding). Windows of 64 bytes are cut after their last
  ;; separator, so no token crosses a window; a piece with a non-ASCII byte becomes a chunk.
  (func $split (param $p i32) (param $n i32)
    (local $pos i32) (local $end i32) (local $v v128) (local $W i64) (local $S i64) (local $X i64) (local $A i64) (local $J i64) (local $M i64)
    (local $cut i32) (local $lim i64) (local $x i32) (local $sb i64) (local $cs i32) (local $q i32)
    (local.set $pos (local.get $p))
    (local.set $end (i32.add (local.get $p) (local.get $n)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $pos) (local.get $end)))
      ${windowMasks}
      ;; ' and the joiners followed by a letter or digit: where the scalar rules start. A token takes them when
      ;; such a byte follows a word, or is the token itself (P marks the token's last byte).
      (local.set $M (i64.or (local.get $A) (i64.and (local.get $J) (i64.shr_u (local.get $W) (i64.const 1)))))
      (local.set $M (i64.or
        (i64.and (i64.shr_u (local.get $M) (i64.const 1))
          (i64.and (local.get $W) (i64.xor (i64.shr_u (local.get $W) (i64.const 1)) (i64.const -1))))
        (i64.and (local.get $M) (i64.xor (i64.or (local.get $W) (local.get $S)) (i64.const -1)))))
      (if (i64.eqz (i64.and (local.get $S) (i64.const -2))) (then
        ;; no separator after the first byte: one long piece, byte at a time
        (local.set $q (local.get $pos))
        (if (i32.eqz (i32.load8_u (i32.load8_u (local.get $q)))) (then (local.set $q (i32.add (local.get $q) (i32.const 1)))))
        (local.set $pos (call $piece (local.get $q)))
        (br $next)))
      (local.set $cut (i32.sub (i32.const 63) (i32.wrap_i64 (i64.clz (i64.and (local.get $S) (i64.const -2))))))
      (local.set $lim ${lowBits('(local.get $cut)')})
      (if (i64.ne (i64.and (local.get $X) (local.get $lim)) (i64.const 0)) (then
        ;; tokens up to the separator before the first non-ASCII byte, then that byte's piece as a chunk
        (local.set $x (i32.wrap_i64 (i64.ctz (i64.and (local.get $X) (local.get $lim)))))
        (local.set $sb (i64.and (local.get $S) ${lowBits('(local.get $x)')}))
        (local.set $cs (select (i32.sub (i32.const 64) (i32.wrap_i64 (i64.clz (local.get $sb)))) (i32.const 0)
          (i64.ne (local.get $sb) (i64.const 0))))
        (call $window (local.get $pos) ${starts(lowBits('(local.get $cs)'))} ${lastBytes(lowBits('(local.get $cs)'))} (local.get $M))
        (local.set $pos (call $piece (i32.add (local.get $pos) (local.get $cs))))
        (br $next)))
      (call $window (local.get $pos) ${starts('(local.get $lim)')} ${lastBytes('(local.get $lim)')} (local.get $M))
      (local.set $pos (i32.add (local.get $pos) (local.get $cut)))
      (br $next))))
`;
