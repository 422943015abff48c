// End-to-end: Bash's background shells (BashOutput, KillShell), long output spilled to a file, and the
// command environment (WRIGHT_ENV_FILE, the shell snapshot of ~/.bashrc), through the built CLI.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startModelServer, type ModelServer } from '../support/modelServer.js';
import { fault, reply, replyFrom, text, toolUse } from '../support/script.js';
import { eventually, isProcessGone } from '../tools/processes.js';
import { finished, jsonResult, makeWorkspace, runWright, spawnWright, toolResultsIn, type Provider } from './harness.js';

/** A test run that prints in two phases, each released by a file, and then idles until it is killed. */
const SLOW_TESTS = `import { existsSync, writeFileSync } from 'node:fs';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const until = async (file) => { while (!existsSync(file)) await sleep(20); };
writeFileSync('tests.pid', String(process.pid));
console.log('ok 1 - parses');
await sleep(50);
console.log('ok 2 - formats');
writeFileSync('phase1.done', '');
await until('step2');
console.log('not ok 3 - rounds');
await sleep(50);
console.error('# failed: expected 2, got 3');
console.log('ok 4 - prints');
writeFileSync('phase2.done', '');
setInterval(() => {}, 1000);
`;

const waitForFile = (name: string) => `until [ -e ${name} ]; do sleep 0.05; done`;

/** Watchdog processes whose command line names a directory under `tmp`. */
function reapersFor(tmp: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
        return cmdline.includes('wright-reaper') && cmdline.includes(tmp);
      } catch {
        return false;
      }
    })
    .map(Number);
}

function isAlive(pid: number): Promise<boolean> {
  return isProcessGone(pid, 10_000).then((gone) => !gone);
}

