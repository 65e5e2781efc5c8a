/**
 * The WebAssembly text of the fused LSTM's matrix multiply, `C = A·B` or `C += A·B`, in two builds: plain SIMD
 * (`f32x4.mul` then `f32x4.add`) and relaxed SIMD (`f32x4.relaxed_madd`, one fused multiply-add where the CPU has
 * one). Measured at the LSTM's step shape (64×179 · 179×512) on this project's 2-core machine: about 1.2× (plain)
 * and 1.6× (relaxed) the speed of tfjs-wasm's XNNPACK matMul, whose wasm kernels predate relaxed SIMD.
 *
 * Layout. A is read through two strides, so a transposed operand needs no copy: `A[i][k]` is at
 * `a + i·aRowStride + k·aColStride` (bytes). B is packed once by `pack` into column panels: columns `[j, j+8)` for
 * every full group of 8, then panels of 4 (the last zero-padded), each panel `k` rows of its width, the panel of
 * column `j` starting `j·k` floats into the packed buffer (which holds `k·⌈n/4⌉·4` floats). C is row-major with
 * row stride `ldc` bytes.
 *
 * Tiles of 4 rows × 8 columns keep 8 accumulators in registers and read each B panel from L1; the edges use
 * 1-row and 4-column tiles. Rows go in blocks of 64, each block through every panel. Stores past column `n`
 * never happen (the 4-column tile stores only its valid lanes).
 */

/** One tile: `rows` (4 or 1) × `vectors` (2 or 1) × 4 columns over all k, added to or stored into C. */
function tile(name: string, rows: number, vectors: number, fma: boolean): string {
  const acc = (r: number, v: number): string => `$c${r}_${v}`;
  const locals: string[] = [];
  for (let r = 0; r < rows; r++) {
    locals.push(`(local $a${r} i32)`);
    for (let v = 0; v < vectors; v++) locals.push(`(local ${acc(r, v)} v128)`);
  }
  for (let v = 0; v < vectors; v++) locals.push(`(local $b${v} v128)`);
  const madd = (a: string, b: string, c: string): string =>
    fma ? `(f32x4.relaxed_madd ${a} ${b} ${c})` : `(f32x4.add ${c} (f32x4.mul ${a} ${b}))`;
  const init: string[] = [];
  const step: string[] = [];
  const store: string[] = [];
  for (let v = 0; v < vectors; v++) {
    step.push(`(local.set $b${v} (v128.load offset=${16 * v} (local.get $bp)))`);
  }
  for (let r = 0; r < rows; r++) {
    init.push(`(local.set $a${r} (i32.add (local.get $ap) (i32.mul (local.get $ars) (i32.const ${r}))))`);
    step.push(`(local.set $s (v128.load32_splat (local.get $a${r})))`);
    for (let v = 0; v < vectors; v++) {
      step.push(
        `(local.set ${acc(r, v)} ${madd('(local.get $s)', `(local.get $b${v})`, `(local.get ${acc(r, v)})`)})`,
      );
    }
    step.push(`(local.set $a${r} (i32.add (local.get $a${r}) (local.get $aks)))`);
    const row = `(i32.add (local.get $cp) (i32.mul (local.get $ldc) (i32.const ${r})))`;
    if (vectors === 2) {
      for (let v = 0; v < vectors; v++) {
        const value = `(select (f32x4.add (v128.load offset=${16 * v} ${row}) (local.get ${acc(r, v)})) (local.get ${acc(r, v)}) (local.get $acc))`;
        store.push(`(v128.store offset=${16 * v} ${row} ${value})`);
      }
    } else {
      // A 4-column tile at the right edge reads and writes only its `valid` lanes of C (the others may lie past
      // the end of C's buffer).
      for (let lane = 0; lane < 4; lane++) {
        const old = `(select (f32.load offset=${4 * lane} ${row}) (f32.const 0) (local.get $acc))`;
        const put = `(f32.store offset=${4 * lane} ${row} (f32.add (f32x4.extract_lane ${lane} (local.get ${acc(r, 0)})) ${old}))`;
        store.push(lane === 0 ? put : `(if (i32.gt_u (local.get $valid) (i32.const ${lane})) (then ${put}))`);
      }
    }
  }
  return `
  (func $${name} (param $ap i32) (param $ars i32) (param $aks i32) (param $bp i32) (param $cp i32) (param $ldc i32)
      (param $k i32) (param $acc i32) (param $valid i32)
    (local $kk i32) (local $s v128) ${locals.join(' ')}
    ${init.join('\n    ')}
    (local.set $kk (local.get $k))
    (loop $inner
      ${step.join('\n      ')}
      (local.set $bp (i32.add (local.get $bp) (i32.const ${16 * vectors})))
      (local.set $kk (i32.sub (local.get $kk) (i32.const 1)))
      (br_if $inner (local.get $kk)))
    ${store.join('\n    ')}
  )`;
}

