import { expect, test } from 'vitest';
import { assembleKernels } from '../../scripts/assemble-kernels.ts';
import { kernelsBase64, kernelsFmaBase64 } from './kernels-binary.ts';

test('the committed kernel binaries are what kernels-wat.ts assembles to', async () => {
  const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
  expect(kernelsBase64).toBe(b64(await assembleKernels(false)));
  expect(kernelsFmaBase64).toBe(b64(await assembleKernels(true)));
});
