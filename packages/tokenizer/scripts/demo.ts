/**
 * Shows what @sentikit/tokenizer does to a few IMDB-like reviews: the normalised text, the tokens, and the
 * ids against a small vocabulary built from the same reviews.
 *
 *   pnpm --filter @sentikit/tokenizer demo
 */
import { SentiTokenizer } from '@sentikit/tokenizer';

const reviews = [
  "I didn't like it.<br /><br />The plot was thin &amp; the acting \u0096 wooden. 3/10",
  'A well-made film: the U.S. cut is 2.5 hours, and it\u2019s worth every minute \ud83d\udc4d\ud83c\udffd!',
  'Caf\u00e9 Society? Not bad, not great. Woody Allen can\u2019t help himself...',
  'Loved it!!! Best movie of 2009, no doubt.',
];

// A small vocabulary: the 40 most frequent tokens (specials included); the rest encode to <unk> (id 1).
const senti = await SentiTokenizer.train(reviews, { maxSize: 40 });
const negation = await SentiTokenizer.train(reviews, { tokenizer: { markNegation: true } });

console.log(`Vocabulary (maxSize 40): ${senti.vocabulary.size} tokens`);
console.log(`  ${senti.vocabulary.tokens.join(' ')}\n`);

for (const review of reviews) {
  console.log(`review:     ${JSON.stringify(review)}`);
  console.log(`normalised: ${JSON.stringify(senti.normalize(review))}`);
  console.log(`tokens:     ${senti.tokenize(review).join(' | ')}`);
  console.log(`negation:   ${negation.tokenize(review).join(' ')}`);
  const ids = senti.encode(review);
  console.log(`ids:        [${ids.join(', ')}]`);
  console.log(`decoded:    ${senti.decodeText(ids)}\n`);
}

const batch = senti.encodeBatch(reviews, { maxLength: 12, truncation: 'head+tail' });
console.log(`encodeBatch(maxLength 12, head+tail): ${batch.batchSize} × ${batch.sequenceLength}`);
for (let r = 0; r < batch.batchSize; r++) {
  const row = batch.ids.subarray(r * batch.sequenceLength, (r + 1) * batch.sequenceLength);
  console.log(
    `  [${row.join(', ')}]  tokens ${batch.tokenCounts[r]}, kept ${batch.lengths[r]}, truncated ${batch.truncated[r]}`,
  );
}