for (const provider of ['anthropic', 'openai'] as Provider[]) {
  describe(`background shells over the ${provider} protocol`, () => {
    let server: ModelServer;
    before(async () => (server = await startModelServer()));
    after(() => server.close());

    test('a background test run is polled for new output, filtered, and killed', async () => {
      const workspace = makeWorkspace({ 'slow-tests.mjs': SLOW_TESTS });
      const first = server.requests.length;
      server.push(
        reply([toolUse('Bash', { command: 'node slow-tests.mjs', description: 'Run the tests', run_in_background: true })]),
        reply([toolUse('Bash', { command: waitForFile('phase1.done') })]),
        reply([toolUse('BashOutput', { bash_id: 'bash_1' })]),
        reply([toolUse('Bash', { command: `touch step2 && ${waitForFile('phase2.done')}` })]),
        reply([toolUse('BashOutput', { bash_id: 'bash_1', filter: '^not ok|failed' })]),
        reply([toolUse('BashOutput', { bash_id: 'bash_1' })]),
        reply([toolUse('KillShell', { shell_id: 'bash_1' })]),
        reply([toolUse('BashOutput', { bash_id: 'bash_1' })]),
        reply([text('Test 3 fails: rounding is off by one.')]),
      );
      const run = await runWright(['-p', 'run the tests', '--output-format', 'json', '--allowedTools', 'Bash'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(jsonResult(run).result, 'Test 3 fails: rounding is off by one.');
      const resultOf = (request: number) => toolResultsIn(server.requests[first + request]!.body).at(-1)!;

      assert.match(resultOf(1), /^Command running in background with ID: bash_1\. Its output \(stdout and stderr\) goes to \S+bash_1\.log\./);
      assert.equal(resultOf(3), '<status>running</status>\n<output>\nok 1 - parses\nok 2 - formats\n</output>');
      assert.equal(
        resultOf(5),
        '<status>running</status>\n<output>\nnot ok 3 - rounds\n# failed: expected 2, got 3\n</output>\n(filter kept 2 of 3 new lines)',
      );
      assert.equal(resultOf(6), '<status>running</status>\n(no new output)');
      assert.match(resultOf(7), /^Killed shell bash_1 \(node slow-tests\.mjs\)\. Status: killed, exit code \d+\.$/);
      assert.match(resultOf(8), /^<status>killed<\/status>/);
      const pid = Number(readFileSync(join(workspace.repo, 'tests.pid'), 'utf8'));
      assert.equal(await isAlive(pid), false, 'the test run survived KillShell');
    });

    test('no background process outlives wright', async () => {
      const workspace = makeWorkspace();
      server.push(
        reply([toolUse('Bash', { command: 'sleep 300 & echo $! > sleep.pid; wait', run_in_background: true })]),
        reply([toolUse('Bash', { command: 'until [ -s sleep.pid ]; do sleep 0.05; done' })]),
        reply([text('Started the server.')]),
      );
      const run = await runWright(['-p', 'start a server', '--output-format', 'json', '--allowedTools', 'Bash'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      const pid = Number(readFileSync(join(workspace.repo, 'sleep.pid'), 'utf8'));
      assert.ok(pid > 0);
      assert.equal(await isAlive(pid), false, 'the background sleep outlived wright');
    });

    test('SIGTERM during a run still ends the background shells', async () => {
      const workspace = makeWorkspace();
      const first = server.requests.length;
      server.push(
        reply([toolUse('Bash', { command: 'sleep 300 & echo $! > sleep.pid; wait', run_in_background: true })]),
        reply([toolUse('Bash', { command: 'until [ -s sleep.pid ]; do sleep 0.05; done' })]),
        fault({ type: 'stall', ms: 30_000 }),
      );
      const child = spawnWright(['-p', 'start a server', '--output-format', 'json', '--allowedTools', 'Bash'], { workspace, server, provider });
      const done = finished(child);
      await server.waitForRequests(first + 3, 20_000);
      child.kill('SIGTERM');
      const run = await done;
      assert.equal(run.code, 143, run.stderr);
      const pid = Number(readFileSync(join(workspace.repo, 'sleep.pid'), 'utf8'));
      assert.equal(await isAlive(pid), false, 'the background sleep outlived wright');
    });

    test('SIGKILL of wright: the watchdog ends the background shells and removes the temp directory', async () => {
      const workspace = makeWorkspace();
      const tmp = join(workspace.home, 'tmp');
      mkdirSync(tmp);
      const first = server.requests.length;
      server.push(
        reply([toolUse('Bash', { command: 'sleep 300 & echo $! > sleep.pid; wait', run_in_background: true })]),
        reply([toolUse('Bash', { command: 'until [ -s sleep.pid ]; do sleep 0.05; done' })]),
        fault({ type: 'stall', ms: 60_000 }),
      );
      const child = spawnWright(['-p', 'start a server', '--allowedTools', 'Bash'], { workspace, server, provider, env: { TMPDIR: tmp } });
      const done = finished(child);
      await server.waitForRequests(first + 3, 20_000);
      child.kill('SIGKILL');
      const run = await done;
      assert.equal(run.signal, 'SIGKILL');
      const pid = Number(readFileSync(join(workspace.repo, 'sleep.pid'), 'utf8'));
      assert.equal(await isProcessGone(pid, 20_000), true, 'the background sleep outlived a SIGKILLed wright');
      assert.equal(await eventually(() => readdirSync(tmp).length === 0, 20_000), true, `left behind: ${readdirSync(tmp).join(', ')}`);
      assert.deepEqual(reapersFor(tmp), [], 'the watchdog is still running');
    });

    test('a clean exit stops the watchdog', async () => {
      const workspace = makeWorkspace();
      const tmp = join(workspace.home, 'tmp');
      mkdirSync(tmp);
      server.push(reply([toolUse('Bash', { command: 'sleep 300', run_in_background: true })]), reply([text('Started.')]));
      const run = await runWright(['-p', 'start', '--allowedTools', 'Bash'], { workspace, server, provider, env: { TMPDIR: tmp } });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(await eventually(() => reapersFor(tmp).length === 0, 10_000), true, 'the watchdog outlived wright');
    });

    test('long output is spilled to a file the model can read, removed when wright exits', async () => {
      const workspace = makeWorkspace();
      const tmp = join(workspace.home, 'tmp');
      mkdirSync(tmp);
      const first = server.requests.length;
      server.push(
        reply([toolUse('Bash', { command: 'seq 1 100000' })]),
        reply([toolUse('Bash', { command: 'wc -l < "$(ls "$TMPDIR"/wright-session-*/bash-output-*.txt)"; tail -n 1 "$TMPDIR"/wright-session-*/bash-output-*.txt' })]),
        reply([text('There are 100000 lines.')]),
      );
      const run = await runWright(['-p', 'count', '--output-format', 'json', '--allowedTools', 'Bash'], {
        workspace,
        server,
        provider,
        env: { TMPDIR: tmp },
      });
      assert.equal(run.code, 0, run.stderr);
      const spilled = toolResultsIn(server.requests[first + 1]!.body).at(-1)!;
      assert.ok(spilled.startsWith('1\n2\n3\n'));
      assert.match(spilled, /… \d+ characters truncated …/);
      const note = /Output was 588895 characters, more than the 30000 shown; the full output \(stdout and stderr\) is in (\S+)\. /.exec(spilled);
      assert.ok(note, spilled.slice(-400));
      assert.ok(note[1]!.startsWith(`${tmp}/wright-session-`), note[1]);
      assert.ok(spilled.length < 31_000);
      assert.equal(toolResultsIn(server.requests[first + 2]!.body).at(-1), '100000\n100000');
      assert.deepEqual(readdirSync(tmp).filter((name) => name.startsWith('wright-session-')), []);
    });

    test('the model may Read and Grep the spilled output without an allow rule, but not edit it', async () => {
      const workspace = makeWorkspace();
      const first = server.requests.length;
      const spillPath = (request: { body: unknown }) => /the full output \(stdout and stderr\) is in (\S+)\. /.exec(toolResultsIn(request.body).at(-1)!)![1]!;
      server.push(
        reply([toolUse('Bash', { command: 'seq 1 100000' })]),
        replyFrom((request) =>
          reply([
            toolUse('Read', { file_path: spillPath(request), offset: 99_999, limit: 2 }),
            toolUse('Grep', { pattern: '^77777$', path: spillPath(request), output_mode: 'count' }),
            toolUse('Write', { file_path: spillPath(request), content: 'tampered' }),
          ]),
        ),
        reply([text('Read it.')]),
      );
      const run = await runWright(['-p', 'count', '--output-format', 'json', '--allowedTools', 'Bash(seq *)'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      const [read, grep, write] = toolResultsIn(server.requests[first + 2]!.body).slice(-3);
      assert.match(read!, /99999\t99999\n\s*100000\t100000/);
      assert.match(grep!, /1/);
      assert.match(write!, /denied/);
      assert.deepEqual(jsonResult(run).permission_denials.map((denial: { tool_name: string }) => denial.tool_name), ['Write']);
    });

    test("commands get WRIGHT_ENV_FILE and the aliases of the user's ~/.bashrc", async () => {
      const workspace = makeWorkspace({ 'dev-env.sh': 'export GREETING=from-env-file\nshout() { echo "$1" | tr a-z A-Z; }\n' });
      writeFileSync(join(workspace.home, '.bashrc'), 'alias ll="echo ll-alias-works"\n');
      const first = server.requests.length;
      server.push(
        reply([toolUse('Bash', { command: 'echo "$GREETING"; shout quiet; ll' })]),
        reply([text('Done.')]),
      );
      const run = await runWright(['-p', 'check the environment', '--output-format', 'json', '--allowedTools', 'Bash'], {
        workspace,
        server,
        provider,
        env: { WRIGHT_ENV_FILE: join(workspace.repo, 'dev-env.sh') },
      });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(toolResultsIn(server.requests[first + 1]!.body).at(-1), 'from-env-file\nQUIET\nll-alias-works');
    });
  });
}

test('the model is offered BashOutput and KillShell', async () => {
  const server = await startModelServer();
  try {
    const workspace = makeWorkspace();
    server.push(reply([text('Hi.')]));
    const run = await runWright(['-p', 'hi', '--output-format', 'json'], { workspace, server });
    assert.equal(run.code, 0, run.stderr);
    const tools = (server.requests[0]!.body.tools as Array<{ name: string; input_schema: { properties: object } }>);
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    assert.deepEqual(Object.keys(byName.get('BashOutput')!.input_schema.properties).sort(), ['bash_id', 'filter']);
    assert.deepEqual(Object.keys(byName.get('KillShell')!.input_schema.properties), ['shell_id']);
    assert.ok('run_in_background' in byName.get('Bash')!.input_schema.properties);
  } finally {
    await server.close();
  }
});

