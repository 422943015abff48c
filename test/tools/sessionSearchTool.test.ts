// SessionSearch: the tool over a real project directory of transcripts.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { join } from 'node:path';
import { pastSessionSearch } from '../../src/session/search/pastSessionSearch.js';
import { TranscriptWriter } from '../../src/session/transcriptWriter.js';
import { createCoreTools, toolInputJsonSchema } from '../../src/tools/index.js';
import { assistant } from '../session/sessionFixtures.js';
import { makeContext, makeTempDir, removeTempDirs, textOf } from './toolTestContext.js';

after(removeTempDirs);

const ID = (n: number) => `${String(n).repeat(8)}-2222-4222-8222-222222222222`;

function projectWithSessions() {
  const dir = makeTempDir();
  for (const n of [1, 2, 3]) {
    const writer = new TranscriptWriter(join(dir, `${ID(n)}.jsonl`), ID(n), { cwd: dir, version: 't' });
    writer.append({ type: 'user', message: { role: 'user', content: `task ${n}: tune the connection pool` } });
    writer.append({ type: 'assistant', message: assistant([{ type: 'text', text: `Set the pool size to ${n * 10}.` }]) });
  }
  return dir;
}

const toolFor = (dir: string, current: string) => {
  const tool = createCoreTools({ pastSessions: pastSessionSearch(dir, current) }).find((t) => t.name === 'SessionSearch');
  assert.ok(tool, 'offered when the session has past sessions to search');
  return tool;
};

test('SessionSearch is offered only with a transcript directory, read-only, with a small schema', () => {
  assert.equal(createCoreTools().some((t) => t.name === 'SessionSearch'), false);
  const tool = toolFor(makeTempDir(), ID(9));
  assert.equal(tool.isReadOnly({ query: 'x' }), true);
  assert.deepEqual(Object.keys((toolInputJsonSchema(tool) as any).properties), ['query', 'limit']);
  assert.ok(tool.description.length < 400);
});

test('SessionSearch returns other sessions with marked snippets, leaves out the current one, and counts the rest', async () => {
  const dir = projectWithSessions();
  const tool = toolFor(dir, ID(3));
  const result = await tool.run(tool.inputSchema.parse({ query: '"pool size"', limit: 1 }), makeContext(dir));
  const text = textOf(result);
  assert.equal(result.isError, undefined);
  assert.match(text, /^2 past sessions match "\\"pool size\\"" \(newest first\):/);
  const listed = [ID(1), ID(2), ID(3)].filter((id) => text.includes(id));
  assert.equal(listed.length, 1);
  assert.notEqual(listed[0], ID(3), 'the session in progress is not searched');
  assert.match(text, /assistant: Set the \*\*pool size\*\* to \d0\./);
  assert.match(text, /"task \d: tune the connection pool"/);
  assert.match(text, /1 more not shown/);
  assert.match(text, /wright -r <session id>/);
});

test('SessionSearch: no match is an answer, an unsearchable query an actionable error', async () => {
  const dir = projectWithSessions();
  const tool = toolFor(dir, ID(3));
  const none = await tool.run({ query: 'kubernetes' }, makeContext(dir));
  assert.equal(none.isError, undefined);
  assert.match(textOf(none), /No past session of this project matches "kubernetes"/);
  const bad = await tool.run({ query: '""' }, makeContext(dir));
  assert.equal(bad.isError, true);
  assert.match(textOf(bad), /no words to search for.*quoted phrase/);
});
