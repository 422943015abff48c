// End-to-end: secrets stay out of the transcript, stdout and stderr, and commands the model runs do
// not see wright's own API key, while the model itself still gets real tool output.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startModelServer, type ModelServer } from '../support/modelServer.js';
import { fault, reply, text, toolUse } from '../support/script.js';
import { FAKE } from '../secrets/fakeSecrets.js';
import { makeWorkspace, runWright, streamEvents, toolResultsIn, transcriptFiles, type Provider, type RunResult, type Workspace } from './harness.js';

// Matches no well-known format, so only the exact-value redaction can catch it.
const API_KEY = 'wright-e2e-credential-7f3a9c1e5b';
const KEY_VARIABLE: Record<Provider, string> = { anthropic: 'ANTHROPIC_API_KEY', openai: 'OPENAI_API_KEY' };
const PRINT_KEYS = 'echo "anthropic=[$ANTHROPIC_API_KEY] openai=[$OPENAI_API_KEY]"';

function everythingWritten(workspace: Workspace, run: RunResult): string {
  const transcripts = transcriptFiles(workspace).map((path) => readFileSync(path, 'utf8'));
  assert.equal(transcripts.length, 1, 'one transcript');
  return [run.stdout, run.stderr, ...transcripts].join('\n');
}

function assertNoSecrets(written: string, secrets: string[]): void {
  for (const secret of secrets) assert.ok(!written.includes(secret), `${secret.slice(0, 16)}… leaked:\n${written.slice(0, 3000)}`);
}

