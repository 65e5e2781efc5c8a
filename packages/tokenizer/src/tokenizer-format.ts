import { z } from 'zod';
import { TokenizerOptions } from './options.ts';
import { VocabularyFile } from './vocabulary-format.ts';

/** The `format` tag of `tokenizer.json`. */
export const TOKENIZER_FORMAT = 'sentikit-tokenizer';
/** The `tokenizer.json` format version this release writes and reads. */
export const TOKENIZER_FORMAT_VERSION = 1;

/** The JSON form of a {@link SentiTokenizer} (`tokenizer.json`): its options and its vocabulary. */
export const TokenizerFile = z.strictObject({
  format: z.literal(TOKENIZER_FORMAT),
  version: z.literal(TOKENIZER_FORMAT_VERSION),
  options: TokenizerOptions,
  vocabulary: VocabularyFile,
});

/** A parsed `tokenizer.json`. */
export type TokenizerFile = z.infer<typeof TokenizerFile>;
