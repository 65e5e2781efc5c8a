/**
 * The contract between the scanner's WebAssembly text (`scanner-wat*.ts`) and its JavaScript glue
 * (`fast-scanner.ts`): byte classes and where everything lives in the module's memory. The glue imports only
 * this, not the WebAssembly text.
 *
 * Memory: the byte class table at 0 (filled by JavaScript from the splitter's ASCII classes), the scan's miss count
 * at {@link SCANNER_MISS_COUNT}, the intern tables ({@link INTERN_LAYOUT}), then from {@link SCANNER_IO_START}
 * the text and the outputs, placed by JavaScript.
 */

/** Byte classes of the scanner's class table (memory address 0, indexed by the byte). */
export const BYTE_CLASS = { separator: 0, word: 1, apostrophe: 2, other: 3, nonAscii: 4 } as const;

/**
 * Where `scan` leaves the number of its miss entries (an i32 after the class table). Every code indexes the
 * interned strings, or from `maxIds` on the strings JavaScript makes for the scan's misses.
 */
export const SCANNER_MISS_COUNT = 260;

/** Where the intern tables live and how big they are. */
export const INTERN_LAYOUT = {
  /** Nine i64 masks, entry `len` keeping the first `len` bytes of a short key (after the scan's counts). */
  keyMasks: 512,
  /** Seventeen v128 masks, entry `len` keeping the first `len` bytes of a long key. */
  longMasks: 1024,
  /** Slots of 16 bytes (key i64, id i32) for tokens of 1 to 8 bytes: 2 MiB. */
  shortTable: 0x1_0000,
  shortBits: 17,
  /** Most entries in the short table (load factor below 0.47). */
  shortCap: 61_440,
  /**
   * Slots of 16 bytes for tokens of 9 to 16 bytes: the key's bytes (ASCII, so bit 7 is free) with the entry's
   * number in their bit 7s: 1 MiB.
   */
  longTable: 0x21_0000,
  longBits: 16,
  /** Most entries in the long table (load factor below 0.75). */
  longCap: 49_152,
  /** First byte after the tables. */
  end: 0x31_0000,
  /** Ids are below this: 128 one-byte ids, then the short table's entries, then the long table's. */
  maxIds: 128 + 61_440 + 49_152,
} as const;

/** Where JavaScript places the text and the outputs. */
export const SCANNER_IO_START = INTERN_LAYOUT.end;

/** Zero bytes the scanner needs after the text (64-byte windows and 8-byte key loads read past its end). */
export const SCANNER_PADDING = 128;
