import { APOS, ASCII_CLASS, ASCII_STRING, SPACE, WORD } from './char-classes.ts';
import { scannerBase64 } from './scanner-binary.ts';
import {
  BYTE_CLASS,
  INTERN_LAYOUT,
  SCANNER_IO_START,
  SCANNER_MISS_COUNT,
  SCANNER_PADDING,
} from './scanner-layout.ts';

/**
 * The longest text (UTF-16 code units) the scanner takes; longer ones use the JavaScript splitter. It bounds the
 * scanner's memory at about 27 bytes per code unit (7 MiB) plus its 3 MiB of intern tables.
 */
export const MAX_SCAN_LENGTH = 1 << 18;

/** A code unit of 256 or more: such text is written as UTF-8, the rest as Latin-1. */
const BEYOND_LATIN1 = /[\u0100-\uffff]/;

/** The miss kind of a token that is not interned (see `scanner-wat-intern.ts`). */
const NOT_INTERNED = -1;

/** A chunk's miss kind is `CHUNK_AT - k`, with `k` the position of its code. */
const CHUNK_AT = -2;

/** Codes from here on are the scan's uninterned tokens: code `SCRATCH + m` is miss `m`. */
const SCRATCH = INTERN_LAYOUT.maxIds;

/** The slice of the global WebAssembly API used here (Node has it; the DOM lib that types it is not loaded). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: object };
}

interface ScannerExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  init(): void;
  prepare(p: number, n: number, flags: number): number;
  scan(p: number, n: number, spans: number, codes: number, misses: number, latin1: number): number;
}

/** Maps the scanner's intern ids to vocabulary ids (-1 until looked up); one per vocabulary. */
export type InternedIds = Int32Array;

/** A fresh {@link InternedIds} for one vocabulary. */
export function createInternedIds(): InternedIds {
  return new Int32Array(INTERN_LAYOUT.maxIds).fill(-1);
}

/**
 * The fast path's native half (a WebAssembly module, one per thread) and its JavaScript glue: writes a text
 * (after the markup steps) into the module's memory as UTF-8, readies and scans it, and turns the codes into
 * token strings or vocabulary ids. Interned token strings are made once and then shared by every later text, up to
 * {@link INTERN_LAYOUT.maxIds} of them (the first distinct tokens seen; later new tokens are sliced each time).
 * Not re-entrant: each call finishes before the next starts (it never calls back into user code).
 */
export class FastScanner {
  static #shared: FastScanner | undefined;
  readonly #exports: ScannerExports;
  /**
   * Interned tokens by id (ids below 128 are one-byte tokens, the rest arrive as the scans report them), then from
   * {@link SCRATCH} the last scan's uninterned tokens and one-token chunks. Filled up front, so it stays a packed
   * array.
   */
  readonly #strings: string[] = packedStrings(SCRATCH);
  readonly #encoder = new TextEncoder();
  #u8: Uint8Array;
  #i32: Int32Array;
  /** Where texts are written: 3 bytes per code unit of capacity (a view made once per growth, not per text). */
  #input: Uint8Array;
  /** The same bytes as a Buffer, for Latin-1 writes. */
  #inputBuffer: Buffer;
  /** Code positions and tokens of the last scan's chunks of other than one token (see {@link #internNew}). */
  readonly #spliceAt: number[] = [];
  readonly #spliceParts: (readonly string[])[] = [];
  /** Whether the last text was written as Latin-1 (else UTF-8). */
  #latin1 = false;
  /** Capacity in code units, and where the outputs start (i32 indices). */
  #capacity = 0;
  #spansAt = 0;
  #codesAt = 0;
  #missesAt = 0;

  private constructor() {
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const module = new wasm.Module(Buffer.from(scannerBase64, 'base64'));
    this.#exports = new wasm.Instance(module).exports as ScannerExports;
    this.#u8 = new Uint8Array(this.#exports.memory.buffer);
    this.#i32 = new Int32Array(this.#exports.memory.buffer);
    this.#input = this.#u8.subarray(0, 0);
    this.#inputBuffer = Buffer.from(this.#exports.memory.buffer, 0, 0);
    for (let c = 0; c < 256; c++) this.#u8[c] = byteClass(c);
    this.#exports.init();
  }

  /** The scanner of this thread, created on first use. */
  static shared(): FastScanner {
    FastScanner.#shared ??= new FastScanner();
    return FastScanner.#shared;
  }

