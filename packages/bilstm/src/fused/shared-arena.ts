/**
 * Reusable shared-memory arrays, one per name, grown on demand: the data the main thread and the direction
 * worker both read and write without copies.
 */
export class SharedArena {
  private readonly floats = new Map<string, Float32Array>();
  private readonly ints = new Map<string, Int32Array>();

  /** A Float32Array of exactly `length` elements over shared memory (contents unspecified). */
  f32(name: string, length: number): Float32Array {
    let a = this.floats.get(name);
    if (!a || a.length < length) {
      a = new Float32Array(new SharedArrayBuffer(Math.max(4, Math.ceil(length * 1.25) * 4)));
      this.floats.set(name, a);
    }
    return a.subarray(0, length);
  }

  /** An Int32Array of exactly `length` elements over shared memory (contents unspecified). */
  i32(name: string, length: number): Int32Array {
    let a = this.ints.get(name);
    if (!a || a.length < length) {
      a = new Int32Array(new SharedArrayBuffer(Math.max(4, length * 4)));
      this.ints.set(name, a);
    }
    return a.subarray(0, length);
  }
}
