// Session search over real transcript files: the incremental index and the query results.
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { markSnippet } from '../../src/session/search/searchSnippet.js';
import { indexDirOf, syncSessionIndex } from '../../src/session/search/sessionIndex.js';
import { searchSessions, type SessionSearchOutcome } from '../../src/session/search/sessionSearch.js';
import { TranscriptWriter } from '../../src/session/transcriptWriter.js';
import { assistant } from './sessionFixtures.js';

const id = (n: number) => `${String(n).repeat(8)}-1111-4111-8111-111111111111`;

function project() {
  const dir = mkdtempSync(join(tmpdir(), 'wright-search-'));
  const writer = (n: number) => new TranscriptWriter(join(dir, `${id(n)}.jsonl`), id(n), { cwd: dir, version: 't' });
  return { dir, writer, path: (n: number) => join(dir, `${id(n)}.jsonl`) };
}

const prompt = (w: TranscriptWriter, text: string) => w.append({ type: 'user', message: { role: 'user', content: text } });
const answer = (w: TranscriptWriter, text: string) => w.append({ type: 'assistant', message: assistant([{ type: 'text', text }]) });
const toolResult = (w: TranscriptWriter, text: string) =>
  w.append({ type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: text }] } });

function hits(outcome: SessionSearchOutcome) {
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.message);
  return outcome.hits;
}

const age = (path: string, secondsAgo: number) => {
  const when = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(path, when, when);
};

test('index: an unchanged transcript is not read again; an appended one is read only from where indexing stopped', () => {
  const { dir, writer, path } = project();
  const w = writer(1);
  prompt(w, 'set up the release pipeline');
  answer(w, 'The pipeline now builds on tag pushes.');
  const first = searchSessions(dir, 'pipeline');
  assert.ok(first.ok);
  assert.equal(first.index.rebuilt, 1);
  assert.equal(first.index.bytesRead, statSync(path(1)).size);

  const again = searchSessions(dir, 'pipeline');
  assert.ok(again.ok);
  assert.deepEqual([again.index.unchanged, again.index.bytesRead], [1, 0]);

  const before = statSync(path(1)).size;
  answer(w, 'Added a canary stage with a smoke test.');
  const appended = searchSessions(dir, 'canary');
  assert.ok(appended.ok);
  assert.equal(appended.index.appended, 1);
  assert.equal(appended.index.rebuilt, 0);
  assert.equal(appended.index.bytesRead, statSync(path(1)).size - before);
  assert.equal(hits(appended)[0]!.kind, 'answer');
  assert.equal(hits(appended)[0]!.title, 'set up the release pipeline');
  // Earlier messages are still found after the append, with the same count as before.
  assert.equal(hits(searchSessions(dir, 'pipeline'))[0]!.matches, 2);
});

test('index: a shortened or rewritten transcript is indexed again from the start', () => {
  const { dir, writer, path } = project();
  const w = writer(1);
  prompt(w, 'first prompt about walruses');
  const keep = statSync(path(1)).size;
  answer(w, 'Walruses and narwhals.');
  assert.equal(hits(searchSessions(dir, 'narwhals')).length, 1);

  truncateSync(path(1), keep);
  const shortened = searchSessions(dir, 'narwhals');
  assert.ok(shortened.ok);
  assert.equal(shortened.index.rebuilt, 1);
  assert.equal(hits(shortened).length, 0);
  assert.equal(hits(searchSessions(dir, 'walruses')).length, 1);

  // Same length, different bytes: the hash of the indexed tail no longer matches.
  const text = readFileSync(path(1), 'utf8');
  writeFileSync(path(1), text.replace('walruses', 'penguins'));
  const rewritten = searchSessions(dir, 'penguins');
  assert.ok(rewritten.ok);
  assert.equal(rewritten.index.rebuilt, 1);
  assert.equal(hits(rewritten).length, 1);
  assert.equal(hits(searchSessions(dir, 'walruses')).length, 0);
});