  /**
   * Writes `text` (at most {@link MAX_SCAN_LENGTH} code units) for {@link scan}, as Latin-1 when every code unit
   * is below 256 and as UTF-8 otherwise (either way, ASCII is ASCII and every other character is bytes of 0x80 and
   * up), and returns the number of bytes, which {@link prepare} needs next.
   */
  write(text: string): number {
    this.#reserve(text.length);
    // Text within Latin-1 (nearly all reviews) is copied a byte per code unit, which for V8's one-byte strings is a
    // memory copy; UTF-8 encoding costs several times more when the text has a non-ASCII character.
    this.#latin1 = !BEYOND_LATIN1.test(text);
    if (this.#latin1) return this.#inputBuffer.write(text, 0, 'latin1');
    return this.#encoder.encodeInto(text, this.#input).written;
  }

  /**
   * Readies the written bytes for {@link scan}: pads them, then ASCII-lowercases them when `lower` and blanks
   * every `<br />` (six spaces, so offsets stay those of the text) when `breaks`. Returns 0 when that is all the
   * text's markup needs; otherwise (a `<` that is not a `<br />`, or when `entities` an `&` before `#` or a
   * letter, which may start an entity) the text needs the JavaScript markup steps and must be written again.
   */
  prepare(bytes: number, breaks: boolean, lower: boolean, entities: boolean): number {
    return this.#exports.prepare(
      SCANNER_IO_START,
      bytes,
      (breaks ? 1 : 0) | (lower ? 2 : 0) | (entities ? 4 : 0),
    );
  }

