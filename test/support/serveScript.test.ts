// The serveScript CLI: starts the scripted server from a JSON file, prints its URLs as one line,
// and serves until stdin closes or SIGTERM.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { reply, text, type ScriptedTurn } from './script.js';

const cliPath = fileURLToPath(new URL('./serveScript.ts', import.meta.url));
let directory: string;
before(async () => {
  directory = await mkdtemp(join(tmpdir(), 'wright-serve-script-'));
});
after(() => rm(directory, { recursive: true, force: true }));

async function startCli(script: unknown): Promise<{ child: ChildProcess; firstLine: Promise<string> }> {
  const scriptPath = join(directory, `script-${Date.now()}-${Math.random()}.json`);
  await writeFile(scriptPath, JSON.stringify(script));
  const child = spawn(process.execPath, ['--import', 'tsx', cliPath, scriptPath], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout! });
  const firstLine = new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`serveScript exited with ${code} before printing`)));
  });
  return { child, firstLine };
}

test('serveScript prints its URLs, serves the script, and exits when stdin closes', async () => {
  const script: ScriptedTurn[] = [reply([text('from the CLI')])];
  const { child, firstLine } = await startCli(script);
  const urls = JSON.parse(await firstLine) as { url: string; anthropicBaseUrl: string; openaiBaseUrl: string };
  assert.match(urls.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(urls.anthropicBaseUrl, urls.url);
  assert.equal(urls.openaiBaseUrl, `${urls.url}/v1`);

  const response = await fetch(`${urls.anthropicBaseUrl}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': 'test-key' },
    body: JSON.stringify({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
  });
  const message = (await response.json()) as { content: unknown };
  assert.deepEqual(message.content, [{ type: 'text', text: 'from the CLI' }]);

  child.stdin!.end();
  const [code] = await once(child, 'exit');
  assert.equal(code, 0);
});

test('serveScript stops on SIGTERM', async () => {
  const { child, firstLine } = await startCli([]);
  await firstLine;
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  assert.equal(code, 0);
});

test('serveScript refuses a file that is not a script', async () => {
  const { child, firstLine } = await startCli({ kind: 'reply' });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  await assert.rejects(firstLine, /exited with 2/);
  if (child.stderr!.readable) await once(child.stderr!, 'end');
  assert.match(stderr, /expected a JSON array of turns/);
});
