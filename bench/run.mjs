// Prints start-up and per-turn figures for the built CLI as ratios to node's own start-up,
// measured in the same run (so the figures compare across machines). Not a timed test.
//   npm run bench            (BENCH_RUNS=N to change the sample size)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';

const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const CLI = join(process.cwd(), 'dist', 'wright.js');
const node = process.execPath;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function time(args, options = {}) {
  const started = performance.now();
  const result = spawnSync(node, args, { encoding: 'utf8', ...options });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { elapsed, stdout: result.stdout };
}

function sample(args, options) {
  time(args, options); // warm the file cache
  return median(Array.from({ length: RUNS }, () => time(args, options).elapsed));
}

async function startServer(script) {
  const dir = mkdtempSync(join(tmpdir(), 'wright-bench-script-'));
  const path = join(dir, 'script.json');
  writeFileSync(path, JSON.stringify(script));
  const child = spawn(node, ['--import', 'tsx', 'test/support/serveScript.ts', path], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next().then((r) => [r.value]);
  return { ...JSON.parse(line), stop: () => child.stdin.end() };
}

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'wright-bench-'));
  spawnSync('git', ['init', '-q', dir]);
  writeFileSync(join(dir, 'README.md'), '# bench\n');
  const config = mkdtempSync(join(tmpdir(), 'wright-bench-config-'));
  return { dir, config };
}

const reply = (blocks) => ({ kind: 'reply', blocks });
const text = (value) => ({ type: 'text', text: value });

if (!existsSync(CLI)) throw new Error('dist/wright.js is missing: run `npm run build`');
const { dir, config } = workspace();
const envFor = (server) => ({
  ...process.env,
  ANTHROPIC_API_KEY: 'test-key',
  ANTHROPIC_BASE_URL: server.anthropicBaseUrl,
  WRIGHT_CONFIG_DIR: config,
  HOME: config,
});

const baseline = sample(['-e', '0']);
const version = sample([CLI, '--version']);

const oneTurnServer = await startServer(Array.from({ length: RUNS + 1 }, () => reply([text('Done.')])));
const oneTurn = sample([CLI, '-p', 'say done'], { cwd: dir, env: envFor(oneTurnServer), stdio: ['ignore', 'pipe', 'pipe'] });
oneTurnServer.stop();

const TURNS = 50;
const longScript = [
  ...Array.from({ length: TURNS - 1 }, (_, i) => reply([{ type: 'tool_use', name: 'Glob', input: { pattern: `*.md` }, id: `toolu_bench_${i}` }])),
  reply([text('Finished.')]),
];
const longServer = await startServer(longScript);
const timed = spawnSync('/usr/bin/time', ['-f', '%M', node, CLI, '-p', 'glob fifty times', '--output-format', 'json'], {
  cwd: dir,
  env: envFor(longServer),
  encoding: 'utf8',
});
longServer.stop();
if (timed.status !== 0) throw new Error(`50-turn run failed: ${timed.stderr}`);
const result = JSON.parse(timed.stdout);
const peakRssMb = Number(timed.stderr.trim().split('\n').at(-1)) / 1024;
const overheadPerTurn = (result.duration_ms - result.duration_api_ms) / result.num_turns;

const rows = [
  ['node -e 0 (baseline)', `${baseline.toFixed(1)} ms`, '1.00×'],
  ['wright --version', `${version.toFixed(1)} ms`, `${(version / baseline).toFixed(2)}×`],
  ['wright -p, one turn (scripted server)', `${oneTurn.toFixed(1)} ms`, `${(oneTurn / baseline).toFixed(2)}×`],
  [`${TURNS}-turn session: harness time per turn`, `${overheadPerTurn.toFixed(2)} ms`, `${(overheadPerTurn / baseline).toFixed(3)}×`],
  [`${TURNS}-turn session: wall time per turn`, `${(result.duration_ms / result.num_turns).toFixed(2)} ms`, ''],
  [`${TURNS}-turn session: peak RSS`, `${peakRssMb.toFixed(1)} MB`, ''],
];
console.log(`wright benchmarks (median of ${RUNS} runs; ratios to node -e 0 in this run)`);
for (const [name, value, ratio] of rows) console.log(`  ${name.padEnd(44)} ${value.padStart(10)}  ${ratio}`);
