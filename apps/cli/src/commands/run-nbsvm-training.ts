import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrainingData } from '@sentikit/datasets';
import {
  buildEnsemble,
  type ClassBalance,
  classBalance,
  countClasses,
  type EvaluationMetrics,
  loadClassifier,
  saveClassifier,
  type TextClassifier,
  trainNbSvmClassifier,
} from '@sentikit/sentiment';
import { CliError } from '../errors.ts';
import { type CliIo, writeLine } from '../io.ts';
import { renderReport } from '../report.ts';
import type { TrainCommandOptions } from '../train-options.ts';
import { describeMachine } from './model-card.ts';
import { checkpointDirFor, runTraining } from './run-training.ts';
import { reportTestResults } from './test-results.ts';

// Tried on the validation split (when there is one) before the final NB-SVM fit; IMDB's best is c 0.01, beta 1.
const selectGrid = { c: [0.01, 0.03, 0.1, 0.3], beta: [0.5, 1] };

/**
 * What the NB-SVM takes from the class balance of the training labels (also in `cv`): the settings tried on the
 * validation split, by accuracy or, for more than two or skewed classes, by macro recall; balanced
 * probabilities for skewed classes, or as `--class-weights` says. `balance` also says what an ensemble's
 * weights minimise.
 */
export function validationChoice(
  trainLabels: ArrayLike<number>,
  classes: number,
  classWeights: TrainCommandOptions['classWeights'],
) {
  const balance = classBalance(countClasses(trainLabels, classes));
  const balanced = classWeights === 'auto' ? balance.skewed : classWeights === 'balanced';
  return {
    balance,
    select: { ...selectGrid, metric: balance.settingsMetric },
    classWeights: balanced ? ('balanced' as const) : null,
  };
}

/** The line that says the NB-SVM balances its probabilities, when it does, and why. */
function reportClassWeights(
  balance: ClassBalance,
  classWeights: 'balanced' | null,
  options: TrainCommandOptions,
  io: CliIo,
): void {
  if (classWeights === null) return;
  const why =
    options.classWeights === 'balanced'
      ? '--class-weights balanced'
      : `classes are skewed, largest/smallest ${balance.ratio.toFixed(1)}`;
  writeLine(io.stderr, `NB-SVM class weights: balanced (${why}: each class counts the same)`);
}

const because = (balance: ClassBalance): string => (balance.macro ? ` (${balance.reason})` : '');

/** How the NB-SVM's settings were chosen, for the line that reports them: `by macro recall (3 classes)`. */
function settingsChoice(balance: ClassBalance): string {
  return `by ${balance.macro ? 'macro recall' : 'accuracy'}${because(balance)}`;
}

/** How an ensemble's weights were chosen: `by balanced log loss (3 classes)`. */
function weightsChoice(balance: ClassBalance): string {
  return `by ${balance.macro ? 'balanced log loss' : 'log loss'}${because(balance)}`;
}

/** The validation score the user reads: macro recall for more than two or skewed classes, else accuracy. */
const headlineScore = (balance: ClassBalance, m: EvaluationMetrics): string =>
  balance.macro ? `macro recall ${m.macro.recall.toFixed(4)}` : `accuracy ${m.accuracy.toFixed(4)}`;

const toDataset = (rows: readonly { text: string; label: number }[]) => ({
  texts: rows.map((r) => r.text),
  labels: rows.map((r) => r.label),
});

// metrics.json's test/validation entries: the headline numbers and the confusion matrix.
const record = (m: EvaluationMetrics | null) =>
  m && {
    accuracy: m.accuracy,
    precision: m.precision,
    recall: m.recall,
    f1: m.f1,
    loss: m.loss,
    confusionMatrix: m.summary.confusionMatrix,
  };

/** Model card (`README.md`) of an NB-SVM or ensemble artifact. */
function card(
  family: 'nbsvm' | 'ensemble',
  options: TrainCommandOptions,
  data: TrainingData,
  test: EvaluationMetrics | null,
  details: Record<string, unknown>,
): string {
  const what =
    family === 'nbsvm'
      ? 'An NB-SVM sentiment classifier (word 1-3-grams, naive Bayes log-count ratios, linear SVM)'
      : 'An ensemble of a BiLSTM and an NB-SVM (probabilities averaged with weights chosen on validation)';
  return `# ${options.name}

${what} trained with SentiKit (\`sentikit train --family ${family}\`), ${new Date().toISOString().slice(0, 10)}.
Labels: ${data.classNames.map((c, i) => `${i} = ${c}`).join(', ')}. Load it with \`loadClassifier(dir)\` from
\`@sentikit/sentiment\`, serve it with \`@sentikit/gateway\` (\`MODEL_DIR\`), or query it with \`sentikit predict --model dir\`.

## Data

${options.data ?? 'IMDB'}: ${data.train.length.toLocaleString('en')} texts for training, ${data.val.length.toLocaleString('en')} for validation, ${(data.test?.length ?? 0).toLocaleString('en')} for the test (evaluated once, after training).

## Training

\`\`\`json
${JSON.stringify(details, null, 2)}
\`\`\`

Machine: ${describeMachine()}.

## Test metrics

${test ? `accuracy ${test.accuracy.toFixed(4)}, precision ${test.precision.toFixed(4)}, recall ${test.recall.toFixed(4)}, F1 ${test.f1.toFixed(4)}, loss ${test.loss.toFixed(4)}` : 'No test split was given.'}
`;
}