test('index: damaged lines are skipped and counted; a line still being written waits until it is complete', () => {
  const { dir, writer, path } = project();
  const w = writer(1);
  prompt(w, 'before the damage');
  appendFileSync(path(1), '{"uuid":"cut-short","type":"assist\n');
  appendFileSync(path(1), '["not","an","entry"]\n');
  answer(w, 'after the damage: quokka');
  const line = JSON.stringify({ uuid: 'u-late', parentUuid: null, sessionId: id(1), timestamp: new Date().toISOString(), type: 'user', message: { role: 'user', content: 'late wombat' } });
  appendFileSync(path(1), line.slice(0, 40));

  const outcome = searchSessions(dir, 'quokka');
  assert.equal(hits(outcome).length, 1);
  const { sessions } = syncSessionIndex(dir);
  assert.equal(sessions[0]!.segment.header.skippedLines, 2);
  assert.equal(hits(searchSessions(dir, 'wombat')).length, 0, 'half a line is not indexed');

  appendFileSync(path(1), `${line.slice(40)}\n`);
  const completed = searchSessions(dir, 'wombat');
  assert.ok(completed.ok);
  assert.equal(completed.index.appended, 1);
  assert.equal(hits(completed)[0]!.entryUuid, 'u-late');
});

test('index: a damaged or foreign index file is rebuilt, never fatal; segments of deleted transcripts are removed', () => {
  const { dir, writer, path } = project();
  prompt(writer(1), 'remember the ocelot');
  prompt(writer(2), 'second session');
  assert.equal(hits(searchSessions(dir, 'ocelot')).length, 1);
  const segments = readdirSync(indexDirOf(dir)).sort();
  assert.deepEqual(segments, [`${id(1)}.idx`, `${id(2)}.idx`]);

  writeFileSync(join(indexDirOf(dir), segments[0]!), '{"v":1,"sessionId":');
  const repaired = searchSessions(dir, 'ocelot');
  assert.ok(repaired.ok);
  assert.equal(repaired.index.rebuilt, 1);
  assert.equal(hits(repaired).length, 1);

  // A whole header over a damaged message list: found out while querying, and rebuilt then.
  const good = readFileSync(join(indexDirOf(dir), segments[0]!), 'utf8').split('\n');
  writeFileSync(join(indexDirOf(dir), segments[0]!), [good[0], '[["broken"', ...good.slice(2)].join('\n'));
  assert.equal(hits(searchSessions(dir, 'ocelot')).length, 1);
  assert.equal(hits(searchSessions(dir, 'ocelot')).length, 1);

  rmSync(path(2));
  searchSessions(dir, 'ocelot');
  assert.deepEqual(readdirSync(indexDirOf(dir)), [`${id(1)}.idx`]);
});

test('index: without a writable index directory, search still answers', () => {
  const { dir, writer } = project();
  prompt(writer(1), 'a read-only place with a heron');
  writeFileSync(indexDirOf(dir), 'a file where the index directory would be');
  const outcome = searchSessions(dir, 'heron');
  assert.ok(outcome.ok);
  assert.equal(outcome.index.unsaved, 1);
  assert.equal(hits(outcome).length, 1);
  assert.deepEqual(hits(searchSessions(join(dir, 'missing'), 'heron')), []);
});

test('search: all words in one message, phrases exact, tool results included', () => {
  const { dir, writer } = project();
  const w = writer(1);
  prompt(w, 'why does the parser crash?');
  toolResult(w, 'TypeError: cannot read properties of undefined (reading "token")\n    at Parser.next');
  answer(w, 'The tokenizer returns undefined at end of input.');
  assert.equal(hits(searchSessions(dir, 'typeerror token'))[0]!.kind, 'tool');
  assert.equal(hits(searchSessions(dir, 'parser tokenizer')).length, 0, 'both words must be in the same message');
  assert.equal(hits(searchSessions(dir, '"end of input"'))[0]!.kind, 'answer');
  assert.equal(hits(searchSessions(dir, '"input of end"')).length, 0);
  assert.equal(hits(searchSessions(dir, '"of undefined" "reading"'))[0]!.matches, 1);
  const bad = searchSessions(dir, '""');
  assert.equal(bad.ok, false);
});

