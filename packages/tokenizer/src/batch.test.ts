import { describe, expect, test } from 'vitest';
import { TokenizerError } from './errors.ts';
import { SentiTokenizer } from './senti-tokenizer.ts';
import { Vocabulary } from './vocabulary.ts';

// Tokens t0..t9 get ids 2..11, so a text "t0 t1 ..." encodes to 2, 3, ... and rows are easy to read.
const words = Array.from({ length: 10 }, (_, i) => `t${i}`);
const senti = new SentiTokenizer(Vocabulary.fromCounts(words.map((w, i) => [w, 100 - i])));
const text = (n: number): string => words.slice(0, n).join(' ');
const rows = (ids: Int32Array, L: number): number[][] =>
  Array.from({ length: ids.length / L }, (_, r) => [...ids.subarray(r * L, (r + 1) * L)]);

describe('encodeBatch', () => {
  test('L is the longest text when it is under maxLength; padding goes after by default', () => {
    const b = senti.encodeBatch([text(3), text(1), ''], { maxLength: 8 });
    expect(b.sequenceLength).toBe(3);
    expect(b.batchSize).toBe(3);
    expect(rows(b.ids, 3)).toEqual([
      [2, 3, 4],
      [2, 0, 0],
      [0, 0, 0],
    ]);
    expect([...b.lengths]).toEqual([3, 1, 0]);
    expect([...b.tokenCounts]).toEqual([3, 1, 0]);
    expect(b.truncated).toEqual([false, false, false]);
  });

  test('L is maxLength when a text is longer; post truncation keeps the start', () => {
    const b = senti.encodeBatch([text(6), text(2)], { maxLength: 4 });
    expect(b.sequenceLength).toBe(4);
    expect(rows(b.ids, 4)).toEqual([
      [2, 3, 4, 5],
      [2, 3, 0, 0],
    ]);
    expect([...b.lengths]).toEqual([4, 2]);
    expect([...b.tokenCounts]).toEqual([6, 2]);
    expect(b.truncated).toEqual([true, false]);
  });

  test('pre padding puts the tokens at the end of the row', () => {
    const b = senti.encodeBatch([text(4), text(2)], { padding: 'pre' });
    expect(rows(b.ids, 4)).toEqual([
      [2, 3, 4, 5],
      [0, 0, 2, 3],
    ]);
  });

  test('pre truncation keeps the end', () => {
    const b = senti.encodeBatch([text(6)], { maxLength: 4, truncation: 'pre' });
    expect(rows(b.ids, 4)).toEqual([[4, 5, 6, 7]]);
  });

  test('head+tail keeps the first L/4 and the last 3L/4 by default', () => {
    const b = senti.encodeBatch([text(10), text(2)], {
      maxLength: 8,
      truncation: 'head+tail',
      padding: 'pre',
    });
    // head = floor(8 / 4) = 2 tokens (ids 2, 3), tail = 6 tokens (ids 6..11)
    expect(rows(b.ids, 8)).toEqual([
      [2, 3, 6, 7, 8, 9, 10, 11],
      [0, 0, 0, 0, 0, 0, 2, 3],
    ]);
    expect(b.truncated).toEqual([true, false]);
  });

  test('head+tail honours headLength and clamps it to L', () => {
    expect([
      ...senti.encodeBatch([text(10)], { maxLength: 4, truncation: 'head+tail', headLength: 3 }).ids,
    ]).toEqual([2, 3, 4, 11]);
    expect([
      ...senti.encodeBatch([text(10)], { maxLength: 4, truncation: 'head+tail', headLength: 9 }).ids,
    ]).toEqual([2, 3, 4, 5]);
    expect([
      ...senti.encodeBatch([text(10)], { maxLength: 4, truncation: 'head+tail', headLength: 0 }).ids,
    ]).toEqual([8, 9, 10, 11]);
  });

  test('minLength pads short batches to a minimum row length', () => {
    const b = senti.encodeBatch(['', ''], { minLength: 2 });
    expect(b.sequenceLength).toBe(2);
    expect([...b.ids]).toEqual([0, 0, 0, 0]);
    expect(senti.encodeBatch([]).ids.length).toBe(0);
  });

  test.each([
    [{ maxLength: 0 }, /maxLength/],
    [{ maxLength: 2.5 }, /maxLength/],
    [{ padding: 'middle' }, /padding/],
    [{ truncation: 'tail' }, /truncation/],
    [{ maxLength: 2, minLength: 3 }, /minLength must not exceed maxLength/],
    [{ maxlength: 3 }, /maxlength/],
  ])('rejects %j with INVALID_OPTIONS', (options, message) => {
    expect(() => senti.encodeBatch([text(1)], options as never)).toThrow(message);
    expect(() => senti.encodeBatch([text(1)], options as never)).toThrow(TokenizerError);
  });

  test('rejects a batch that is not an array of strings', () => {
    expect(() => senti.encodeBatch('t1' as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => senti.encodeBatch([3] as never)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
