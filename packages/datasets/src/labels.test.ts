import { describe, expect, test } from 'vitest';
import { DatasetError } from './errors.ts';
import { createLabelParser, parseLabelMap } from './labels.ts';

describe('labels', () => {
  test('the default parser takes 0/1, neg/pos, negative/positive in any case', () => {
    const labels = createLabelParser();
    expect(labels.classNames).toEqual(['negative', 'positive']);
    const inputs: unknown[] = [0, 1, '0', '1', 'neg', 'POS', ' Negative ', 'positive'];
    expect(inputs.map((v) => labels.parse(v))).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
    expect([2, 'good', true, null, '', 0.5].map((v) => labels.parse(v))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  test('a label map from pairs or JSON names the classes by index', () => {
    const pairs = parseLabelMap('bad=0, good=1, Awful=0');
    expect(pairs).toEqual({ bad: 0, good: 1, awful: 0 });
    expect(parseLabelMap('{"neg":0,"neutral":1,"pos":2}')).toEqual({ neg: 0, neutral: 1, pos: 2 });
    const labels = createLabelParser(pairs);
    expect(labels.classNames).toEqual(['bad', 'good']);
    expect(['GOOD', 'awful', 'bad', 'neg'].map((v) => labels.parse(v))).toEqual([1, 0, 0, undefined]);
    const numeric = createLabelParser(parseLabelMap({ '0': 0, '4': 1 }));
    expect([0, 4, '4', 2].map((v) => numeric.parse(v))).toEqual([0, 1, 1, undefined]);
  });

  test.each([
    ['bad', /not name=index/],
    ['bad=x,good=1', /non-negative integer/],
    ['bad=0', /at least two classes/],
    ['bad=0,good=2', /0\.\.1, 1 is missing/],
    ['{"bad":0,', /invalid JSON/],
    ['[1,2]', /expected a JSON object/],
    ['bad=0,Bad=1,good=1', /mapped twice/],
  ])('rejects the label map %j', (spec, message) => {
    expect(() => parseLabelMap(spec)).toThrow(message);
    expect(() => parseLabelMap(spec)).toThrow(DatasetError);
  });
});
