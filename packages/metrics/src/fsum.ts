/**
 * Correctly rounded sum of doubles (Shewchuk's algorithm as in CPython's `math.fsum`). The result depends only
 * on the multiset of values, never on their order, which is what lets streaming, merged and one-shot
 * computations agree bit for bit.
 */
export class ExactSum {
  private readonly partials: number[] = [];

  /** Adds one finite value. */
  add(value: number): void {
    const p = this.partials;
    let x = value;
    let i = 0;
    for (let j = 0; j < p.length; j++) {
      let y = p[j] as number;
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) p[i++] = lo;
      x = hi;
    }
    p.length = i;
    if (x !== 0) p.push(x);
  }

  /** The sum of everything added so far, rounded once to the nearest double (ties to even). */
  value(): number {
    const p = this.partials;
    let n = p.length;
    if (n === 0) return 0;
    let hi = p[--n] as number;
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = p[--n] as number;
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    // Half-even rounding across partials: the remaining partials may tip a tie (as in CPython).
    if (n > 0) {
      const next = p[n - 1] as number;
      if ((lo < 0 && next < 0) || (lo > 0 && next > 0)) {
        const y = lo * 2;
        const x = hi + y;
        if (y === x - hi) hi = x;
      }
    }
    return hi;
  }
}

/** Correctly rounded sum of `count` values produced by `at(i)`. */
export function exactSum(count: number, at: (i: number) => number): number {
  const acc = new ExactSum();
  for (let i = 0; i < count; i++) acc.add(at(i));
  return acc.value();
}