/** Runs `tile4` over the block's rows `[$i0, $iend)` in fours, `tile1` over the rest, for the panel of column `$j`. */
function panelRows(tile4: string, tile1: string, valid: string): string {
  const args = (i: string): string =>
    `(i32.add (local.get $a) (i32.mul (local.get ${i}) (local.get $ars))) (local.get $ars) (local.get $aks)
          (local.get $bp) (i32.add (local.get $c) (i32.add (i32.mul (local.get ${i}) (local.get $ldc)) (i32.shl (local.get $j) (i32.const 2))))
          (local.get $ldc) (local.get $k) (local.get $acc) ${valid}`;
  return `
      (local.set $bp (i32.add (local.get $b) (i32.shl (i32.mul (local.get $j) (local.get $k)) (i32.const 2))))
      (local.set $i (local.get $i0))
      (block $r4d (loop $r4
        (br_if $r4d (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $iend)))
        (call $${tile4} ${args('$i')})
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $r4)))
      (block $r1d (loop $r1
        (br_if $r1d (i32.ge_u (local.get $i) (local.get $iend)))
        (call $${tile1} ${args('$i')})
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $r1)))`;
}

/**
 * Rows per block: each block of A (64 rows) is multiplied by every panel of B before the next block starts, so
 * a tall A (the input gradient's, all time steps at once) is read from memory once, not once per panel.
 */
const ROW_BLOCK = 64;

const gemm = `
  ;; C[m×n] (=|+=) A[m×k] · B[k×n], B packed by "pack". Does nothing when m, k or n is 0.
  (func (export "gemm") (param $a i32) (param $ars i32) (param $aks i32) (param $b i32) (param $c i32)
      (param $ldc i32) (param $m i32) (param $k i32) (param $n i32) (param $acc i32)
    (local $i i32) (local $j i32) (local $bp i32) (local $i0 i32) (local $iend i32)
    (if (i32.or (i32.eqz (local.get $m)) (i32.or (i32.eqz (local.get $k)) (i32.eqz (local.get $n)))) (then (return)))
    (loop $blocks
      (local.set $iend (i32.add (local.get $i0) (i32.const ${ROW_BLOCK})))
      (if (i32.gt_u (local.get $iend) (local.get $m)) (then (local.set $iend (local.get $m))))
      (local.set $j (i32.const 0))
      (block $w8d (loop $w8
        (br_if $w8d (i32.gt_u (i32.add (local.get $j) (i32.const 8)) (local.get $n)))
        ${panelRows('tile4x8', 'tile1x8', '(i32.const 8)')}
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $w8)))
      (block $w4d (loop $w4
        (br_if $w4d (i32.ge_u (local.get $j) (local.get $n)))
        ${panelRows('tile4x4', 'tile1x4', '(i32.sub (local.get $n) (local.get $j))')}
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $w4)))
      (local.set $i0 (local.get $iend))
      (br_if $blocks (i32.lt_u (local.get $i0) (local.get $m))))
  )`;

const pack = `
  ;; Packs B[k×n] (row stride lds bytes) into the panels "gemm" reads; the last 4-column panel is zero-padded.
  (func (export "pack") (param $src i32) (param $lds i32) (param $dst i32) (param $k i32) (param $n i32)
    (local $j i32) (local $r i32) (local $s i32) (local $w i32) (local $lane i32)
    (block $w8d (loop $w8
      (br_if $w8d (i32.gt_u (i32.add (local.get $j) (i32.const 8)) (local.get $n)))
      (local.set $s (i32.add (local.get $src) (i32.shl (local.get $j) (i32.const 2))))
      (local.set $r (local.get $k))
      (block $rd (loop $rl
        (br_if $rd (i32.eqz (local.get $r)))
        (v128.store (local.get $dst) (v128.load (local.get $s)))
        (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $s)))
        (local.set $s (i32.add (local.get $s) (local.get $lds)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
        (local.set $r (i32.sub (local.get $r) (i32.const 1)))
        (br $rl)))
      (local.set $j (i32.add (local.get $j) (i32.const 8)))
      (br $w8)))
    (block $w4d (loop $w4
      (br_if $w4d (i32.ge_u (local.get $j) (local.get $n)))
      (local.set $w (i32.sub (local.get $n) (local.get $j)))
      (local.set $s (i32.add (local.get $src) (i32.shl (local.get $j) (i32.const 2))))
      (local.set $r (local.get $k))
      (block $rd (loop $rl
        (br_if $rd (i32.eqz (local.get $r)))
        (if (i32.ge_u (local.get $w) (i32.const 4))
          (then (v128.store (local.get $dst) (v128.load (local.get $s))))
          (else
            (v128.store (local.get $dst) (v128.const i32x4 0 0 0 0))
            (local.set $lane (i32.const 0))
            (block $ld (loop $ll
              (br_if $ld (i32.ge_u (local.get $lane) (local.get $w)))
              (f32.store (i32.add (local.get $dst) (i32.shl (local.get $lane) (i32.const 2)))
                (f32.load (i32.add (local.get $s) (i32.shl (local.get $lane) (i32.const 2)))))
              (local.set $lane (i32.add (local.get $lane) (i32.const 1)))
              (br $ll)))))
        (local.set $s (i32.add (local.get $s) (local.get $lds)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (local.set $r (i32.sub (local.get $r) (i32.const 1)))
        (br $rl)))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $w4)))
  )`;

/** The matrix-multiply functions (`gemm`, `pack` and their tiles), for the kernels module. */
export function gemmWat(fma: boolean): string {
  return [
    tile('tile4x8', 4, 2, fma),
    tile('tile1x8', 1, 2, fma),
    tile('tile4x4', 4, 1, fma),
    tile('tile1x4', 1, 1, fma),
    gemm,
    pack,
  ].join('\n');
}
