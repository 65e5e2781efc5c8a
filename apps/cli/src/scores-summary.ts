/** What {@link renderScores} shows: `@sentikit/sentiment`'s evaluation metrics, structurally. */
export interface ScoresInput {
  accuracy: number;
  loss: number;
  precision: number;
  recall: number;
  f1: number;
  macro: { precision: number; recall: number; f1: number };
  weighted: { precision: number; recall: number; f1: number };
  /** `confusionMatrix[true][predicted]`. */
  confusionMatrix: number[][];
}

const f4 = (x: number) => x.toFixed(4);
const prf = (s: { precision: number; recall: number; f1: number }) =>
  `precision ${f4(s.precision)}  recall ${f4(s.recall)}  F1 ${f4(s.f1)}`;

/**
 * The terminal summary of an evaluation with k labels: accuracy and loss, the positive class's scores (two
 * labels), macro and weighted averages, and the k × k confusion matrix (rows true, columns predicted).
 */
export function renderScores(m: ScoresInput, labels: readonly string[]): string {
  const lines = [`accuracy ${f4(m.accuracy)}  loss ${f4(m.loss)}`];
  if (labels.length === 2) lines.push(`${labels[1]} (label 1): `.padEnd(18) + prf(m));
  lines.push('macro:'.padEnd(18) + prf(m.macro), 'weighted:'.padEnd(18) + prf(m.weighted));
  const width = Math.max(
    6,
    ...labels.map((l) => l.length),
    ...m.confusionMatrix.flat().map((n) => String(n).length),
  );
  const cell = (s: string) => s.padStart(width);
  lines.push(
    'confusion matrix (rows true, columns predicted):',
    `${cell('')}  ${labels.map(cell).join('  ')}`,
    ...m.confusionMatrix.map(
      (row, i) => `${cell(labels[i] ?? String(i))}  ${row.map((n) => cell(String(n))).join('  ')}`,
    ),
  );
  return lines.join('\n');
}
