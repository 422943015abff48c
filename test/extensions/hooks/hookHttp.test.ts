// `http` hooks against a real server on loopback: the event JSON in a POST, the 2xx body read as
// the hook's output, failures non-blocking, and header variables only from allowedEnvVars.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseHookLayers, type HookConfig } from '../../../src/extensions/hooks/hookConfig.js';
import { interpolate } from '../../../src/extensions/hooks/hookHttp.js';
import { HookRunner, type HookSession } from '../../../src/extensions/hooks/hookRunner.js';
import { formatHookListing } from '../../../src/extensions/hooks/hooksListing.js';

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
}

let server: Server;
let base: string;
const received: Received[] = [];
const answers = new Map<string, { status: number; body: string; delayMs?: number }>();

before(async () => {
  server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, body: JSON.parse(text) });
      const answer = answers.get(request.url ?? '') ?? { status: 200, body: '' };
      setTimeout(() => response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body), answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

function config(hooks: Record<string, unknown>): HookConfig {
  const parsed = parseHookLayers([{ source: 'settings.json', scope: 'project', hooks }]);
  if (!parsed.ok) assert.fail(parsed.problem.message);
  return parsed.config;
}

const session: HookSession = {
  sessionId: 'sess-1',
  transcriptPath: null,
  cwd: '/work/here',
  projectDir: '/work/here',
  permissionMode: () => 'default',
  env: { HOOK_TOKEN: 'tok-123', OTHER_SECRET: 'do-not-send' },
};

describe('http hooks', () => {
  it('POSTs the event JSON; a 2xx JSON answer decides like a command hook\'s stdout', async () => {
    answers.set('/deny', { status: 200, body: JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: 'No rm here.' } }) });
    const runner = new HookRunner(config({ PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'http', url: `${base}/deny` }] }] }), session);
    const outcome = await runner.run('PreToolUse', { tool_name: 'Bash', tool_input: { command: 'rm -rf build' } });
    assert.deepEqual(outcome.permission, { behavior: 'deny', reason: 'No rm here.' });
    const request = received.at(-1)!;
    assert.equal(request.headers['content-type'], 'application/json');
    assert.equal(request.body.hook_event_name, 'PreToolUse');
    assert.deepEqual(request.body.tool_input, { command: 'rm -rf build' });
    assert.equal(request.body.session_id, 'sess-1');
  });

  it('an empty 2xx answer is success; SessionStart context comes from additionalContext', async () => {
    answers.set('/context', { status: 200, body: JSON.stringify({ hookSpecificOutput: { hookEventName: 'SessionStart', additionalContext: 'Deploys freeze on Fridays.' } }) });
    const runner = new HookRunner(config({ SessionStart: [{ hooks: [{ type: 'http', url: `${base}/empty` }, { type: 'http', url: `${base}/context` }] }] }), session);
    const outcome = await runner.run('SessionStart', { source: 'startup' });
    assert.deepEqual(outcome.context, ['Deploys freeze on Fridays.']);
    assert.deepEqual(outcome.messages, []);
  });

  it('a non-2xx answer, an unreachable server and a timeout are non-blocking errors', async () => {
    answers.set('/broken', { status: 500, body: 'boom' });
    answers.set('/slow', { status: 200, body: '{"decision": "block", "reason": "too late"}', delayMs: 3000 });
    const runner = new HookRunner(
      config({
        Stop: [
          {
            hooks: [
              { type: 'http', url: `${base}/broken` },
              { type: 'http', url: 'http://127.0.0.1:9/unreachable' },
              { type: 'http', url: `${base}/slow`, timeout: 0.5 },
            ],
          },
        ],
      }),
      session,
    );
    const outcome = await runner.run('Stop', { stop_hook_active: false });
    assert.equal(outcome.block, undefined);
    const texts = outcome.messages.map((message) => message.text).join('\n');
    assert.match(texts, /HTTP 500: boom/);
    assert.match(texts, /could not reach http:\/\/127\.0\.0\.1:9\/unreachable/);
    assert.match(texts, /timed out/i);
  });

  it('header values get only the variables the hook lists in allowedEnvVars', async () => {
    const runner = new HookRunner(
      config({
        Notification: [
          {
            hooks: [
              {
                type: 'http',
                url: `${base}/notify`,
                headers: { Authorization: 'Bearer ${HOOK_TOKEN}', 'X-Leak': '$OTHER_SECRET|${OTHER_SECRET}' },
                allowedEnvVars: ['HOOK_TOKEN'],
              },
            ],
          },
        ],
      }),
      session,
    );
    await runner.run('Notification', { message: 'hi', notification_type: 'permission_prompt' });
    const request = received.filter((entry) => entry.path === '/notify').at(-1)!;
    assert.equal(request.headers.authorization, 'Bearer tok-123');
    assert.equal(request.headers['x-leak'], '|');
    assert.equal(interpolate('$A-${B}-$C', ['A', 'B'], { A: '1', B: '2', C: '3' }), '1-2-');
  });

  it('bad http handlers are errors naming the key; /hooks lists them by URL', () => {
    const bad = (handler: Record<string, unknown>) => parseHookLayers([{ source: 's.json', scope: 'project', hooks: { Stop: [{ hooks: [handler] }] } }]);
    const noUrl = bad({ type: 'http', url: 'ftp://example.com' });
    assert.ok(!noUrl.ok && noUrl.problem.path.at(-1) === 'url');
    const headers = bad({ type: 'http', url: 'https://example.com', headers: { A: 1 } });
    assert.ok(!headers.ok && headers.problem.path.at(-1) === 'headers');
    const vars = bad({ type: 'http', url: 'https://example.com', allowedEnvVars: 'TOKEN' });
    assert.ok(!vars.ok && vars.problem.path.at(-1) === 'allowedEnvVars');
    assert.match(formatHookListing(config({ Stop: [{ hooks: [{ type: 'http', url: 'https://hooks.example.com/stop' }] }] })), /\[\*\] http: POST https:\/\/hooks\.example\.com\/stop/);
  });
});