for (const provider of ['anthropic', 'openai'] as Provider[]) {
  describe(`secrets over the ${provider} protocol`, () => {
    let server: ModelServer;
    before(async () => (server = await startModelServer({ apiKey: API_KEY })));
    after(() => server.close());
    const keyEnv = () => ({ [KEY_VARIABLE[provider]]: API_KEY });

    test('secrets printed by Bash, read from a file or said by the model are redacted; the key stays out of Bash', async () => {
      const workspace = makeWorkspace({ 'deploy.env': `GITHUB_TOKEN=${FAKE.githubClassic}\n` });
      const first = server.requests.length;
      server.push(
        reply([toolUse('Bash', { command: PRINT_KEYS })]),
        reply([toolUse('Bash', { command: `${PRINT_KEYS} > background.txt`, run_in_background: true })]),
        reply([toolUse('Bash', { command: 'for i in $(seq 100); do [ -s background.txt ] && break; sleep 0.1; done; cat background.txt' })]),
        reply([toolUse('Bash', { command: `echo ${FAKE.anthropic}` })]),
        reply([toolUse('Read', { file_path: join(workspace.repo, 'deploy.env') })]),
        reply([text(`Found ${FAKE.githubClassic}; your key would be ${API_KEY}.`)]),
      );
      const run = await runWright(
        ['-p', 'show me the secrets', '--output-format', 'stream-json', '--verbose', '--allowedTools', 'Bash'],
        { workspace, server, provider, env: keyEnv() },
      );
      assert.equal(run.code, 0, run.stderr);

      // The model saw the real tool output (nothing redacted on the way in), minus wright's key.
      const results = toolResultsIn(server.requests[first + 5]!.body).join('\n');
      assert.equal(results.match(/anthropic=\[\] openai=\[\]/g)?.length, 2, 'foreground and background shells');
      assert.ok(results.includes(FAKE.anthropic));
      assert.ok(results.includes(FAKE.githubClassic));

      const written = everythingWritten(workspace, run);
      assertNoSecrets(written, [API_KEY, FAKE.anthropic, FAKE.githubClassic]);
      assert.match(written, /\[REDACTED:anthropic_key\]/);
      assert.match(written, /GITHUB_TOKEN=\[REDACTED:github_token\]/);
      const events = streamEvents(run);
      const result = events.find((event) => event.type === 'result');
      assert.equal(result.result, 'Found [REDACTED:github_token]; your key would be [REDACTED].');
    });

    test('with --include-partial-messages, a secret split across streamed deltas never shows, even in part', async () => {
      const workspace = makeWorkspace();
      server.push(
        reply([toolUse('Bash', { command: `echo ${FAKE.anthropic}` })]),
        reply([text(`Key: ${API_KEY}`)]),
      );
      const run = await runWright(
        ['-p', 'go', '--output-format', 'stream-json', '--verbose', '--include-partial-messages', '--allowedTools', 'Bash'],
        { workspace, server, provider, env: keyEnv() },
      );
      assert.equal(run.code, 0, run.stderr);
      assertNoSecrets(everythingWritten(workspace, run), [API_KEY.slice(0, 12), API_KEY.slice(-12), FAKE.anthropic.slice(8, 20), FAKE.anthropic.slice(-12)]);
      const deltas = streamEvents(run)
        .filter((event) => event.type === 'stream_event' && event.event.type === 'content_block_delta')
        .map((event) => event.event.delta);
      assert.equal(deltas.filter((delta) => delta.type === 'text_delta').map((delta) => delta.text).join(''), 'Key: [REDACTED]');
      const command = JSON.parse(deltas.filter((delta) => delta.type === 'input_json_delta').map((delta) => delta.partial_json).join('')).command;
      assert.equal(command, 'echo [REDACTED:anthropic_key]');
    });

    test('a 401 that echoes the key is reported without it, in text and stream-json output', async () => {
      for (const format of ['text', 'stream-json']) {
        const workspace = makeWorkspace();
        server.push(fault({ type: 'status', status: 401, message: `invalid api key '${API_KEY}' (Authorization: Bearer ${API_KEY})` }));
        const run = await runWright(['-p', 'hello', '--output-format', format, '--verbose'], { workspace, server, provider, env: keyEnv() });
        assert.equal(run.code, 1, run.stderr);
        const written = everythingWritten(workspace, run);
        assertNoSecrets(written, [API_KEY]);
        assert.match(written, /invalid api key '\[REDACTED\]'/);
        if (format === 'text') assert.match(run.stderr, new RegExp(`rejected the credential from ${KEY_VARIABLE[provider]}`));
      }
    });

    test('WRIGHT_PASS_CREDENTIALS_TO_TOOLS=1 hands the key to Bash; the transcript still hides it', async () => {
      const workspace = makeWorkspace();
      const first = server.requests.length;
      server.push(reply([toolUse('Bash', { command: PRINT_KEYS })]), reply([text('done')]));
      const run = await runWright(['-p', 'print it', '--output-format', 'stream-json', '--verbose', '--allowedTools', 'Bash'], {
        workspace,
        server,
        provider,
        env: { ...keyEnv(), WRIGHT_PASS_CREDENTIALS_TO_TOOLS: '1' },
      });
      assert.equal(run.code, 0, run.stderr);
      const results = toolResultsIn(server.requests[first + 1]!.body).join('\n');
      assert.ok(results.includes(`${provider}=[${API_KEY}]`), results);
      const written = everythingWritten(workspace, run);
      assertNoSecrets(written, [API_KEY]);
      assert.ok(written.includes(`${provider}=[[REDACTED]]`));
    });

    test('a credential set in settings `env` counts as configured and reaches Bash', async () => {
      const workspace = makeWorkspace();
      mkdirSync(join(workspace.repo, '.wright'), { recursive: true });
      writeFileSync(join(workspace.repo, '.wright', 'settings.local.json'), JSON.stringify({ env: keyEnv() }));
      const first = server.requests.length;
      server.push(reply([toolUse('Bash', { command: PRINT_KEYS })]), reply([text('done')]));
      const run = await runWright(['-p', 'print it', '--output-format', 'json', '--allowedTools', 'Bash'], {
        workspace,
        server,
        provider,
        env: { [KEY_VARIABLE[provider]]: 'overridden-by-settings' },
      });
      assert.equal(run.code, 0, run.stderr);
      const results = toolResultsIn(server.requests[first + 1]!.body).join('\n');
      assert.ok(results.includes(`${provider}=[${API_KEY}]`), results);
      assertNoSecrets(everythingWritten(workspace, run), [API_KEY]);
    });
  });
}

test('errors printed before a session starts are redacted too', async () => {
  const workspace = makeWorkspace();
  const byValue = await runWright(['-p', 'x', '--permission-mode', API_KEY], { workspace, env: { ANTHROPIC_API_KEY: API_KEY } });
  assert.equal(byValue.code, 2);
  assert.match(byValue.stderr, /Unknown permission mode "\[REDACTED\]"/);
  assert.ok(!byValue.stderr.includes(API_KEY));
  const byPattern = await runWright(['-p', 'x', '--provider', FAKE.openaiProject], { workspace, env: { ANTHROPIC_API_KEY: API_KEY } });
  assert.equal(byPattern.code, 2);
  assert.match(byPattern.stderr, /Unknown provider '\[REDACTED:openai_key\]'/);
});
