// Session search over a project with 60 realistic sessions (~200 transcript lines each: prompts,
// answers, tool calls with results of a few KB). Prints how long a query takes with the index built
// from scratch (cold), up to date (warm) and after one transcript grew (incremental), against a
// baseline measured in the same run: reading and scanning every transcript without an index.
// The target: a phrase from the session 50 back found in under 200 ms when warm.
//   node --import tsx bench/sessionSearch.ts            (npm run build first to include the CLI figure)
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { transcriptDir } from '../src/config/paths.js';
import { matchQuery, parseQuery } from '../src/session/search/searchQuery.js';
import { searchableText } from '../src/session/search/searchableText.js';
import { indexDirOf } from '../src/session/search/sessionIndex.js';
import { searchSessions } from '../src/session/search/sessionSearch.js';
import { readTranscript } from '../src/session/transcriptReader.js';

const SESSIONS = 60;
const ENTRIES = 200;
const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const PHRASE = 'the tangerine lighthouse handshake';
const PHRASE_SESSION = 49; // 0 is the newest: this is the 50th session back

// A seeded generator, so every run searches the same text.
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(items: T[]) => items[Math.floor(random() ** 2 * items.length)]!; // skewed: some words are common
const COMMON = 'the a to of and in is it that for on with as this be are we can not use file test build run error fix add function return value type config module import export const let async await should would update change check'.split(' ');
const RARE = Array.from({ length: 6000 }, (_, i) => `${['pars', 'cach', 'rout', 'serial', 'stream', 'index', 'token', 'handl', 'schem', 'queu'][i % 10]}${['er', 'ing', 'ed', 'ify', 'or', 'ment', 'able'][i % 7]}${i.toString(36)}`);
const words = (n: number) => Array.from({ length: n }, () => (random() < 0.7 ? pick(COMMON) : pick(RARE))).join(' ');
const code = (lines: number) =>
  Array.from({ length: lines }, (_, i) => `${String(i + 1).padStart(5)}\t  const ${pick(RARE)} = await ${pick(RARE)}(${pick(RARE)}, { ${pick(RARE)}: ${i} });`).join('\n');

function session(sessionId: string, index: number, cwd: string): string {
  const lines: string[] = [];
  let parent: string | null = null;
  const time = Date.now() - (index + 1) * 3_600_000;
  const push = (entry: object) => {
    const uuid = randomUUID();
    lines.push(JSON.stringify({ uuid, parentUuid: parent, sessionId, timestamp: new Date(time + lines.length * 1000).toISOString(), cwd, version: 'bench', ...entry }));
    parent = uuid;
  };
  const assistant = (content: object[]) => ({ type: 'assistant', message: { id: 'msg', type: 'message', role: 'assistant', model: 'm', content, stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } } });
  while (lines.length < ENTRIES) {
    const withPhrase = index === PHRASE_SESSION && lines.length === 120;
    push({ type: 'user', message: { role: 'user', content: `${words(20)}${withPhrase ? ` — remember ${PHRASE} for the deploy` : ''}?` } });
    for (let step = 0; step < 4 && lines.length < ENTRIES; step++) {
      const id = `toolu_${lines.length}`;
      push(assistant([{ type: 'text', text: words(40) }, { type: 'tool_use', id, name: 'Read', input: { file_path: `/src/${pick(RARE)}.ts` } }]));
      push({ type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: code(40 + Math.floor(random() * 40)) }] } });
    }
    push(assistant([{ type: 'text', text: words(120) }]));
  }
  return lines.join('\n') + '\n';
}

// The project: transcripts where wright keeps them for this directory.
const root = realpathSync(mkdtempSync(join(tmpdir(), 'wright-bench-search-')));
const cwd = join(root, 'repo');
const config = join(root, 'config');
mkdirSync(cwd);
const dir = transcriptDir(config, cwd);
mkdirSync(dir, { recursive: true });
const ids = Array.from({ length: SESSIONS }, () => randomUUID());
let transcriptBytes = 0;
ids.forEach((id, index) => {
  const path = join(dir, `${id}.jsonl`);
  writeFileSync(path, session(id, index, cwd));
  const when = new Date(Date.now() - (index + 1) * 3_600_000);
  utimesSync(path, when, when);
  transcriptBytes += statSync(path).size;
});

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const time = (fn: () => void) => {
  const started = performance.now();
  fn();
  return performance.now() - started;
};
const query = `"${PHRASE}"`;
const expectHit = () => {
  const outcome = searchSessions(dir, query);
  if (!outcome.ok || outcome.hits[0]?.sessionId !== ids[PHRASE_SESSION]) throw new Error('the phrase was not found in the right session');
  return outcome;
};

