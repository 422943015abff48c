// How text becomes search terms, shared by the indexer, the query parser and the snippet marker so
// the three always agree. A word is a run of Unicode letters, digits and combining marks; its term is
// its NFKC form in lower case. A camelCase or digit-joined word (`listSessionSummaries`, `utf8Decode`)
// also yields its parts, so a search for `session` finds identifiers that contain it.

export interface Token {
  term: string;
  /** Offsets into the original text (UTF-16 code units), end exclusive. */
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
/** Boundaries inside a word: lower→Upper, UPPER→Upper-lower (`HTMLParser`), letter↔digit. */
const PART = /\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?[\p{Ll}\p{Lt}\p{Lm}\p{Lo}\p{M}]+|\p{Lu}+|\p{N}+/gu;
/** Words this long are data (hashes, base64), not something anyone searches for by part. */
export const MAX_TERM_LENGTH = 64;

const ASCII = /^[\x00-\x7f]*$/;
/** Whether a word may have parts: a capital after its first letter, or letters and digits mixed. */
const MAY_HAVE_PARTS = /.\p{Lu}|\p{L}\p{N}|\p{N}\p{L}/u;

export function normaliseTerm(word: string): string {
  if (ASCII.test(word)) return word.toLowerCase();
  return word.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}\p{M}]/gu, '');
}

/** Every word of `text` as a term with its position, followed by the word's parts when it has several. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    const start = match.index;
    const term = normaliseTerm(word);
    if (term === '' || term.length > MAX_TERM_LENGTH) continue;
    tokens.push({ term, start, end: start + word.length });
    if (!MAY_HAVE_PARTS.test(word)) continue;
    const parts = [...word.matchAll(PART)];
    if (parts.length < 2) continue;
    for (const part of parts) {
      const partTerm = normaliseTerm(part[0]);
      if (partTerm !== '' && partTerm !== term) tokens.push({ term: partTerm, start: start + part.index, end: start + part.index + part[0].length });
    }
  }
  return tokens;
}

// The same rules for text that is all ASCII (most of a coding session), without Unicode classes.
const ASCII_WORD = /[A-Za-z0-9]+/g;
const ASCII_MAY_HAVE_PARTS = /.[A-Z]|[A-Za-z][0-9]|[0-9][A-Za-z]/;

/** The distinct terms of `text`, for indexing (what `tokenize` finds, without the positions). */
export function termsOf(text: string): Set<string> {
  const ascii = ASCII.test(text);
  const terms = new Set<string>();
  const seen = new Set<string>();
  for (const word of text.match(ascii ? ASCII_WORD : WORD) ?? []) {
    if (seen.has(word)) continue;
    seen.add(word);
    const term = ascii ? word.toLowerCase() : normaliseTerm(word);
    if (term === '' || term.length > MAX_TERM_LENGTH) continue;
    terms.add(term);
    if (!(ascii ? ASCII_MAY_HAVE_PARTS : MAY_HAVE_PARTS).test(word)) continue;
    const parts = word.match(PART) ?? [];
    if (parts.length < 2) continue;
    for (const part of parts) {
      const partTerm = normaliseTerm(part);
      if (partTerm !== '') terms.add(partTerm);
    }
  }
  return terms;
}

/** The words of a query fragment as typed, in order. */
export function wordsOf(text: string): string[] {
  return [...text.matchAll(WORD)].map((match) => match[0]);
}

/** The indexable whole-word terms of a query fragment (a word's parts are not required, the word is). */
export function queryTerms(text: string): string[] {
  return wordsOf(text).map(normaliseTerm).filter((term) => term !== '' && term.length <= MAX_TERM_LENGTH);
}
