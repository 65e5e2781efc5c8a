import { z } from 'zod';
import { TokenizerError } from './errors.ts';
import { formatZodError } from './zod-error.ts';

/** The negation words of {@link TokenizerOptions.negationWords} (compared after lowercasing). */
export const DEFAULT_NEGATION_WORDS: readonly string[] = Object.freeze([
  'not',
  'no',
  'never',
  "n't",
  'cannot',
  'nothing',
  'nobody',
  'none',
  'noone',
  'nowhere',
  'neither',
  'nor',
]);

const placeholder = z
  .string()
  .min(1)
  .regex(/^\S+$/u, 'must not contain whitespace (it is emitted as one token)');

/**
 * Options of {@link createTokenizer}: which normalisation steps run and what the splitter emits. Every field is
 * optional on input and has the default shown; the parsed value (this type) is what `tokenizer.json` stores.
 */
export const TokenizerOptions = z.strictObject({
  /**
   * Replace the HTML tags of a fixed list of element names (`<br />`, `<i>`, `</p>`, `<a href="...">`, ...)
   * with a space. Unknown "tags" such as `<3` or `<grin>` stay text.
   * @default true
   */
  stripHtml: z.boolean().default(true),
  /**
   * Decode HTML entities: numeric (`&#233;`, `&#xE9;`) and common named ones (`&amp;`, `&lt;`, `&gt;`,
   * `&quot;`, `&apos;`, `&nbsp;`, `&hellip;`, ...). Runs after `stripHtml`, so an escaped tag stays text.
   * @default true
   */
  decodeEntities: z.boolean().default(true),
  /**
   * Map the C1 control characters U+0080..U+009F (cp1252 punctuation mis-decoded in IMDB): U+0096/U+0097 to
   * `-`, U+0091/U+0092 to `'`, U+0093/U+0094 to `"`, U+0085 to `...`; drop the others.
   * @default true
   */
  mapControls: z.boolean().default(true),
  /**
   * Map apostrophe look-alikes (’ ‘ ʼ ´ ′) to `'`, before NFKC (which would turn `´` into a space and an
   * accent). The splitter treats `’` like `'` for clitics even when this is off.
   * @default true
   */
  normalizeApostrophes: z.boolean().default(true),
  /**
   * Unicode NFKC normalisation (ligatures, full-width forms, `…` to `...`). Skipped for pure-ASCII text.
   * @default true
   */
  nfkc: z.boolean().default(true),
  /**
   * Lowercase the text (GloVe 6B is uncased).
   * @default true
   */
  lowercase: z.boolean().default(true),
  /**
   * Replace URLs (`http://...`, `https://...`, `www....`) with {@link TokenizerOptions.urlToken}.
   * @default false
   */
  replaceUrls: z.boolean().default(false),
  /**
   * The token a URL becomes when `replaceUrls` is on.
   * @default '<url>'
   */
  urlToken: placeholder.default('<url>'),
  /**
   * Replace number tokens (digits joined by `.` or `-`: `1990`, `3.5`, `2-1`) with
   * {@link TokenizerOptions.numberToken}. Words mixing letters and digits (`80s`, `2nd`) stay.
   * @default false
   */
  replaceNumbers: z.boolean().default(false),
  /**
   * The token a number becomes when `replaceNumbers` is on.
   * @default '<num>'
   */
  numberToken: placeholder.default('<num>'),
  /**
   * Append {@link TokenizerOptions.negationSuffix} to every token after a negation word up to the next
   * clause punctuation (`. , ; : ! ?`).
   * @default false
   */
  markNegation: z.boolean().default(false),
  /**
   * The suffix of negated tokens when `markNegation` is on.
   * @default '_NEG'
   */
  negationSuffix: placeholder.default('_NEG'),
  /**
   * The words that open a negated scope when `markNegation` is on (compared lowercased, `’` read as `'`).
   * @default DEFAULT_NEGATION_WORDS: not no never n't cannot nothing nobody none noone nowhere neither nor
   */
  negationWords: z.array(placeholder).default(() => [...DEFAULT_NEGATION_WORDS]),
});

/** Tokenizer options with every default filled in: the form `tokenizer.json` stores. */
export type TokenizerOptions = z.infer<typeof TokenizerOptions>;

/** Tokenizer options as callers write them: every field optional. */
export type TokenizerOptionsInput = z.input<typeof TokenizerOptions>;

/** Validates tokenizer options and fills in the defaults; throws `INVALID_OPTIONS` naming the bad field. */
export function parseTokenizerOptions(options: unknown = {}): TokenizerOptions {
  const parsed = TokenizerOptions.safeParse(options ?? {});
  if (!parsed.success) {
    throw new TokenizerError(
      'INVALID_OPTIONS',
      `Invalid tokenizer options: ${formatZodError(parsed.error)}`,
      {
        cause: parsed.error,
      },
    );
  }
  return parsed.data;
}
