import { gemmWat } from './gemm-wat.ts';

/**
 * The WebAssembly text of the fused LSTM's elementwise kernels (and, from `gemm-wat.ts`, its matrix multiply).
 * Each elementwise kernel is written once in a tiny template language and expanded twice: a SIMD loop over 4
 * floats at a time, then a scalar loop for the tail, so any hidden size works. `scripts/build-kernels.ts`
 * assembles it (wabt) into `kernels-binary.ts`.
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

/**
 * The kernels module's WebAssembly text: imports the XNN module's memory as `env.memory`. `fma` selects the
 * matrix multiply's relaxed-SIMD build (see `gemm-wat.ts`).
 */
export function kernelsWat(fma: boolean): string {
  return `(module
  (import "env" "memory" (memory 0))
${kernels.map(kernel).join('\n')}
${gemmWat(fma)}
)
`;
}
