// A small sentiment task the tests generate: sentences of neutral filler plus sentiment words; the label is
// which kind of sentiment word is more frequent.
import { seededRandom } from '@sentikit/bilstm';

const filler =
  'the a film movie plot actor scene story was is it this that and of to in very quite rather'.split(' ');
const positive = ['great', 'wonderful', 'superb', 'loved', 'brilliant'];
const negative = ['awful', 'boring', 'terrible', 'hated', 'dull'];

/** `n` labelled texts (label 1 = positive), deterministic for a seed. */
export function toyTask(n: number, seed: number): { texts: string[]; labels: number[] } {
  const rng = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.uniform() * xs.length)] as T;
  const texts: string[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const len = 4 + Math.floor(rng.uniform() * 16);
    const words = Array.from({ length: len }, () => pick(filler));
    const strong = 1 + Math.floor(rng.uniform() * 2);
    for (let k = 0; k < strong; k++)
      words.splice(Math.floor(rng.uniform() * words.length), 0, pick(label ? positive : negative));
    if (rng.uniform() < 0.3)
      words.splice(Math.floor(rng.uniform() * words.length), 0, pick(label ? negative : positive));
    if (strong === 1 && words.filter((w) => (label ? negative : positive).includes(w)).length > 0)
      words.push(pick(label ? positive : negative));
    texts.push(words.join(' '));
    labels.push(label);
  }
  return { texts, labels };
}
