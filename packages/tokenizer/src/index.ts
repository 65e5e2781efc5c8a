export { EncodeBatchOptions, type EncodeBatchOptionsInput, type EncodedBatch } from './batch.ts';
export { compareCodePoints } from './code-point-order.ts';
export { TokenizerError, type TokenizerErrorCode } from './errors.ts';
export { DEFAULT_NEGATION_WORDS, TokenizerOptions, type TokenizerOptionsInput } from './options.ts';
export { type DecodeOptions, SentiTokenizer, type TrainOptions } from './senti-tokenizer.ts';
export { createTokenizer, type Tokenizer } from './tokenizer.ts';
export { TOKENIZER_FORMAT, TOKENIZER_FORMAT_VERSION, TokenizerFile } from './tokenizer-format.ts';
export {
  Vocabulary,
  type VocabularyBuildOptions,
  VocabularyOptions,
} from './vocabulary.ts';
export {
  Specials,
  VOCABULARY_FORMAT,
  VOCABULARY_FORMAT_VERSION,
  VocabularyFile,
  VocabularyStats,
} from './vocabulary-format.ts';
