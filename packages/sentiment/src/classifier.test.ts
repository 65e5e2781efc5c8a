import { describe, expect, test } from 'vitest';
import { predictedClasses } from './classifier.ts';

describe('predictedClasses', () => {
  test('the most probable class of each row; the first one on a tie', () => {
    const probs = new Float32Array([0.2, 0.5, 0.3, 0.6, 0.2, 0.2, 0.4, 0.2, 0.4]);
    expect(Array.from(predictedClasses(probs, 3))).toEqual([1, 0, 0]);
    expect(Array.from(predictedClasses([0.9, 0.1, 0.3, 0.7], 2))).toEqual([0, 1]);
    expect(predictedClasses(new Float32Array(0), 2)).toHaveLength(0);
  });
});
