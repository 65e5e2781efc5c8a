import { describe, expect, test } from 'vitest';
import { ensembleFoldTrainer } from './ensemble-fold-trainer.ts';

describe('ensembleFoldTrainer', () => {
  test('a fold without validation data is refused before anything trains, naming the fix', async () => {
    const train = ensembleFoldTrainer({ labels: ['negative', 'positive'] });
    await expect(train({ train: { texts: ['bad', 'good'], labels: [0, 1] }, seed: 1 })).rejects.toMatchObject(
      {
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('validationFraction above 0'),
      },
    );
  });
});
