import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { displayName, statusLineInput } from '../../../src/ui/statusLine/statusLineInput.js';
import { StatusLineRunner } from '../../../src/ui/statusLine/statusLineRunner.js';
import { isProcessGone } from '../../tools/processes.js';

const session = {
  sessionId: 's-1',
  transcriptPath: '/t/s-1.jsonl',
  cwd: '/repo',
  projectDir: '/repo',
  addedDirs: [],
  version: '0.1.0',
  model: 'claude-sonnet-5-5',
  permissionMode: 'default' as const,
  totalCostUsd: 0.25,
  totalDurationMs: 1000,
  totalApiDurationMs: 500,
  contextWindow: 200_000,
  currentUsage: { input_tokens: 10_000, output_tokens: 50, cache_creation_input_tokens: 0, cache_read_input_tokens: 10_000 },
};

function waitForLines(runner: (onUpdate: (lines: string[]) => void) => StatusLineRunner, input: Record<string, unknown>): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no status line update')), 10_000);
    const instance = runner((lines) => {
      clearTimeout(timer);
      instance.dispose();
      resolve(lines);
    });
    instance.request(input);
  });
}

test("the status line input has Claude Code's shape", () => {
  const input = statusLineInput(session) as any;
  assert.deepEqual(input.model, { id: 'claude-sonnet-5-5', display_name: 'Sonnet 5.5' });
  assert.equal(input.context_window.used_percentage, 10);
  assert.equal(input.context_window.remaining_percentage, 90);
  assert.equal(input.cost.total_cost_usd, 0.25);
  assert.equal(input.workspace.project_dir, '/repo');
  assert.equal(displayName('gpt-4.1'), 'gpt-4.1');
});

test('runs the command with the session on stdin and returns its lines', async () => {
  const command = `node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const i=JSON.parse(s);console.log(i.model.display_name+" | "+i.context_window.used_percentage+"%");console.log("second")})'`;
  const lines = await waitForLines(
    (onUpdate) => new StatusLineRunner({ command, cwd: process.cwd(), env: process.env, onUpdate, debounceMs: 1 }),
    statusLineInput(session),
  );
  assert.deepEqual(lines, ['Sonnet 5.5 | 10%', 'second']);
});

test('a burst of requests runs once, with the last input; a hanging command is killed', async () => {
  const updates: string[][] = [];
  const runner = new StatusLineRunner({
    command: `node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).n))'`,
    cwd: process.cwd(),
    env: process.env,
    onUpdate: (lines) => updates.push(lines),
    debounceMs: 50,
  });
  for (let n = 1; n <= 5; n++) runner.request({ n });
  const deadline = Date.now() + 10_000;
  while (updates.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 200));
  runner.dispose();
  assert.deepEqual(updates, [['5']]);

  let hung = false;
  const pidFile = join(mkdtempSync(join(tmpdir(), 'wright-status-')), 'pid');
  const slow = new StatusLineRunner({ command: `sleep 30 & echo $! > ${pidFile}; wait`, cwd: process.cwd(), env: process.env, onUpdate: () => (hung = true), debounceMs: 1, timeoutMs: 300 });
  slow.request({});
  await new Promise((r) => setTimeout(r, 1000));
  slow.dispose();
  assert.equal(hung, false);
  const pid = Number(readFileSync(pidFile, 'utf8'));
  assert.equal(await isProcessGone(pid, 10_000), true, 'the hanging command was not killed');
});
