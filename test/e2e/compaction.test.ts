// End-to-end: a long print-mode session against a scripted server that enforces a small context
// window the way providers do ("prompt is too long"). wright must compact at its threshold, ask for
// the summary sections, keep memory and todos, never send a request that does not fit, and recover
// when the server refuses one anyway.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startModelServer, type ModelServer } from '../support/modelServer.js';
import { estimateInputTokens } from '../support/modelServer/resolvedReply.js';
import { fault, reply, replyFrom, text, toolUse, type RecordedRequest } from '../support/script.js';
import { jsonResult, makeWorkspace, readTranscriptLines, runWright, streamEvents, transcriptFiles, type Provider } from './harness.js';

const WINDOW = 24_000;
const TOOL_TURNS = 200;
const MEMORY_MARK = 'Always run the linter before committing (memory marker 7c1e).';
const TODO_MARK = 'Port the parser (todo marker 93ab)';

const isSummaryRequest = (request: RecordedRequest) => JSON.stringify(request.body.messages.at(-1)).includes('write a summary of the whole conversation so far');
const files = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`data/f${i}.txt`, Array.from({ length: 120 }, (_, line) => `file ${i} line ${line} `.padEnd(60, '.')).join('\n') + '\n']));

for (const provider of ['anthropic', 'openai'] as Provider[]) {
  describe(`compaction over the ${provider} protocol`, () => {
    let server: ModelServer;
    // A server per test: the long session leaves scripted turns unused.
    beforeEach(async () => (server = await startModelServer({ contextWindow: WINDOW })));
    afterEach(() => server?.close());

    test(`a ${TOOL_TURNS}-turn session with large tool outputs stays inside the window, compacting at the threshold`, async () => {
      const workspace = makeWorkspace({ 'WRIGHT.md': `# Project\n${MEMORY_MARK}\n\n## Compact Instructions\nMention every file name read.\n`, ...files });
      const first = server.requests.length;
      let toolCalls = 0;
      let summaries = 0;
      const turn = replyFrom((request) => {
        if (isSummaryRequest(request)) return reply([text(`<analysis>…</analysis><summary>## Intent\nRead the data files (summary ${++summaries}).</summary>`)]);
        toolCalls++;
        if (toolCalls === 1) return reply([toolUse('TodoWrite', { todos: [{ content: TODO_MARK, status: 'in_progress', activeForm: 'Porting the parser' }] })]);
        if (toolCalls > TOOL_TURNS) return reply([text('All files read.')]);
        const n = toolCalls % 20;
        return reply([toolUse('Read', { file_path: `${workspace.repo}/data/f${n}.txt`, offset: Math.floor(toolCalls / 20) + 1, limit: 40 })]);
      });
      server.push(...Array.from({ length: TOOL_TURNS * 2 }, () => turn));
      const run = await runWright(['-p', 'read the data files', '--output-format', 'stream-json', '--verbose'], {
        workspace,
        server,
        provider,
        env: { WRIGHT_CONTEXT_WINDOW: String(WINDOW) },
      });
      assert.equal(run.code, 0, run.stderr);
      const events = streamEvents(run);
      assert.equal(events.at(-1).result, 'All files read.');
      const requests = server.requests.slice(first);
      const sizes = requests.map((request) => estimateInputTokens(request.body));
      assert.ok(Math.max(...sizes) <= WINDOW, `every request fits the window (largest ${Math.max(...sizes)})`);

      assert.ok(requests.some((request) => JSON.stringify(request.body).includes('[Old tool result cleared to save context: Read of ')), 'old results were stubbed first');
      const boundaries = events.filter((event) => event.type === 'system' && event.subtype === 'compact_boundary');
      assert.ok(boundaries.length >= 3, `summarised repeatedly once stubs no longer sufficed (${boundaries.length} times)`);
      assert.equal(boundaries.length, summaries);
      for (const boundary of boundaries) {
        assert.equal(boundary.compact_metadata.trigger, 'auto');
        assert.ok(boundary.compact_metadata.pre_tokens >= WINDOW * 0.6, 'not compacted long before the threshold');
      }

      const summaryRequests = requests.filter(isSummaryRequest);
      for (const section of ['Primary Request and Intent', 'Files and Code Sections', 'All User Messages', 'Pending Tasks', 'Current Work', 'Optional Next Step']) {
        assert.ok(JSON.stringify(summaryRequests[0]!.body).includes(section), `the summary request asks for ${section}`);
      }
      assert.ok(JSON.stringify(summaryRequests[0]!.body).includes('Mention every file name read.'), "the memory file's Compact Instructions are honoured");

      const afterCompaction = requests.filter((request, index) => index > 0 && isSummaryRequest(requests[index - 1]!));
      assert.equal(afterCompaction.length, summaries);
      for (const request of afterCompaction) {
        const body = JSON.stringify(request.body);
        assert.ok(body.includes(MEMORY_MARK), 'the memory files are still sent');
        assert.ok(body.includes(TODO_MARK), 'the todo list is carried over');
        assert.match(body, /summary \d+/);
      }

      const transcript = readTranscriptLines(transcriptFiles(workspace)[0]!);
      assert.equal(transcript.filter((line) => line.type === 'system' && line.subtype === 'compact_boundary').length, summaries);
    });

    test('a "prompt is too long" refusal is recovered from: compacted, sent again, finished', async () => {
      const workspace = makeWorkspace();
      const first = server.requests.length;
      server.push(
        reply([text('An earlier answer.')]),
        fault({ type: 'status', status: 400, message: 'prompt is too long: 250000 tokens > 200000 maximum' }),
        replyFrom((request) => (isSummaryRequest(request) ? reply([text('<summary>Answered once already.</summary>')]) : reply([text('unexpected')]))),
        reply([text('Finished after recovering.')]),
      );
      const one = await runWright(['-p', 'first question', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(one.code, 0, one.stderr);
      const two = await runWright(['-p', 'second question', '--continue', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(two.code, 0, two.stderr);
      assert.equal(jsonResult(two).result, 'Finished after recovering.');
      const retried = JSON.stringify(server.requests.at(-1)!.body);
      assert.match(retried, /Answered once already\./);
      assert.match(retried, /second question/, "the user's message survives the recovery");
      assert.equal(server.requests.length - first, 4);

      // The compacted conversation is what a later --continue resumes.
      server.push(reply([text('Third answer.')]));
      const three = await runWright(['-p', 'third question', '--continue', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(three.code, 0, three.stderr);
      const resumed = JSON.stringify(server.requests.at(-1)!.body);
      assert.match(resumed, /Answered once already\./);
      assert.doesNotMatch(resumed, /first question/, 'what was compacted away stays away');
    });
  });
}

describe('/compact and /context in print mode', () => {
  let server: ModelServer;
  beforeEach(async () => (server = await startModelServer()));
  afterEach(() => server?.close());

  test('`-c -p "/compact <focus>"` compacts the last session; `/context` reports usage by category, counted by the provider', async () => {
    const workspace = makeWorkspace();
    server.push(reply([text('The flaky test is auth.spec.ts.')]));
    const first = await runWright(['-p', 'which test is flaky?'], { workspace, server });
    assert.equal(first.code, 0, first.stderr);

    server.push(replyFrom((request) => reply([text(isSummaryRequest(request) ? '<summary>auth.spec.ts is flaky.</summary>' : 'not a summary request')])));
    const compacted = await runWright(['-c', '-p', '/compact keep the test names', '--output-format', 'stream-json', '--verbose'], { workspace, server });
    assert.equal(compacted.code, 0, compacted.stderr);
    const events = streamEvents(compacted);
    assert.ok(events.some((event) => event.type === 'system' && event.subtype === 'compact_boundary' && event.compact_metadata.trigger === 'manual'));
    assert.equal(events.at(-1).type, 'result');
    assert.equal(events.at(-1).is_error, false);
    assert.match(JSON.stringify(server.requests.at(-1)!.body), /keep the test names/);

    const before = server.requests.length;
    const context = await runWright(['-c', '-p', '/context', '--output-format', 'json'], { workspace, server });
    assert.equal(context.code, 0, context.stderr);
    const result = jsonResult(context);
    assert.deepEqual(result.context_usage.categories.map((category: { name: string }) => category.name), ['System prompt', 'Tools', 'Memory files', 'Messages']);
    const counted = server.requests.slice(before).filter((request) => request.protocol === 'anthropic_count_tokens');
    assert.equal(counted.length, 1, 'the exact count comes from count_tokens');
    assert.equal(result.context_usage.used_tokens, estimateInputTokens(counted[0]!.body));
    assert.match(result.result, /^Context: [\d.]+k? of 200\.0k tokens/);
    assert.match(JSON.stringify(counted[0]!.body.messages), /auth\.spec\.ts is flaky/, 'the compacted conversation is what is counted');
  });

  test('a skill loaded before /compact is re-attached to the compacted conversation', async () => {
    const workspace = makeWorkspace({
      '.wright/skills/release/SKILL.md': '---\nname: release\ndescription: How to cut a release\n---\nTag with vX.Y.Z and push the tag (skill marker 51fd).\n',
    });
    server.push(reply([toolUse('Skill', { skill: 'release' })]), reply([text('Loaded the release skill.')]));
    const first = await runWright(['-p', 'cut a release'], { workspace, server });
    assert.equal(first.code, 0, first.stderr);

    server.push(replyFrom((request) => reply([text(isSummaryRequest(request) ? '<summary>Cutting a release.</summary>' : 'not a summary request')])));
    const compacted = await runWright(['-c', '-p', '/compact'], { workspace, server });
    assert.equal(compacted.code, 0, compacted.stderr);

    server.push(reply([text('Tagging now.')]));
    const next = await runWright(['-c', '-p', 'go on'], { workspace, server });
    assert.equal(next.code, 0, next.stderr);
    const sent = JSON.stringify(server.requests.at(-1)!.body.messages);
    assert.match(sent, /Cutting a release/);
    assert.match(sent, /The skill \\"release\\" was loaded earlier in this conversation and still applies/);
    assert.match(sent, /skill marker 51fd/);
    assert.doesNotMatch(sent, /"name":"Skill"/, 'the original load was summarised away');
  });
});