test('search: newest session first, one hit per session with its match count, limited with a count of the rest', () => {
  const { dir, writer, path } = project();
  for (const n of [1, 2, 3, 4]) {
    const w = writer(n);
    prompt(w, `session ${n} about the cache`);
    if (n !== 3) answer(w, `Cache invalidation, take ${n}.`);
    age(path(n), [30, 10, 5, 20][n - 1]!);
  }
  const all = hits(searchSessions(dir, 'cache'));
  assert.deepEqual(all.map((h) => h.sessionId), [id(3), id(2), id(4), id(1)]);
  assert.deepEqual(all.map((h) => h.matches), [1, 2, 2, 2]);
  assert.equal(all[0]!.title, 'session 3 about the cache');
  assert.equal(markSnippet(all[0]!.snippet), 'session 3 about the **cache**');
  assert.equal(markSnippet(all[1]!.snippet), '**Cache** invalidation, take 2.', 'an answer is preferred to a prompt');

  const limited = searchSessions(dir, '"cache invalidation"', { limit: 2 });
  assert.ok(limited.ok);
  assert.deepEqual(limited.hits.map((h) => h.sessionId), [id(2), id(4)]);
  assert.equal(limited.more, 1);

  const excluded = hits(searchSessions(dir, 'cache', { excludeSessionId: id(3) }));
  assert.deepEqual(excluded.map((h) => h.sessionId), [id(2), id(4), id(1)]);
});

test('index: temporary files of a writer that died are ignored, and removed once old; a segment under the wrong name is rebuilt', () => {
  const { dir, writer } = project();
  prompt(writer(1), 'alpha lemur');
  prompt(writer(2), 'beta lemur');
  searchSessions(dir, 'lemur');
  const index = indexDirOf(dir);
  const fresh = join(index, `${id(1)}.idx.999.abc.tmp`);
  const old = join(index, `${id(1)}.idx.998.def.tmp`);
  writeFileSync(fresh, 'half a segm');
  writeFileSync(old, 'half a segm');
  age(old, 3600);
  // Another session's segment copied over this one's: its header names the other session.
  writeFileSync(join(index, `${id(1)}.idx`), readFileSync(join(index, `${id(2)}.idx`)));
  const outcome = searchSessions(dir, 'alpha');
  assert.ok(outcome.ok);
  assert.equal(outcome.index.rebuilt, 1);
  assert.equal(hits(outcome)[0]!.sessionId, id(1));
  assert.equal(existsSync(fresh), true, 'a recent temporary file may belong to a writer still at work');
  assert.equal(existsSync(old), false);
});

test('index: several processes searching and appending at once leave a whole, correct index', async () => {
  const { dir, writer, path } = project();
  for (const n of [1, 2, 3, 4]) for (let i = 0; i < 20; i++) prompt(writer(n), `session ${n} line ${i} capybara`);
  const searchModule = fileURLToPath(new URL('../../src/session/search/sessionSearch.ts', import.meta.url));
  const writerModule = fileURLToPath(new URL('../../src/session/transcriptWriter.ts', import.meta.url));
  const script = (append: boolean) => `
    const { searchSessions } = await import(${JSON.stringify(searchModule)});
    const { TranscriptWriter } = await import(${JSON.stringify(writerModule)});
    const w = new TranscriptWriter(${JSON.stringify(path(1))}, ${JSON.stringify(id(1))}, { cwd: '/', version: 't' });
    for (let i = 0; i < 15; i++) {
      if (${append}) w.append({ type: 'user', message: { role: 'user', content: 'appended okapi ' + i } });
      const outcome = searchSessions(${JSON.stringify(dir)}, 'capybara');
      if (!outcome.ok || outcome.hits.length !== 4) throw new Error('wrong result: ' + JSON.stringify(outcome));
    }`;
  const run = (append: boolean) =>
    new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script(append)], { stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('close', resolve);
    });
  assert.deepEqual(await Promise.all([run(true), run(false), run(false)]), [0, 0, 0]);
  const after = searchSessions(dir, 'okapi');
  assert.equal(hits(after)[0]!.matches, 15);
  assert.equal(after.ok && after.index.rebuilt, 0);
  assert.deepEqual(readdirSync(indexDirOf(dir)).filter((name) => name.endsWith('.tmp')), []);
});
