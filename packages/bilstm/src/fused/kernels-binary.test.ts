import { expect, test } from 'vitest';
import { assembleKernels } from '../../scripts/assemble-kernels.ts';
import { kernelsBase64 } from './kernels-binary.ts';

test('the committed kernel binary is what kernels-wat.ts assembles to', async () => {
  const bytes = await assembleKernels();
  expect(kernelsBase64).toBe(Buffer.from(bytes).toString('base64'));
});
