import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { BiLstmError } from '../errors.ts';
import { keepProcessListenersSync } from '../keep-process-listeners.ts';
import { kernelsBase64, kernelsFmaBase64 } from './kernels-binary.ts';
import { relaxedSimdEnabled } from './relaxed-simd.ts';

/** The parts of tfjs-backend-wasm's Emscripten module the fused LSTM calls directly. */
interface EmscriptenModule {
  asm: { memory: unknown };
  HEAPF32: Float32Array;
  HEAP32: Int32Array;
  _init(): void;
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  _register_tensor(id: number, size: number, ptr: number): void;
  _dispose_data(id: number): void;
  _Sigmoid(xId: number, outId: number): void;
}

interface FactoryOptions {
  print?: (s: string) => void;
  printErr?: (s: string) => void;
  instantiateWasm?: (imports: object, receive: (instance: object) => void) => object;
}
type Factory = (options: FactoryOptions) => Promise<EmscriptenModule>;

/** The tfjs-backend-wasm version whose private Emscripten module this file was written against. */
export const pinnedWasmBackendVersion = '4.22.0';

/** The private members of tfjs-backend-wasm's Emscripten module that the engine uses. */
export const privateWasmNames = [
  '_init',
  '_malloc',
  '_free',
  '_register_tensor',
  '_dispose_data',
  '_Sigmoid',
  'HEAPF32',
  'HEAP32',
  'asm.memory',
] as const;

/** Which of {@link privateWasmNames} a module object lacks (none for the pinned version). */
export function missingPrivateNames(mod: object): string[] {
  const m = mod as Record<string, unknown> & { asm?: Record<string, unknown> };
  return privateWasmNames.filter((name) =>
    name === 'asm.memory' ? m.asm?.['memory'] === undefined : m[name] === undefined,
  );
}

/** The fused LSTM's own elementwise kernels (see kernels-wat.ts); pointers are byte addresses on the heap. */
export interface LstmKernels {
  cell_fwd(act: number, cprev: number, cnext: number, twoc: number, rows: number, h: number): void;
  hidden_fwd(
    act: number,
    sigc: number,
    tc: number,
    hout: number,
    hstrideBytes: number,
    rows: number,
    h: number,
  ): void;
  gates_bwd(
    s: number,
    tc: number,
    cprev: number,
    dout: number,
    dh: number,
    dc: number,
    dg: number,
    mask: number,
    rows: number,
    h: number,
  ): void;
  /**
   * C[m×n] = A[m×k]·B[k×n], or C += A·B when `accumulate` is 1 (see `gemm-wat.ts`). `A[i][k]` is at
   * `a + i·aRowStride + k·aColStride`; `b` was packed by {@link pack}; C rows are `ldc` bytes apart.
   */
  gemm(
    a: number,
    aRowStride: number,
    aColStride: number,
    b: number,
    c: number,
    ldc: number,
    m: number,
    k: number,
    n: number,
    accumulate: number,
  ): void;
  /** Packs B[k×n] (rows `ldb` bytes apart) into `dst`, which holds {@link packedLength}(k, n) floats. */
  pack(src: number, ldb: number, dst: number, k: number, n: number): void;
}

/** Floats a packed `k × n` right-hand operand takes: columns are padded to a multiple of 4. */
export function packedLength(k: number, n: number): number {
  return k * Math.ceil(n / 4) * 4;
}

/** The slice of the global WebAssembly API used here (Node has it; the DOM lib that types it is not loaded). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}
let xnnCompiled: object | null = null;
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
let kernelsModule: object | null = null;

/**
 * A float32 buffer on an XNN module's heap, registered as a tensor id the module's kernels accept. `view()`
 * re-creates the typed array because the heap's ArrayBuffer changes when the heap grows.
 */
export interface HeapBuffer {
  /** Byte address on the heap. */
  readonly ptr: number;
  /** Number of float32 elements. */
  readonly length: number;
  /** The tensor id kernels know this buffer by; changes on `invalidate()`. */
  id: number;
}

const require = createRequire(import.meta.url);

function loadFactory(): { factory: Factory; wasmBinary: Uint8Array } {
  // Read once per thread.
  try {
    const factoryPath = require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm.js');
    // The plain factory drives both the scalar and the SIMD binary; SIMD is what makes XNNPACK fast.
    const wasmBinary = readFileSync(factoryPath.replace(/\.js$/, '-simd.wasm'));
    return { factory: require(factoryPath) as Factory, wasmBinary };
  } catch (cause) {
    throw new BiLstmError(
      'BACKEND_UNAVAILABLE',
      'the fused BiLSTM needs @tensorflow/tfjs-backend-wasm (its XNNPACK kernels); install it next to @sentikit/bilstm',
      { cause },
    );
  }
}

let nextTensorId = 1;