  /** Splits and interns the written bytes; returns the number of codes for {@link tokens} or {@link ids}. */
  scan(bytes: number): number {
    return this.#exports.scan(
      SCANNER_IO_START,
      bytes,
      this.#spansAt << 2,
      this.#codesAt << 2,
      this.#missesAt << 2,
      this.#latin1 ? 1 : 0,
    );
  }

  /**
   * The tokens of the last scan of `source` (the written text). Tokens the intern table does not hold are
   * sliced from `source` (ASCII-lowercased when `lowerSlices`); each non-ASCII chunk, as written in `source`,
   * gets its tokens from `chunkTokens`.
   */
  tokens(
    source: string,
    count: number,
    lowerSlices: boolean,
    chunkTokens: (chunk: string) => readonly string[],
  ): string[] {
    const splices = this.#internNew(source, lowerSlices, chunkTokens);
    // Every code indexes the strings: no branch per token. Four loads of strings before their stores, so the
    // cache misses on rarer tokens' strings overlap (measured 5% faster than one token per iteration).
    const i32 = this.#i32;
    const strings = this.#strings;
    const codesAt = this.#codesAt;
    const out = new Array<string>(count);
    let k = 0;
    for (; k + 4 <= count; k += 4) {
      const at = codesAt + k;
      const a = strings[i32[at] as number] as string;
      const b = strings[i32[at + 1] as number] as string;
      const c = strings[i32[at + 2] as number] as string;
      const d = strings[i32[at + 3] as number] as string;
      out[k] = a;
      out[k + 1] = b;
      out[k + 2] = c;
      out[k + 3] = d;
    }
    for (; k < count; k++) out[k] = strings[i32[codesAt + k] as number] as string;
    return splices === 0
      ? out
      : this.#spliced(
          out,
          splices,
          (n) => new Array<string>(n),
          (token) => token,
        );
  }

  /**
   * `values` (one per code) with the first `splices` spliced chunks' tokens, mapped by `part`, in place of their
   * one code each: `out` is made by `make` at the final length and filled in one linear pass (no
   * `Array.prototype.splice`, whose spread arguments overflow the stack for a chunk of ~100,000 tokens and whose
   * moves are quadratic in the number of chunks). Serves both {@link tokens} and {@link ids}.
   */
  #spliced<T, A extends { [i: number]: T }>(
    values: ArrayLike<T>,
    splices: number,
    make: (length: number) => A,
    part: (token: string) => T,
  ): A {
    let length = values.length;
    for (let i = 0; i < splices; i++) length += (this.#spliceParts[i] as readonly string[]).length - 1;
    const out = make(length);
    let from = 0;
    let j = 0;
    for (let i = 0; i <= splices; i++) {
      const at = i < splices ? (this.#spliceAt[i] as number) : values.length;
      for (let k = from; k < at; k++) out[j++] = values[k] as T;
      if (i === splices) break;
      const parts = this.#spliceParts[i] as readonly string[];
      for (let p = 0; p < parts.length; p++) out[j++] = part(parts[p] as string);
      from = at + 1;
    }
    return out;
  }

  /**
   * Makes the strings of the last scan's misses at their codes: newly interned tokens at their ids, the others
   * at {@link SCRATCH} + their miss number. A chunk of one token gets that token there; the others (`''` there)
   * are left in {@link #spliceAt} and {@link #spliceParts}. Returns how many.
   */
  #internNew(
    source: string,
    lowerSlices: boolean,
    chunkTokens: (chunk: string) => readonly string[],
  ): number {
    const i32 = this.#i32;
    const strings = this.#strings;
    const misses = i32[SCANNER_MISS_COUNT >> 2] as number;
    let splices = 0;
    for (let m = 0; m < misses; m++) {
      const at = this.#missesAt + 3 * m;
      const kind = i32[at + 2] as number;
      const slice = source.slice(i32[at], i32[at + 1]);
      let token: string;
      if (kind >= NOT_INTERNED) {
        token = lowerSlices ? slice.toLowerCase() : slice;
      } else {
        const parts = chunkTokens(slice);
        if (parts.length === 1) {
          token = parts[0] as string;
        } else {
          token = '';
          this.#spliceAt[splices] = CHUNK_AT - kind;
          this.#spliceParts[splices] = parts;
          splices++;
        }
      }
      const index = kind >= 0 ? kind : SCRATCH + m;
      // The scratch area grows by pushes, so the array stays packed.
      while (strings.length < index) strings.push('');
      if (index === strings.length) strings.push(token);
      else strings[index] = token;
    }
    return splices;
  }

  /**
   * The vocabulary ids of the last scan of `source`: like {@link tokens}, but interned tokens map to ids through
   * `cache` (filled on first sight with `idOf`), so known tokens cost no string work at all.
   */
  ids(
    source: string,
    count: number,
    lowerSlices: boolean,
    cache: InternedIds,
    idOf: (token: string) => number,
    chunkTokens: (chunk: string) => readonly string[],
  ): Int32Array {
    const splices = this.#internNew(source, lowerSlices, chunkTokens);
    const i32 = this.#i32;
    const codesAt = this.#codesAt;
    const out = new Int32Array(count);
    for (let k = 0; k < count; k++) out[k] = this.#idOfCode(i32[codesAt + k] as number, cache, idOf);
    return splices === 0 ? out : this.#spliced(out, splices, (n) => new Int32Array(n), idOf);
  }

  /** The vocabulary id of a code. */
  #idOfCode(code: number, cache: InternedIds, idOf: (token: string) => number): number {
    if (code >= SCRATCH) return idOf(this.#strings[code] as string);
    const id = cache[code] as number;
    return id >= 0 ? id : this.#cacheId(code, cache, idOf);
  }

  /** The vocabulary id of interned token `code`, looked up once per vocabulary. */
  #cacheId(code: number, cache: InternedIds, idOf: (token: string) => number): number {
    const id = idOf(this.#strings[code] as string);
    cache[code] = id;
    return id;
  }

  /** Makes room for a text of `length` code units (its UTF-8 takes at most 3 bytes per unit). */
  #reserve(length: number): void {
    if (length <= this.#capacity) return;
    const capacity = Math.max(length, 2 * this.#capacity, 1 << 14);
    const spans =
      SCANNER_IO_START + 3 * capacity + SCANNER_PADDING + 7 - ((3 * capacity + SCANNER_PADDING + 7) % 8);
    const end = spans + 8 * capacity + 4 * capacity + 12 * capacity;
    const memory = this.#exports.memory;
    if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / 65536));
    this.#u8 = new Uint8Array(memory.buffer);
    this.#i32 = new Int32Array(memory.buffer);
    this.#input = this.#u8.subarray(SCANNER_IO_START, SCANNER_IO_START + 3 * capacity);
    this.#inputBuffer = Buffer.from(memory.buffer, SCANNER_IO_START, 3 * capacity);
    this.#capacity = capacity;
    this.#spansAt = spans >> 2;
    this.#codesAt = this.#spansAt + 2 * capacity;
    this.#missesAt = this.#codesAt + capacity;
  }
}

/** The scanner's class of a byte, from the splitter's ASCII classes (one source of truth). */
function byteClass(c: number): number {
  if (c >= 0x80) return BYTE_CLASS.nonAscii;
  const k = ASCII_CLASS[c];
  if (k === SPACE) return BYTE_CLASS.separator;
  if (k === WORD) return BYTE_CLASS.word;
  if (k === APOS) return BYTE_CLASS.apostrophe;
  return BYTE_CLASS.other;
}

/** The one-byte tokens by their byte, then empty strings up to `length`, pushed so the array is packed. */
function packedStrings(length: number): string[] {
  const strings: string[] = [];
  for (let c = 0; c < length; c++) strings.push(ASCII_STRING[c] ?? '');
  return strings;
}
