import { expect, test } from 'vitest';
import { version } from './index.ts';

test('exports a version', () => {
  expect(version).toBe('0.1.0');
});