/**
 * One private instance of tfjs-backend-wasm's WebAssembly module (XNNPACK inside), used as a kernel library:
 * buffers live on its heap, XNNPACK's sigmoid runs on them without any tfjs engine bookkeeping, and the LSTM's own
 * kernels (matrix multiply included) share the heap. Each thread that computes owns one.
 */
export class XnnModule {
  private readonly m: EmscriptenModule;
  /** The LSTM's own kernels, sharing this module's memory. */
  readonly kernels: LstmKernels;
  /** Whether {@link kernels} is the relaxed-SIMD build (fused multiply-add). */
  readonly fma: boolean;

  private constructor(m: EmscriptenModule, kernels: LstmKernels, fma: boolean) {
    this.m = m;
    this.kernels = kernels;
    this.fma = fma;
  }

  /**
   * Instantiates a fresh module, synchronously (the binary is compiled once per thread and cached), leaving
   * the process's exception listeners as they were.
   */
  static create(): XnnModule {
    const { factory, wasmBinary } = loadFactory();
    xnnCompiled ??= new wasmApi.Module(wasmBinary);
    const compiled = xnnCompiled;
    const silent = (): void => {};
    // With a synchronous instantiateWasm the glue fills in the module object before the factory returns.
    const m = {
      print: silent,
      printErr: silent,
      instantiateWasm(imports: object, receive: (instance: object) => void): object {
        const instance = new wasmApi.Instance(compiled, imports);
        receive(instance);
        return instance.exports;
      },
    } as FactoryOptions & Partial<EmscriptenModule>;
    keepProcessListenersSync(() => void factory(m).catch(silent));
    const mod = m as EmscriptenModule;
    const missing = missingPrivateNames(mod);
    if (missing.length > 0) {
      throw new BiLstmError(
        'BACKEND_UNAVAILABLE',
        `@tensorflow/tfjs-backend-wasm lacks ${missing.join(', ')} (private names of its Emscripten module that the fused BiLSTM uses); install @tensorflow/tfjs-backend-wasm@${pinnedWasmBackendVersion}`,
      );
    }
    mod._init();
    // Decided once per thread, like the compiled module it picks.
    const fma = relaxedSimdEnabled();
    kernelsModule ??= new wasmApi.Module(Buffer.from(fma ? kernelsFmaBase64 : kernelsBase64, 'base64'));
    const instance = new wasmApi.Instance(kernelsModule, { env: { memory: mod.asm.memory } });
    return new XnnModule(mod, instance.exports as unknown as LstmKernels, fma);
  }

  /** The live float32 view of the whole heap (re-read after any allocation: growth replaces it). */
  get heap(): Float32Array {
    return this.m.HEAPF32;
  }

  /** Allocates `bytes` raw bytes (not a tensor), for int32 masks and the like. */
  allocBytes(bytes: number): number {
    const ptr = this.m._malloc(Math.max(4, bytes)) >>> 0;
    if (ptr === 0) throw new BiLstmError('ENGINE_FAILED', `out of wasm memory allocating ${bytes} bytes`);
    return ptr;
  }

  /** Frees memory from `allocBytes`. */
  freeBytes(ptr: number): void {
    this.m._free(ptr);
  }

  /** The live int32 view of the whole heap. */
  get heap32(): Int32Array {
    return this.m.HEAP32;
  }

  /** Allocates `length` floats, registered as a tensor. */
  alloc(length: number): HeapBuffer {
    const ptr = this.m._malloc(Math.max(1, length) * 4) >>> 0;
    if (ptr === 0) throw new BiLstmError('ENGINE_FAILED', `out of wasm memory allocating ${length} floats`);
    const id = nextTensorId++;
    this.m._register_tensor(id, length, ptr);
    return { ptr, length, id };
  }

  /** A registered tensor id for `length` floats starting `offset` floats into `buf` (no copy). */
  view(buf: HeapBuffer, offset: number, length: number): HeapBuffer {
    const ptr = buf.ptr + offset * 4;
    const id = nextTensorId++;
    this.m._register_tensor(id, length, ptr);
    return { ptr, length, id };
  }

  /** Frees a buffer allocated with `alloc`. */
  free(buf: HeapBuffer): void {
    this.m._dispose_data(buf.id);
    this.m._free(buf.ptr);
  }

  /** Forgets a view's id (the memory belongs to its parent buffer). */
  release(view: HeapBuffer): void {
    this.m._dispose_data(view.id);
  }

  /** A typed-array window onto a buffer (valid until the next allocation). */
  f32(buf: HeapBuffer, offset = 0, length = buf.length - offset): Float32Array {
    return new Float32Array(this.m.HEAPF32.buffer, buf.ptr + offset * 4, length);
  }

  /** out = 1 / (1 + exp(-x)), elementwise over the buffers' common length (XNNPACK's vectorised sigmoid). */
  sigmoid(x: HeapBuffer, out: HeapBuffer): void {
    this.m._Sigmoid(x.id, out.id);
  }
}
