import { decodeHtmlEntities, stripHtmlTags } from './html.ts';
import type { TokenizerOptions } from './options.ts';

const NON_ASCII_RE = /[\u0080-\uffff]/;
const C1_RE = /[\x80-\x9f]/g;
const APOSTROPHE_RE = /[\u2018\u2019\u02bc\u00b4\u2032]/g;

/** What each C1 control becomes: cp1252's punctuation where IMDB's mis-decoding put it, else nothing. */
function mapC1(ch: string): string {
  switch (ch.charCodeAt(0)) {
    case 0x96:
    case 0x97:
      return '-';
    case 0x91:
    case 0x92:
      return "'";
    case 0x93:
    case 0x94:
      return '"';
    case 0x85:
      return '...';
    default:
      return '';
  }
}

/** The normalisation split where the fast path needs it: markup first, then the non-ASCII steps. */
export interface NormalizerSteps {
  /** HTML tags and entities: the steps that run on every text. */
  markup(text: string): string;
  /** For text that is not pure ASCII after `markup`: C1 controls, apostrophes, NFKC, then lowercase. */
  unicode(text: string): string;
  /** Whether the text is lowercased (for pure ASCII text, the only step left after `markup`). */
  readonly lowercase: boolean;
  /** Whether `markup` strips HTML tags. */
  readonly stripHtml: boolean;
  /** Whether `markup` decodes entities. */
  readonly decodeEntities: boolean;
}

/** The steps of {@link createNormalizer}, for callers that check for non-ASCII text themselves. */
export function normalizerSteps(options: TokenizerOptions): NormalizerSteps {
  const { stripHtml, decodeEntities, mapControls, normalizeApostrophes, nfkc, lowercase } = options;
  return {
    markup(text: string): string {
      let s = text;
      if (stripHtml) s = stripHtmlTags(s);
      if (decodeEntities) s = decodeHtmlEntities(s);
      return s;
    },
    unicode(text: string): string {
      let s = text;
      if (mapControls) s = s.replace(C1_RE, mapC1);
      if (normalizeApostrophes) s = s.replace(APOSTROPHE_RE, "'");
      if (nfkc) {
        const before = s;
        s = s.normalize('NFKC');
        // NFKC makes look-alikes of some characters (″ to ′′, ŉ to ʼn): left alone, they would become ' only
        // when the tokens are tokenised again.
        if (normalizeApostrophes && s !== before) s = s.replace(APOSTROPHE_RE, "'");
      }
      return lowercase ? s.toLowerCase() : s;
    },
    lowercase,
    stripHtml,
    decodeEntities,
  };
}

/**
 * Builds the normalisation function for the given options. Steps run in this order: HTML tags, HTML entities,
 * C1 controls, apostrophes, NFKC, lowercase. Steps that are off are not in the pipeline; steps that would not
 * change the text (no `<`, no `&`, pure ASCII) are skipped after one scan.
 */
export function createNormalizer(options: TokenizerOptions): (text: string) => string {
  const steps = normalizerSteps(options);
  const { mapControls, normalizeApostrophes, nfkc, lowercase } = options;
  const anyNonAsciiStep = mapControls || normalizeApostrophes || nfkc;
  return (text: string): string => {
    const s = steps.markup(text);
    if (anyNonAsciiStep && NON_ASCII_RE.test(s)) return steps.unicode(s);
    return lowercase ? s.toLowerCase() : s;
  };
}
