import { z } from 'zod';

/** The `format` tag of a vocabulary JSON object. */
export const VOCABULARY_FORMAT = 'sentikit-vocabulary';
/** The vocabulary format version this release writes and reads. */
export const VOCABULARY_FORMAT_VERSION = 1;

/** The special tokens: `pad` always has id 0 and `unk` id 1. */
export const Specials = z
  .strictObject({
    /**
     * The padding token, id 0 (so zero-filled id arrays are padding).
     * @default '<pad>'
     */
    pad: z.string().min(1).default('<pad>'),
    /**
     * The token for everything outside the vocabulary, id 1.
     * @default '<unk>'
     */
    unk: z.string().min(1).default('<unk>'),
  })
  .refine((s) => s.pad !== s.unk, { message: 'pad and unk must be different tokens' });

/** The special tokens with defaults filled in. */
export type Specials = z.infer<typeof Specials>;

/** What the vocabulary was built from and with. */
export const VocabularyStats = z.strictObject({
  /** Texts read. */
  documents: z.number().int().nonnegative(),
  /** Tokens read, all occurrences. */
  tokens: z.number().int().nonnegative(),
  /** Distinct tokens read, before `minFreq`, `maxSize` and `filter`. */
  types: z.number().int().nonnegative(),
  /** The `minFreq` used. */
  minFreq: z.number().int().positive(),
  /** The `maxSize` used, or null for none. */
  maxSize: z.number().int().positive().nullable(),
});

/** Build statistics stored with a vocabulary. */
export type VocabularyStats = z.infer<typeof VocabularyStats>;

/**
 * The JSON form of a {@link Vocabulary}: tokens by id (specials first), their corpus frequencies, the
 * specials and the build statistics. `frequencies[1]` (unk) counts the occurrences of the tokens left out.
 */
export const VocabularyFile = z
  .strictObject({
    format: z.literal(VOCABULARY_FORMAT),
    version: z.literal(VOCABULARY_FORMAT_VERSION),
    specials: Specials,
    tokens: z.array(z.string().min(1)).min(2),
    frequencies: z.array(z.number().int().nonnegative()),
    stats: VocabularyStats,
  })
  .superRefine((file, ctx) => {
    if (file.frequencies.length !== file.tokens.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['frequencies'],
        message: `has ${file.frequencies.length} entries for ${file.tokens.length} tokens`,
      });
    }
    if (file.tokens[0] !== file.specials.pad || file.tokens[1] !== file.specials.unk) {
      ctx.addIssue({
        code: 'custom',
        path: ['tokens'],
        message: `must start with the specials ${JSON.stringify([file.specials.pad, file.specials.unk])}`,
      });
    }
    const seen = new Set<string>();
    for (const [i, token] of file.tokens.entries()) {
      if (seen.has(token)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tokens', i],
          message: `duplicate token ${JSON.stringify(token)}`,
        });
        return;
      }
      seen.add(token);
    }
  });

/** A parsed vocabulary JSON object. */
export type VocabularyFile = z.infer<typeof VocabularyFile>;
