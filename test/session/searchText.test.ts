// Session search: how text becomes terms, how queries are read and matched, and how snippets are cut.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markSnippet, makeSnippet } from '../../src/session/search/searchSnippet.js';
import { searchableText, TOOL_RESULT_CHARS } from '../../src/session/search/searchableText.js';
import { matchQuery, parseQuery, type SearchQuery } from '../../src/session/search/searchQuery.js';
import { termsOf, tokenize } from '../../src/session/search/searchTokens.js';

const query = (text: string): SearchQuery => {
  const parsed = parseQuery(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.query;
};
const marked = (q: string, text: string) => {
  const ranges = matchQuery(query(q), text);
  return ranges === null ? null : markSnippet({ text, marks: ranges });
};

test('tokenize: lower-case Unicode words with their positions, NFKC-normalised', () => {
  assert.deepEqual(
    tokenize('Größe: ＡＢＣ café-東京 x_y').map((t) => t.term),
    ['größe', 'abc', 'café', '東京', 'x', 'y'],
  );
  const [token] = tokenize('  Straße');
  assert.deepEqual(token, { term: 'straße', start: 2, end: 8 });
});

test('tokenize: camelCase and digit-joined words also yield their parts; data-sized words are skipped', () => {
  assert.deepEqual([...termsOf('listSessionSummaries')], ['listsessionsummaries', 'list', 'session', 'summaries']);
  assert.deepEqual([...termsOf('HTMLParser utf8')], ['htmlparser', 'html', 'parser', 'utf8', 'utf', '8']);
  assert.deepEqual([...termsOf(`${'a'.repeat(65)} ok`)], ['ok']);
});

test('parseQuery: bare words, quoted phrases (an unclosed quote runs to the end), and an empty query', () => {
  assert.deepEqual(query('Retry "exponential  backoff" jitter'), {
    indexTerms: ['retry', 'jitter', 'exponential', 'backoff'],
    words: ['retry', 'jitter'],
    phrases: ['exponential  backoff'],
  });
  assert.deepEqual(query('flaky "open phrase').phrases, ['open phrase']);
  const long = 'f'.repeat(80);
  assert.deepEqual(query(long), { indexTerms: [], words: [], phrases: [long] });
  for (const empty of ['', '   ', '"" ...', '"  "']) {
    const parsed = parseQuery(empty);
    assert.equal(parsed.ok, false, empty);
  }
});

test('matchQuery: every word must occur, in any case, as a word or a camelCase part', () => {
  assert.equal(marked('retry JITTER', 'The Retry loop adds jitter.'), 'The **Retry** loop adds **jitter**.');
  assert.equal(marked('retry jitter', 'The retry loop.'), null);
  assert.equal(marked('session', 'call listSessionSummaries()'), 'call list**Session**Summaries()');
  assert.equal(marked('retry', 'retrying'), null, 'a word is not a prefix');
});

test('matchQuery: phrases match exactly apart from case and spacing, never inside a longer word', () => {
  assert.equal(marked('"npm run build"', 'then NPM  run\nbuild again'), 'then **NPM  run\nbuild** again');
  assert.equal(marked('"run build"', 'rerun builds'), null);
  assert.equal(marked('"run build"', 'run the build'), null);
  assert.equal(marked('"a.b(c)"', 'call a.b(c) now'), 'call **a.b(c)** now', 'punctuation is literal, not a pattern');
  assert.equal(marked('"a.b(c)"', 'call axb(c) now'), null);
  assert.equal(marked('"fix it" parser', 'fix it in the parser; fix it'), '**fix it** in the **parser**; **fix it**');
});

test('snippet: a window around the first match, on one line, with ellipses and the marks moved along', () => {
  const text = `${'lorem ipsum '.repeat(40)}the needle\n\n  is   here ${'dolor sit '.repeat(40)}`;
  const ranges = matchQuery(query('"needle is here"'), text)!;
  const snippet = makeSnippet(text, ranges, 80);
  assert.ok(snippet.text.startsWith('…') && snippet.text.endsWith('…'), snippet.text);
  assert.ok(snippet.text.length < 110);
  assert.doesNotMatch(snippet.text, /\n| {2}/);
  assert.match(markSnippet(snippet, '[', ']'), /the \[needle is here\] dolor/);
  const short = makeSnippet('just a needle', [{ start: 7, end: 13 }]);
  assert.equal(markSnippet(short), 'just a **needle**');
});

test('searchable text: prompts, answers, compact summaries and the start of tool results; nothing else', () => {
  assert.deepEqual(searchableText({ type: 'user', message: { role: 'user', content: 'hello' } }), { kind: 'prompt', text: 'hello' });
  assert.deepEqual(
    searchableText({ type: 'assistant', message: { content: [{ type: 'thinking', thinking: 'secret plan' }, { type: 'text', text: 'Done.' }, { type: 'tool_use', input: { x: 1 } }] } }),
    { kind: 'answer', text: 'Done.' },
  );
  const result = searchableText({
    type: 'user',
    message: { content: [{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'text', text: 'x'.repeat(TOOL_RESULT_CHARS) + 'TAIL' }] }] },
  });
  assert.equal(result?.kind, 'tool');
  assert.equal(result?.text.length, TOOL_RESULT_CHARS);
  assert.equal(searchableText({ type: 'user', isCompactSummary: true, message: { content: 'summary' } })?.kind, 'summary');
  assert.equal(searchableText({ type: 'system', content: 'compacted' }), null);
  assert.equal(searchableText({ type: 'assistant', message: { content: [{ type: 'tool_use' }] } }), null);
  assert.equal(searchableText('not an entry'), null);
});

test('termsOf indexes exactly the terms tokenize finds', () => {
  const text = 'Größe ＡＢＣ listSessionSummaries HTMLParser ABC utf8 x1 Ǆemo naïve café 東京タワー ' + 'z'.repeat(70);
  assert.deepEqual([...termsOf(text)].sort(), [...new Set(tokenize(text).map((t) => t.term))].sort());
});
