import { expect } from 'vitest';

/** Asserts |actual − expected| ≤ tol element-wise (numbers or nested arrays); NaN matches NaN. */
export function expectClose(actual: unknown, expected: unknown, tol = 1e-12, path = 'value'): void {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    const a = actual as number;
    if (Number.isNaN(expected)) {
      expect(Number.isNaN(a), `${path}: ${a} should be NaN`).toBe(true);
      return;
    }
    expect(Math.abs(a - expected) <= tol, `${path}: ${a} vs expected ${expected}`).toBe(true);
    return;
  }
  if (Array.isArray(expected)) {
    const a = Array.from(actual as ArrayLike<unknown>);
    expect(a.length, `${path}.length`).toBe(expected.length);
    expected.forEach((e, i) => {
      expectClose(a[i], e, tol, `${path}[${i}]`);
    });
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    const a = actual as Record<string, unknown>;
    expect(Object.keys(a).sort(), `${path} keys`).toEqual(Object.keys(expected).sort());
    for (const [k, e] of Object.entries(expected)) expectClose(a[k], e, tol, `${path}.${k}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}