// Prints the test report and saves the artifact with its card, report and metrics.
async function finish(
  family: 'nbsvm' | 'ensemble',
  classifier: TextClassifier,
  metrics: { validation: EvaluationMetrics | null; test: EvaluationMetrics | null },
  details: Record<string, unknown>,
  options: TrainCommandOptions,
  data: TrainingData,
  io: CliIo,
): Promise<void> {
  const { test } = metrics;
  const testResults = test && data.test ? reportTestResults(test, data, io) : undefined;
  const reportHtml = renderReport({
    title: options.name,
    created: new Date().toISOString(),
    history: [],
    ...(testResults ?? {}),
    config: { family, ...details },
  });
  await saveClassifier(classifier, options.outDir, {
    metrics: {
      ...(test ? { test: record(test) } : {}),
      ...(metrics.validation ? { validation: record(metrics.validation) } : {}),
    },
    training: {
      family,
      ...details,
      data: { train: data.train.length, validation: data.val.length, test: data.test?.length ?? 0 },
    },
    extraFiles: { 'README.md': card(family, options, data, test, details), 'report.html': reportHtml },
  });
  writeLine(io.stderr, `model saved in ${options.outDir}`);
  writeLine(io.stdout, `report: ${join(options.outDir, 'report.html')}`);
}

/** `sentikit train --family nbsvm`: NB-SVM over word n-grams; seconds, not minutes. */
export async function runNbSvmTraining(
  options: TrainCommandOptions,
  data: TrainingData,
  io: CliIo,
): Promise<void> {
  writeLine(io.stderr, 'training NB-SVM (word 1-3-grams, NB log-count ratios, linear SVM)…');
  const train = toDataset(data.train);
  const { balance, select, classWeights } = validationChoice(
    train.labels,
    data.classNames.length,
    options.classWeights,
  );
  reportClassWeights(balance, classWeights, options, io);
  const run = await trainNbSvmClassifier({
    train,
    ...(data.val.length > 0 ? { validation: toDataset(data.val) } : {}),
    ...(data.test && data.test.length > 0 ? { test: toDataset(data.test) } : {}),
    labels: data.classNames,
    nbsvm: { seed: options.seed, classWeights },
    select,
    name: options.name,
  });
  const { stats } = run;
  if (stats.selection)
    writeLine(
      io.stderr,
      `settings chosen on validation ${settingsChoice(balance)}: c ${stats.selection.c}, beta ${stats.selection.beta} (of ${stats.selection.trials.length} tried)`,
    );
  writeLine(
    io.stderr,
    `features ${stats.featureSeconds.toFixed(1)} s (${stats.numFeatures.toLocaleString('en')} n-grams), fit ${stats.fitSeconds.toFixed(1)} s`,
  );
  if (run.validation) writeLine(io.stderr, `validation ${headlineScore(balance, run.validation)}`);
  const details = {
    options: run.classifier.model.options,
    stats,
    ...(stats.selection ? { settingsMetric: select.metric } : {}),
  };
  await finish('nbsvm', run.classifier, run, details, options, data, io);
}

/**
 * `sentikit train --family ensemble`: trains the BiLSTM (as `--family bilstm` does, saved beside the output
 * while it runs) and an NB-SVM on the same split, then picks the weights on the validation split.
 */
export async function runEnsembleTraining(
  options: TrainCommandOptions,
  data: TrainingData,
  io: CliIo,
): Promise<void> {
  if (data.val.length === 0)
    throw new CliError(
      'INVALID_CONFIG',
      'an ensemble chooses its weights on validation data; set --val-fraction above 0',
    );
  const memberDir = `${options.outDir}.bilstm-member`;
  await runTraining({ ...options, outDir: memberDir }, data, io, {
    checkpointDir: checkpointDirFor(options.outDir),
  });
  const members: TextClassifier[] = [];
  try {
    members.push(await loadClassifier(memberDir));
    writeLine(io.stderr, 'training NB-SVM…');
    const train = toDataset(data.train);
    const validation = toDataset(data.val);
    const { balance, select, classWeights } = validationChoice(
      train.labels,
      data.classNames.length,
      options.classWeights,
    );
    reportClassWeights(balance, classWeights, options, io);
    const nbsvm = await trainNbSvmClassifier({
      train,
      validation,
      labels: data.classNames,
      nbsvm: { seed: options.seed, classWeights },
      select,
    });
    members.push(nbsvm.classifier);
    const built = await buildEnsemble({
      members,
      validation,
      ...(data.test && data.test.length > 0 ? { test: toDataset(data.test) } : {}),
      metric: balance.weightsMetric,
      name: options.name,
    });
    writeLine(
      io.stderr,
      `weights chosen on validation ${weightsChoice(balance)}: bilstm ${built.ensemble.weights[0]?.toFixed(2)}, nbsvm ${built.ensemble.weights[1]?.toFixed(2)} (validation ${headlineScore(balance, built.validation)})`,
    );
    const details = {
      weights: { bilstm: built.ensemble.weights[0], nbsvm: built.ensemble.weights[1] },
      weightsMetric: balance.weightsMetric,
      nbsvm: { ...nbsvm.stats, settingsMetric: select.metric },
    };
    await finish('ensemble', built.ensemble, built, details, options, data, io);
  } finally {
    for (const m of members) m.dispose();
    await rm(memberDir, { recursive: true, force: true });
  }
}
