// End-to-end: transcripts survive, --continue/--resume/--fork-session restore the history, and a
// killed or interrupted run loses none of its completed lines.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startModelServer, type ModelServer } from '../support/modelServer.js';
import { reply, text, toolUse } from '../support/script.js';
import {
  finished,
  jsonResult,
  makeWorkspace,
  readTranscriptLines,
  runWright,
  spawnWright,
  toolResultsIn,
  transcriptFiles,
  waitFor,
  type Provider,
} from './harness.js';

const userTexts = (body: any): string[] =>
  body.messages
    .filter((m: any) => m.role === 'user')
    .flatMap((m: any) => (typeof m.content === 'string' ? [m.content] : m.content.filter((b: any) => b.type === 'text').map((b: any) => b.text)));

for (const provider of ['anthropic', 'openai'] as Provider[]) {
  describe(`sessions over the ${provider} protocol`, () => {
    let server: ModelServer;
    before(async () => (server = await startModelServer()));
    after(() => server.close());

    test('--continue resumes the latest session with its full history; --fork-session branches it', async () => {
      const workspace = makeWorkspace();
      server.push(reply([text('Noted: the codeword is heron.')]));
      const first = await runWright(['-p', 'Remember the codeword heron.', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(first.code, 0, first.stderr);
      const sessionId = jsonResult(first).session_id;

      server.push(reply([text('The codeword is heron.')]));
      const before = server.requests.length;
      const second = await runWright(['-c', '-p', 'What was the codeword?', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(second.code, 0, second.stderr);
      assert.equal(jsonResult(second).session_id, sessionId);
      const body = server.requests[before]!.body;
      assert.deepEqual(
        body.messages.map((m: any) => m.role).filter((role: string) => role !== 'system'),
        ['user', 'assistant', 'user'],
      );
      assert.ok(userTexts(body).some((text: string) => text.endsWith('Remember the codeword heron.')));
      assert.match(JSON.stringify(body.messages.filter((m: any) => m.role === 'assistant')), /Noted: the codeword is heron\./);

      server.push(reply([text('Forked.')]));
      const forked = await runWright(['-r', sessionId, '--fork-session', '-p', 'Branch off.', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(forked.code, 0, forked.stderr);
      assert.notEqual(jsonResult(forked).session_id, sessionId);
      const files = transcriptFiles(workspace);
      assert.equal(files.length, 2);
      const original = readTranscriptLines(files.find((f) => f.includes(sessionId))!);
      assert.equal(original.length, 4, 'the forked-from session is left as it was');
    });

    test('a killed run resumes without losing completed lines', async () => {
      const workspace = makeWorkspace({ 'notes.txt': 'keep me\n' });
      server.push(
        reply([
          toolUse('Read', { file_path: join(workspace.repo, 'notes.txt') }, 'toolu_read_1'),
          toolUse('Bash', { command: 'touch started && sleep 30' }, 'toolu_bash_1'),
        ]),
      );
      const child = spawnWright(['-p', 'do two things', '--allowedTools', 'Bash(touch started && sleep 30)', 'Bash(sleep 30)', 'Bash(touch started)'], {
        workspace,
        server,
        provider,
      });
      const done = finished(child);
      await waitFor(() => existsSync(join(workspace.repo, 'started')));
      child.kill('SIGKILL');
      const killed = await done;
      assert.equal(killed.signal, 'SIGKILL');

      const [transcript] = transcriptFiles(workspace);
      const lines = readTranscriptLines(transcript!);
      assert.deepEqual(lines.map((l) => l.type), ['user', 'assistant', 'user']);
      assert.match(JSON.stringify(lines[2].message), /keep me/);

      server.push(reply([text('Resumed.')]));
      const before = server.requests.length;
      const resumed = await runWright(['-c', '-p', 'carry on', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(resumed.code, 0, resumed.stderr);
      const results = toolResultsIn(server.requests[before]!.body);
      assert.equal(results.length, 2);
      assert.match(results[0]!, /keep me/);
      assert.match(results[1]!, /interrupted/);
      assert.ok(userTexts(server.requests[before]!.body).includes('carry on'));
    });

    test('SIGINT stops the run with exit code 130 and a resumable transcript', async () => {
      const workspace = makeWorkspace();
      server.push(reply([toolUse('Bash', { command: 'touch started && sleep 30' })]));
      const child = spawnWright(['-p', 'wait a while', '--output-format', 'json', '--allowedTools', 'Bash(touch started && sleep 30)', 'Bash(sleep 30)', 'Bash(touch started)'], {
        workspace,
        server,
        provider,
      });
      const done = finished(child);
      await waitFor(() => existsSync(join(workspace.repo, 'started')));
      child.kill('SIGINT');
      const run = await done;
      assert.equal(run.code, 130, run.stderr);
      const result = jsonResult(run);
      assert.equal(result.is_error, true);
      assert.equal(result.interrupted, true);

      server.push(reply([text('Picking up again.')]));
      const before = server.requests.length;
      const resumed = await runWright(['-c', '-p', 'continue', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.equal(toolResultsIn(server.requests[before]!.body).length, 1);
    });
  });
}

test('SIGTERM ends a run with exit code 143 after recording it', async () => {
  const server = await startModelServer();
  try {
    const workspace = makeWorkspace();
    server.push(reply([toolUse('Bash', { command: 'touch started && sleep 30' })]));
    const child = spawnWright(['-p', 'wait', '--output-format', 'json', '--allowedTools', 'Bash(touch started)', 'Bash(sleep 30)'], { workspace, server });
    const done = finished(child);
    await waitFor(() => existsSync(join(workspace.repo, 'started')));
    child.kill('SIGTERM');
    const run = await done;
    assert.equal(run.code, 143, run.stderr);
    assert.equal(jsonResult(run).interrupted, true);
    const [transcript] = transcriptFiles(workspace);
    assert.deepEqual(readTranscriptLines(transcript!).map((l) => l.type), ['user', 'assistant', 'user']);
  } finally {
    await server.close();
  }
});
