/**
 * The WebAssembly text of the fused LSTM's elementwise kernels. Each kernel is written once in a tiny template
 * language and expanded twice: a SIMD loop over 4 floats at a time, then a scalar loop for the tail, so any
 * hidden size works. `scripts/build-kernels.ts` assembles it (wabt) into `kernels-binary.ts`.
 *
 * Template: `(LD $p)` loads the float at `$p + u`, `(ST $p value)` stores there, `ADD SUB MUL` are f32 ops,
 * `ONE`/`TWO` constants, `$v_name` a float local (v128 in the SIMD loop, f32 in the scalar one).
 */

interface Kernel {
  name: string;
  /** i32 parameters, in order. */
  params: string[];
  /** i32 locals set per row. */
  rowLocals: string[];
  /** Statements run at the start of each row (may `br $next` to skip the row). */
  rowSetup: string;
  /** Float locals of the element body. */
  floatLocals: string[];
  body: string;
}

function expand(body: string, simd: boolean): string {
  const t = simd ? 'f32x4' : 'f32';
  return body
    .replace(
      /\(LD (\$\w+)\)/g,
      (_, p: string) => `(${simd ? 'v128' : 'f32'}.load (i32.add (local.get ${p}) (local.get $u)))`,
    )
    .replace(
      /\(ST (\$\w+)/g,
      (_, p: string) => `(${simd ? 'v128' : 'f32'}.store (i32.add (local.get ${p}) (local.get $u))`,
    )
    .replace(/\(ADD /g, `(${t}.add `)
    .replace(/\(SUB /g, `(${t}.sub `)
    .replace(/\(MUL /g, `(${t}.mul `)
    .replace(/\bONE\b/g, simd ? '(v128.const f32x4 1 1 1 1)' : '(f32.const 1)')
    .replace(/\bTWO\b/g, simd ? '(v128.const f32x4 2 2 2 2)' : '(f32.const 2)')
    .replace(/\$v_(\w+)/g, (_, n: string) => (simd ? `$v_${n}` : `$s_${n}`));
}

function kernel(k: Kernel): string {
  const params = k.params.map((p) => `(param $${p} i32)`).join(' ');
  const locals = [
    '(local $r i32) (local $u i32) (local $hb i32) (local $hv i32)',
    ...k.rowLocals.map((l) => `(local $${l} i32)`),
    ...k.floatLocals.map((l) => `(local $v_${l} v128) (local $s_${l} f32)`),
  ].join(' ');
  return `
  (func (export "${k.name}") ${params} ${locals}
    (local.set $hb (i32.shl (local.get $h) (i32.const 2)))
    (local.set $hv (i32.and (local.get $hb) (i32.const -16)))
    (local.set $r (i32.const 0))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $r) (local.get $rows)))
        (block $next
          ${k.rowSetup}
          (local.set $u (i32.const 0))
          (block $vec_done
            (loop $vec
              (br_if $vec_done (i32.ge_u (local.get $u) (local.get $hv)))
              ${expand(k.body, true)}
              (local.set $u (i32.add (local.get $u) (i32.const 16)))
              (br $vec)))
          (block $tail_done
            (loop $tail
              (br_if $tail_done (i32.ge_u (local.get $u) (local.get $hb)))
              ${expand(k.body, false)}
              (local.set $u (i32.add (local.get $u) (i32.const 4)))
              (br $tail))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows)))
  )`;
}

/** rowBase(ptr, strideBytesExpr) → `ptr + r * stride`. */
const at = (ptr: string, stride: string): string =>
  `(i32.add (local.get $${ptr}) (i32.mul (local.get $r) ${stride}))`;
const HB = '(local.get $hb)';
const GB = '(i32.shl (local.get $hb) (i32.const 2))';

const kernels: Kernel[] = [
  {
    // Gates → cell: act rows hold sigmoid(i, f, 2·c̃, o); writes tanh(c̃) back, c and 2c.
    name: 'cell_fwd',
    params: ['act', 'cprev', 'cnext', 'twoc', 'rows', 'h'],
    rowLocals: ['ai', 'af', 'ag', 'cp', 'cn', 'tw'],
    rowSetup: `
          (local.set $ai ${at('act', GB)})
          (local.set $af (i32.add (local.get $ai) ${HB}))
          (local.set $ag (i32.add (local.get $af) ${HB}))
          (local.set $cp ${at('cprev', HB)})
          (local.set $cn ${at('cnext', HB)})
          (local.set $tw ${at('twoc', HB)})`,
    floatLocals: ['g', 'c'],
    body: `
              (local.set $v_g (SUB (MUL TWO (LD $ag)) ONE))
              (ST $ag (local.get $v_g))
              (local.set $v_c (ADD (MUL (LD $af) (LD $cp)) (MUL (LD $ai) (local.get $v_g))))
              (ST $cn (local.get $v_c))
              (ST $tw (MUL TWO (local.get $v_c)))`,
  },
  {
    // Cell → hidden: tanh(c) = 2·sigmoid(2c) − 1, h = o·tanh(c); h rows have their own stride (bytes).
    name: 'hidden_fwd',
    params: ['act', 'sigc', 'tc', 'hout', 'hstride', 'rows', 'h'],
    rowLocals: ['ao', 'sc', 'tt', 'ho'],
    rowSetup: `
          (local.set $ao (i32.add ${at('act', GB)} (i32.mul (i32.const 3) ${HB})))
          (local.set $sc ${at('sigc', HB)})
          (local.set $tt ${at('tc', HB)})
          (local.set $ho ${at('hout', '(local.get $hstride)')})`,
    floatLocals: ['t'],
    body: `
              (local.set $v_t (SUB (MUL TWO (LD $sc)) ONE))
              (ST $tt (local.get $v_t))
              (ST $ho (MUL (LD $ao) (local.get $v_t)))`,
  },
  {
    // Backward through one step: gate gradients (pre-activation), and the cell gradient carried back.
    // Rows whose mask is 0 (padding) get zero gate gradients and keep their carried gradients.
    name: 'gates_bwd',
    params: ['s', 'tc', 'cprev', 'dout', 'dh', 'dc', 'dg', 'mask', 'rows', 'h'],
    rowLocals: ['si', 'sf', 'sg', 'so', 'tt', 'cp', 'do', 'dhr', 'dcr', 'gi', 'gf', 'gg', 'go'],
    rowSetup: `
          (local.set $gi ${at('dg', GB)})
          (if (i32.eqz (i32.load (i32.add (local.get $mask) (i32.shl (local.get $r) (i32.const 2)))))
            (then
              (memory.fill (local.get $gi) (i32.const 0) ${GB})
              (br $next)))
          (local.set $gf (i32.add (local.get $gi) ${HB}))
          (local.set $gg (i32.add (local.get $gf) ${HB}))
          (local.set $go (i32.add (local.get $gg) ${HB}))
          (local.set $si ${at('s', GB)})
          (local.set $sf (i32.add (local.get $si) ${HB}))
          (local.set $sg (i32.add (local.get $sf) ${HB}))
          (local.set $so (i32.add (local.get $sg) ${HB}))
          (local.set $tt ${at('tc', HB)})
          (local.set $cp ${at('cprev', HB)})
          (local.set $do ${at('dout', HB)})
          (local.set $dhr ${at('dh', HB)})
          (local.set $dcr ${at('dc', HB)})`,
    floatLocals: ['dh', 'dc', 'i', 'f', 'g', 'o', 't'],
    body: `
              (local.set $v_dh (ADD (LD $dhr) (LD $do)))
              (local.set $v_i (LD $si))
              (local.set $v_f (LD $sf))
              (local.set $v_g (LD $sg))
              (local.set $v_o (LD $so))
              (local.set $v_t (LD $tt))
              (local.set $v_dc (ADD (LD $dcr) (MUL (MUL (local.get $v_dh) (local.get $v_o)) (SUB ONE (MUL (local.get $v_t) (local.get $v_t))))))
              (ST $gi (MUL (MUL (local.get $v_dc) (local.get $v_g)) (MUL (local.get $v_i) (SUB ONE (local.get $v_i)))))
              (ST $gf (MUL (MUL (local.get $v_dc) (LD $cp)) (MUL (local.get $v_f) (SUB ONE (local.get $v_f)))))
              (ST $gg (MUL (MUL (local.get $v_dc) (local.get $v_i)) (SUB ONE (MUL (local.get $v_g) (local.get $v_g)))))
              (ST $go (MUL (MUL (local.get $v_dh) (local.get $v_t)) (MUL (local.get $v_o) (SUB ONE (local.get $v_o)))))
              (ST $dcr (MUL (local.get $v_dc) (local.get $v_f)))`,
  },
];

// f32 lanes a0..a3 and b0..b3 of two vectors, as the byte indices i8x16.shuffle takes.
const lanes = (...picks: string[]): string =>
  picks
    .map((p) => {
      const base = (p[0] === 'a' ? 0 : 16) + 4 * Number(p[1]);
      return [0, 1, 2, 3].map((k) => base + k).join(' ');
    })
    .join(' ');

const transpose = `
  ;; dst[j * rows + i] = src[i * cols + j]: 4×4 blocks transposed in registers (SIMD shuffles), the edges
  ;; that do not fill a block one float at a time.
  (func (export "transpose") (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32)
    (local $i i32) (local $j i32) (local $r4 i32) (local $c4 i32) (local $rb i32) (local $cb i32) (local $p i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $r4 (i32.and (local.get $rows) (i32.const -4)))
    (local.set $c4 (i32.and (local.get $cols) (i32.const -4)))
    (local.set $rb (i32.shl (local.get $rows) (i32.const 2)))
    (local.set $cb (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $i (i32.const 0))
    (block $id (loop $il
      (br_if $id (i32.ge_u (local.get $i) (local.get $r4)))
      (local.set $j (i32.const 0))
      (block $jd (loop $jl
        (br_if $jd (i32.ge_u (local.get $j) (local.get $c4)))
        (local.set $p (i32.add (local.get $src) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $cols)) (local.get $j)) (i32.const 2))))
        (local.set $a0 (v128.load (local.get $p)))
        (local.set $a1 (v128.load (i32.add (local.get $p) (local.get $cb))))
        (local.set $a2 (v128.load (i32.add (local.get $p) (i32.shl (local.get $cb) (i32.const 1)))))
        (local.set $a3 (v128.load (i32.add (local.get $p) (i32.mul (local.get $cb) (i32.const 3)))))
        (local.set $t0 (i8x16.shuffle ${lanes('a0', 'b0', 'a1', 'b1')} (local.get $a0) (local.get $a1)))
        (local.set $t1 (i8x16.shuffle ${lanes('a2', 'b2', 'a3', 'b3')} (local.get $a0) (local.get $a1)))
        (local.set $t2 (i8x16.shuffle ${lanes('a0', 'b0', 'a1', 'b1')} (local.get $a2) (local.get $a3)))
        (local.set $t3 (i8x16.shuffle ${lanes('a2', 'b2', 'a3', 'b3')} (local.get $a2) (local.get $a3)))
        (local.set $p (i32.add (local.get $dst) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $rows)) (local.get $i)) (i32.const 2))))
        (v128.store (local.get $p) (i8x16.shuffle ${lanes('a0', 'a1', 'b0', 'b1')} (local.get $t0) (local.get $t2)))
        (v128.store (i32.add (local.get $p) (local.get $rb)) (i8x16.shuffle ${lanes('a2', 'a3', 'b2', 'b3')} (local.get $t0) (local.get $t2)))
        (v128.store (i32.add (local.get $p) (i32.shl (local.get $rb) (i32.const 1))) (i8x16.shuffle ${lanes('a0', 'a1', 'b0', 'b1')} (local.get $t1) (local.get $t3)))
        (v128.store (i32.add (local.get $p) (i32.mul (local.get $rb) (i32.const 3))) (i8x16.shuffle ${lanes('a2', 'a3', 'b2', 'b3')} (local.get $t1) (local.get $t3)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $jl)))
      ;; columns past the last full block, for these 4 rows
      (block $ed (loop $el
        (br_if $ed (i32.ge_u (local.get $j) (local.get $cols)))
        (call $copy_col4 (local.get $src) (local.get $dst) (local.get $rows) (local.get $cols) (local.get $i) (local.get $j))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $el)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $il)))
    ;; rows past the last full block
    (block $rd (loop $rl
      (br_if $rd (i32.ge_u (local.get $i) (local.get $rows)))
      (local.set $j (i32.const 0))
      (block $cd (loop $cl
        (br_if $cd (i32.ge_u (local.get $j) (local.get $cols)))
        (f32.store
          (i32.add (local.get $dst) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $rows)) (local.get $i)) (i32.const 2)))
          (f32.load (i32.add (local.get $src) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $cols)) (local.get $j)) (i32.const 2)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $cl)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $rl)))
  )
  ;; dst[j * rows + i + k] = src[(i + k) * cols + j] for k = 0..3
  (func $copy_col4 (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32) (param $i i32) (param $j i32)
    (local $k i32)
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $k) (i32.const 4)))
      (f32.store
        (i32.add (local.get $dst) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $rows)) (i32.add (local.get $i) (local.get $k))) (i32.const 2)))
        (f32.load (i32.add (local.get $src) (i32.shl (i32.add (i32.mul (i32.add (local.get $i) (local.get $k)) (local.get $cols)) (local.get $j)) (i32.const 2)))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $l)))
  )`;

const accumulate = `
  ;; dst[i] += src[i] for n floats (SIMD, then a scalar tail).
  (func (export "accumulate") (param $dst i32) (param $src i32) (param $n i32)
    (local $i i32) (local $end i32) (local $vend i32)
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (local.set $vend (i32.and (local.get $end) (i32.const -16)))
    (block $vd (loop $vl
      (br_if $vd (i32.ge_u (local.get $i) (local.get $vend)))
      (v128.store (i32.add (local.get $dst) (local.get $i))
        (f32x4.add (v128.load (i32.add (local.get $dst) (local.get $i))) (v128.load (i32.add (local.get $src) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $vl)))
    (block $sd (loop $sl
      (br_if $sd (i32.ge_u (local.get $i) (local.get $end)))
      (f32.store (i32.add (local.get $dst) (local.get $i))
        (f32.add (f32.load (i32.add (local.get $dst) (local.get $i))) (f32.load (i32.add (local.get $src) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $sl)))
  )`;

/** The kernels module's WebAssembly text: imports the XNN module's memory as `env.memory`. */
export function kernelsWat(): string {
  return `(module
  (import "env" "memory" (memory 0))
${kernels.map(kernel).join('\n')}
${transpose}
${accumulate}
)
`;
}
