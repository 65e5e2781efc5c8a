const CLAUSE_END = new Set(['.', ',', ';', ':', '!', '?']);

/** Settings of {@link markNegationInPlace}. */
export interface NegationMarking {
  /** Negation words, lowercased with `'` for `’`. */
  words: ReadonlySet<string>;
  /** Appended to negated tokens. */
  suffix: string;
  /** Tokens never suffixed (the URL and number placeholders). */
  keep: ReadonlySet<string>;
  /** Whether tokens must be lowercased before the word lookup (the text was not lowercased). */
  foldCase: boolean;
}

/**
 * Appends the suffix to each token after a negation word, up to the next clause punctuation
 * (`. , ; : ! ?`). Negation words themselves are never suffixed; one inside a scope keeps the scope open.
 */
export function markNegationInPlace(tokens: string[], m: NegationMarking): string[] {
  let inScope = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (t.length === 1 && CLAUSE_END.has(t)) {
      inScope = false;
      continue;
    }
    const key = m.foldCase ? t.toLowerCase().replaceAll('\u2019', "'") : t.replaceAll('\u2019', "'");
    if (m.words.has(key)) {
      inScope = true;
    } else if (inScope && !m.keep.has(t)) {
      tokens[i] = t + m.suffix;
    }
  }
  return tokens;
}