// Baseline: read and scan every transcript (what a search without an index has to do).
const parsed = parseQuery(query);
if (!parsed.ok) throw new Error(parsed.message);
const scan = () => {
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.jsonl'))) {
    for (const entry of readTranscript(join(dir, name)).entries) {
      const searchable = searchableText(entry);
      if (searchable) matchQuery(parsed.query, searchable.text);
    }
  }
};
const baseline = median(Array.from({ length: Math.max(3, Math.floor(RUNS / 2)) }, () => time(scan)));

const cold = median(
  Array.from({ length: Math.max(3, Math.floor(RUNS / 2)) }, () => {
    rmSync(indexDirOf(dir), { recursive: true, force: true });
    return time(expectHit);
  }),
);
const indexBytes = readdirSync(indexDirOf(dir)).reduce((sum, name) => sum + statSync(join(indexDirOf(dir), name)).size, 0);
const warm = median(Array.from({ length: RUNS }, () => time(expectHit)));
const commonWords = median(Array.from({ length: RUNS }, () => time(() => searchSessions(dir, 'function return value'))));

let appendedBytes = 0;
const incremental = median(
  Array.from({ length: RUNS }, () => {
    const extra = session(ids[0]!, 0, cwd).split('\n').slice(0, 10).join('\n') + '\n';
    appendedBytes = Buffer.byteLength(extra);
    appendFileSync(join(dir, `${ids[0]}.jsonl`), extra);
    let stats = { appended: 0, bytesRead: 0 };
    const elapsed = time(() => {
      const outcome = expectHit();
      stats = outcome.index;
    });
    if (stats.appended !== 1 || stats.bytesRead !== appendedBytes) throw new Error(`incremental update read ${stats.bytesRead} bytes`);
    return elapsed;
  }),
);

const cli = join(process.cwd(), 'dist', 'wright.js');
let cliWarm: number | null = null;
let nodeStart: number | null = null;
if (existsSync(cli)) {
  const env = { PATH: process.env.PATH, HOME: root, WRIGHT_CONFIG_DIR: config, WRIGHT_MANAGED_SETTINGS_PATH: join(root, 'none.json') };
  const run = (args: string[]) =>
    time(() => {
      const result = spawnSync(process.execPath, args, { cwd, env, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    });
  nodeStart = median(Array.from({ length: RUNS }, () => run(['-e', '0'])));
  cliWarm = median(Array.from({ length: RUNS }, () => run([cli, 'sessions', 'search', query])));
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const rows: Array<[string, string, string]> = [
  ['scan every transcript, no index (baseline)', `${baseline.toFixed(1)} ms`, '1.00×'],
  ['cold: index built from scratch, then query', `${cold.toFixed(1)} ms`, `${(cold / baseline).toFixed(2)}×`],
  ['warm: phrase from 50 sessions back', `${warm.toFixed(2)} ms`, `${(warm / baseline).toFixed(3)}×`],
  ['warm: three common words', `${commonWords.toFixed(2)} ms`, `${(commonWords / baseline).toFixed(3)}×`],
  [`incremental: newest transcript +10 lines (${(appendedBytes / 1024).toFixed(0)} KB)`, `${incremental.toFixed(2)} ms`, `${(incremental / baseline).toFixed(3)}×`],
];
if (cliWarm !== null && nodeStart !== null) {
  rows.push(['node -e 0', `${nodeStart.toFixed(1)} ms`, '']);
  rows.push(['wright sessions search (process, warm)', `${cliWarm.toFixed(1)} ms`, `${(cliWarm / nodeStart).toFixed(2)}× node -e 0`]);
}
console.log(`session search: ${SESSIONS} sessions × ${ENTRIES} lines, ${mb(transcriptBytes)} of transcripts, index ${mb(indexBytes)} (median of ${RUNS} runs)`);
for (const [name, value, ratio] of rows) console.log(`  ${name.padEnd(52)} ${value.padStart(10)}  ${ratio}`);
if (process.env.BENCH_KEEP) console.log(dir); else rmSync(root, { recursive: true, force: true });
