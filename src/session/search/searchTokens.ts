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

export function normaliseTerm(word: string): string {
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
    const parts = [...word.matchAll(PART)];
    if (parts.length < 2) continue;
    for (const part of parts) {
      const partTerm = normaliseTerm(part[0]);
      if (partTerm !== '' && partTerm !== term) tokens.push({ term: partTerm, start: start + part.index, end: start + part.index + part[0].length });
    }
  }
  return tokens;
}

/** The distinct terms of `text`, for indexing. */
export function termsOf(text: string): Set<string> {
  return new Set(tokenize(text).map((token) => token.term));
}

/** The words of a query fragment as typed, in order. */
export function wordsOf(text: string): string[] {
  return [...text.matchAll(WORD)].map((match) => match[0]);
}

/** The indexable whole-word terms of a query fragment (a word's parts are not required, the word is). */
export function queryTerms(text: string): string[] {
  return wordsOf(text).map(normaliseTerm).filter((term) => term !== '' && term.length <= MAX_TERM_LENGTH);
}
