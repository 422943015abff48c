// A search query: bare words that must all occur in one message (any case, as whole words or as
// parts of camelCase words), and "quoted phrases" that must occur exactly as written, apart from case
// and spacing, not inside a longer word.
import { MAX_TERM_LENGTH, normaliseTerm, queryTerms, tokenize, wordsOf } from './searchTokens.js';

export interface SearchQuery {
  /** Terms the index must hold for a message to be a candidate (from words and phrases). */
  indexTerms: string[];
  /** Bare words (normalised) that must be tokens of the message. */
  words: string[];
  /** Phrases as typed (trimmed), matched against the message text. */
  phrases: string[];
}

export type ParsedQuery = { ok: true; query: SearchQuery } | { ok: false; message: string };

export function parseQuery(input: string): ParsedQuery {
  const phrases: string[] = [];
  const rest = input.replace(/"([^"]*)"?/g, (_, phrase: string) => {
    const trimmed = phrase.trim();
    if (trimmed !== '') phrases.push(trimmed);
    return ' ';
  });
  const words: string[] = [];
  for (const word of wordsOf(rest)) {
    const term = normaliseTerm(word);
    // Too long to be indexed (hashes, base64): matched in the text like a phrase.
    if (term.length > MAX_TERM_LENGTH) phrases.push(word);
    else if (term !== '' && !words.includes(term)) words.push(term);
  }
  const phraseTerms = phrases.flatMap((phrase) => queryTerms(phrase));
  if (words.length === 0 && phrases.length === 0) {
    return { ok: false, message: 'The query has no words to search for.' };
  }
  return { ok: true, query: { indexTerms: [...new Set([...words, ...phraseTerms])], words, phrases } };
}

export interface MatchRange {
  start: number;
  end: number;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORD_CHAR = '[\\p{L}\\p{N}\\p{M}]';

function phrasePattern(phrase: string): RegExp {
  const body = phrase.split(/\s+/).map(escapeRegExp).join('\\s+');
  const before = /^[\p{L}\p{N}\p{M}]/u.test(phrase) ? `(?<!${WORD_CHAR})` : '';
  const after = /[\p{L}\p{N}\p{M}]$/u.test(phrase) ? `(?!${WORD_CHAR})` : '';
  return new RegExp(`${before}${body}${after}`, 'giu');
}

/**
 * Where the query matches `text`, or null when some word or phrase is missing. The ranges cover
 * every occurrence of every word and phrase, in text order, for marking a snippet.
 */
export function matchQuery(query: SearchQuery, text: string): MatchRange[] | null {
  const ranges: MatchRange[] = [];
  if (query.words.length > 0) {
    const wanted = new Set(query.words);
    const found = new Set<string>();
    for (const token of tokenize(text)) {
      if (!wanted.has(token.term)) continue;
      found.add(token.term);
      ranges.push({ start: token.start, end: token.end });
    }
    if (found.size < wanted.size) return null;
  }
  for (const phrase of query.phrases) {
    const hits = [...text.matchAll(phrasePattern(phrase))].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    if (hits.length === 0) return null;
    ranges.push(...hits);
  }
  return mergeRanges(ranges);
}

function mergeRanges(ranges: MatchRange[]): MatchRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: MatchRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}
