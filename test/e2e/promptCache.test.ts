// End-to-end: Anthropic prompt caching over a 30-turn session. Every request must extend the one
// before it (only appended blocks), and the part the previous request marked for the cache must be
// at least 90% of each request from the second on. The figure is printed for the closing note.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startModelServer, type ModelServer } from '../support/modelServer.js';
import { reply, text, toolUse, type RecordedRequest } from '../support/script.js';
import { makeWorkspace, runWright } from './harness.js';

const TURNS = 30;

/** A request as a list of units (each tool, the system prompt, each message block), cache markers left out. */
function units(body: any): Array<{ key: string; cached: boolean }> {
  const unit = (value: any, prefix = '') => ({ key: prefix + JSON.stringify(value, (name, inner) => (name === 'cache_control' ? undefined : inner)), cached: value?.cache_control !== undefined });
  const system = typeof body.system === 'string' ? [{ type: 'text', text: body.system }] : (body.system ?? []);
  return [
    ...(body.tools ?? []).map((tool: any) => unit(tool)),
    ...system.map((block: any) => unit(block, 'system:')),
    ...body.messages.flatMap((message: any, index: number) =>
      (typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content).map((block: any) => unit(block, `${index}:${message.role}:`)),
    ),
  ];
}

const size = (list: Array<{ key: string }>) => list.reduce((sum, unit) => sum + unit.key.length, 0);

/** The share of `current` that `previous` marked for the cache and `current` starts with. */
function cacheReadShare(previous: RecordedRequest, current: RecordedRequest): number {
  const before = units(previous.body);
  const now = units(current.body);
  let lastMarked = -1;
  before.forEach((unit, index) => {
    if (unit.cached) lastMarked = index;
  });
  for (let index = 0; index <= lastMarked; index++) if (before[index]!.key !== now[index]?.key) return 0;
  return size(now.slice(0, lastMarked + 1)) / size(now);
}

describe('prompt caching over the anthropic protocol', () => {
  let server: ModelServer;
  before(async () => (server = await startModelServer()));
  after(() => server?.close());

  test(`over ${TURNS} turns each request extends the last, and at least 90% of it is read from the cache`, async () => {
    const workspace = makeWorkspace({ 'WRIGHT.md': 'Use tabs.\n', 'notes.txt': Array.from({ length: 200 }, (_, i) => `note ${i}`).join('\n') });
    const first = server.requests.length;
    for (let turn = 1; turn < TURNS; turn++) server.push(reply([text(`Step ${turn}.`), toolUse('Read', { file_path: `${workspace.repo}/notes.txt`, offset: turn * 5, limit: 5 })]));
    server.push(reply([text('All read.')]));
    const run = await runWright(['-p', 'read the notes in steps'], { workspace, server });
    assert.equal(run.code, 0, run.stderr);
    const requests = server.requests.slice(first);
    assert.equal(requests.length, TURNS);
    const shares: number[] = [];
    for (let index = 1; index < requests.length; index++) {
      const before = units(requests[index - 1]!.body).map((unit) => unit.key);
      const now = units(requests[index]!.body).map((unit) => unit.key);
      assert.deepEqual(now.slice(0, before.length), before, `request ${index + 1} only appends to request ${index}`);
      shares.push(cacheReadShare(requests[index - 1]!, requests[index]!));
    }
    const lowest = Math.min(...shares);
    const mean = shares.reduce((sum, share) => sum + share, 0) / shares.length;
    console.log(`prompt cache: share of input read from cache, turns 2–${TURNS}: lowest ${(lowest * 100).toFixed(1)}%, mean ${(mean * 100).toFixed(1)}%`);
    assert.ok(lowest >= 0.9, `every request from the second reads at least 90% from the cache (lowest ${(lowest * 100).toFixed(1)}%)`);
    for (const request of requests) assert.ok(JSON.stringify(request.body).split('cache_control').length - 1 <= 4);
  });

  test('DISABLE_PROMPT_CACHING=1 sends no cache markers; the OpenAI protocol never gets any', async () => {
    const workspace = makeWorkspace();
    server.push(reply([text('plain')]));
    const off = await runWright(['-p', 'hi'], { workspace, server, env: { DISABLE_PROMPT_CACHING: '1' } });
    assert.equal(off.code, 0, off.stderr);
    assert.doesNotMatch(JSON.stringify(server.requests.at(-1)!.body), /cache_control/);
    server.push(reply([text('plain')]));
    const openai = await runWright(['-p', 'hi'], { workspace, server, provider: 'openai' });
    assert.equal(openai.code, 0, openai.stderr);
    assert.doesNotMatch(JSON.stringify(server.requests.at(-1)!.body), /cache_control/);
  });
});
