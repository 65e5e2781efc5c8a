/** HTML element names whose tags `stripHtml` removes; anything else between `<` and `>` stays text. */
const TAG_NAMES =
  'a|abbr|b|big|blockquote|br|center|cite|code|del|div|em|font|h[1-6]|hr|i|img|ins|li|ol|p|pre|q|s|small|span|strike|strong|sub|sup|table|td|th|tr|tt|u|ul';

const TAG_RE = new RegExp(`</?(?:${TAG_NAMES})(?=[\\s/>])[^<>]*>`, 'giu');

/** Replaces HTML tags (`<br />`, `<i>`, `</p>`, `<a href="x">`) with a space. */
export function stripHtmlTags(text: string): string {
  if (text.indexOf('<') === -1) return text;
  // `<br />` is in 58% of IMDB reviews: a plain substring replace handles it at memcpy speed.
  const s = text.replaceAll('<br />', ' ');
  return s.indexOf('<') === -1 ? s : s.replace(TAG_RE, ' ');
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ndash: '\u2013',
  mdash: '\u2014',
  hellip: '\u2026',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  laquo: '\u00ab',
  raquo: '\u00bb',
  copy: '\u00a9',
  reg: '\u00ae',
  trade: '\u2122',
  deg: '\u00b0',
  frac12: '\u00bd',
  pound: '\u00a3',
  euro: '\u20ac',
  aacute: '\u00e1',
  agrave: '\u00e0',
  acirc: '\u00e2',
  auml: '\u00e4',
  aring: '\u00e5',
  ccedil: '\u00e7',
  eacute: '\u00e9',
  egrave: '\u00e8',
  ecirc: '\u00ea',
  euml: '\u00eb',
  iacute: '\u00ed',
  iuml: '\u00ef',
  ntilde: '\u00f1',
  oacute: '\u00f3',
  ouml: '\u00f6',
  oslash: '\u00f8',
  uacute: '\u00fa',
  uuml: '\u00fc',
  szlig: '\u00df',
};

const ENTITY_RE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,7}));/g;

function decodeEntity(match: string, dec?: string, hex?: string, name?: string): string {
  if (name !== undefined) return NAMED_ENTITIES[name] ?? match;
  const cp = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
  // NUL, surrogates and values past U+10FFFF name no character: the text stays as written.
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return match;
  return String.fromCodePoint(cp);
}

/**
 * Decodes numeric entities (`&#39;`, `&#x27;`) and the common named ones (`&amp;` `&lt;` `&gt;` `&quot;`
 * `&apos;` `&nbsp;` `&hellip;` ...). Entities need their `;`; unknown names stay as written.
 */
export function decodeHtmlEntities(text: string): string {
  return text.indexOf('&') === -1 ? text : text.replace(ENTITY_RE, decodeEntity);
}
