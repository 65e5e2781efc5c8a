import { describe, expect, test } from 'vitest';
import { DatasetError } from './errors.ts';
import { createLabelParser, inferLabels, labelMapFor, parseLabelMap } from './labels.ts';

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

describe('inferred labels', () => {
  const infer = (values: unknown[]) => {
    const inference = inferLabels();
    const provisional = values.map((v) => inference.parser.parse(v));
    const { classNames, remap } = inference.finish();
    return { classNames, labels: provisional.map((p) => (p === undefined ? undefined : remap[p])) };
  };

  test('the default spellings keep negative/positive', () => {
    expect(infer([1, 'neg', 'Positive', '0'])).toEqual({
      classNames: ['negative', 'positive'],
      labels: [1, 0, 1, 0],
    });
  });

  test('other names are sorted alphabetically, integers numerically, whatever the order seen', () => {
    expect(infer(['positive', 'Neutral', 'negative', 'neutral'])).toEqual({
      classNames: ['negative', 'neutral', 'positive'],
      labels: [2, 1, 0, 1],
    });
    expect(infer(['spam', 'ham'])).toEqual({ classNames: ['ham', 'spam'], labels: [1, 0] });
    expect(infer([10, 2, '1', 2])).toEqual({ classNames: ['1', '2', '10'], labels: [2, 1, 0, 1] });
  });

  test('rejects labels that are not scalars', () => {
    expect(infer([{}, ' ', 'a', 'b']).labels).toEqual([undefined, undefined, 0, 1]);
  });

  test('labelMapFor reads back the class names (and the default spellings for negative/positive)', () => {
    const three = createLabelParser(labelMapFor(['negative', 'neutral', 'positive']));
    expect(['Neutral', 'positive', '1'].map((v) => three.parse(v))).toEqual([1, 2, undefined]);
    const two = createLabelParser(labelMapFor(['negative', 'positive']));
    expect([0, 'pos', 'negative'].map((v) => two.parse(v))).toEqual([0, 1, 0]);
  });
});
