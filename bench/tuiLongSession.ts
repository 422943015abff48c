// A long interactive session in tmux against the scripted model server: how many bytes the UI writes
// to the terminal per turn and per character of streamed answer (no full-screen repaint per token),
// and the memory of the wright process as the session grows: resident memory as it stands, and the
// heap still in use after a full garbage collection (bench/memoryProbe.mjs, loaded into the process).
//   npm run build && node --import tsx bench/tuiLongSession.ts      (TUI_TURNS=N to change the length)
// TUI_NODE_OPTIONS adds Node options (e.g. --max-old-space-size=48); TUI_PROBE_TURNS lists the turns
// to measure at (default 10,20,50,100,200 and the last); TUI_SNAPSHOTS=<dir> also writes a heap
// snapshot at each of them.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { startModelServer } from '../test/support/modelServer.js';
import { reply, text } from '../test/support/script.js';
import { CLI, cliEnv, makeWorkspace } from '../test/e2e/harness.js';
import { TmuxSession, tmuxMissing } from '../test/e2e/tui/tmux.js';

const TURNS = Number(process.env.TUI_TURNS ?? 300);
const missing = tmuxMissing();
if (missing) {
  console.log(`skipped: ${missing}`);
  process.exit(0);
}

/** TUI_ANSWER_LINES makes each answer taller (e.g. 80: taller than the terminal while it streams). */
const EXTRA_LINES = Number(process.env.TUI_ANSWER_LINES ?? 0);
const answer = (turn: number) =>
  `Answer ${turn}: here is a paragraph of **streamed** text with \`code\`, a list and enough words to span a few lines of the terminal.\n\n- first point about turn ${turn}\n- second point\n${Array.from({ length: EXTRA_LINES }, (_, i) => `- extra point ${i + 1}\n`).join('')}\nDone ${turn}.`;
const server = await startModelServer();
server.push(...Array.from({ length: TURNS }, (_, i) => reply([text(answer(i + 1))], { eventDelayMs: 2 })));
const workspace = makeWorkspace();
const output = join(workspace.home, 'terminal-output.bin');
const probeOut = join(workspace.home, 'memory-probe.jsonl');
const probe = fileURLToPath(new URL('./memoryProbe.mjs', import.meta.url));
const nodeOptions = [`--import=${probe}`, process.env.TUI_NODE_OPTIONS ?? ''].join(' ').trim();
const tui = TmuxSession.start({
  command: [process.execPath, CLI],
  cwd: workspace.repo,
  env: {
    ...cliEnv({ workspace, server, provider: 'anthropic' }),
    TERM: 'xterm-256color',
    NODE_OPTIONS: nodeOptions,
    WRIGHT_MEMORY_PROBE_OUT: probeOut,
    ...(process.env.TUI_SNAPSHOTS ? { WRIGHT_MEMORY_PROBE_SNAPSHOTS: process.env.TUI_SNAPSHOTS } : {}),
  },
});
const probeTurns = new Set((process.env.TUI_PROBE_TURNS ?? '10,20,50,100,200').split(',').map(Number).concat(TURNS));
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const rssBytes = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
const probeLines = () => (existsSync(probeOut) ? readFileSync(probeOut, 'utf8').trim().split('\n').filter(Boolean) : []);

interface MemoryAt {
  turn: number;
  /** Resident memory as the session left it, before the probe collects garbage. */
  rss: number;
  heapUsed: number;
  external: number;
}

/** Signals the probe and waits for its line: the heap after a full collection. */
async function measure(pid: number, turn: number): Promise<MemoryAt> {
  const rss = rssBytes(pid);
  const count = probeLines().length;
  process.kill(pid, 'SIGUSR2');
  const deadline = Date.now() + 60_000;
  while (probeLines().length === count) {
    if (Date.now() > deadline) throw new Error(`the memory probe did not answer at turn ${turn}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const figures = JSON.parse(probeLines().at(-1)!) as { heapUsed: number; external: number };
  return { turn, rss, heapUsed: figures.heapUsed, external: figures.external };
}
const bytes = () => {
  try {
    return statSync(output).size;
  } catch {
    return 0;
  }
};

const perTurn: number[] = [];
const memory: MemoryAt[] = [];
let streamedChars = 0;
try {
  await tui.waitFor(/default mode/, 30_000);
  tui.pipeOutput(output);
  const pid = tui.programPid();
  let ended: string | undefined;
  for (let turn = 1; turn <= TURNS && ended === undefined; turn++) {
    const before = bytes();
    try {
      tui.type(`question ${turn}`);
      await tui.waitFor(`> question ${turn}`, 30_000, { history: false });
      tui.keys('Enter');
      await tui.waitFor(`Done ${turn}.`, 30_000, { history: false });
    } catch {
      // E.g. out of memory under a small --max-old-space-size: report how far the session got.
      const cause = tui.screen().split('\n').find((line) => /FATAL|\[exit \d+\]/.test(line));
      ended = `the session ended during turn ${turn}: ${cause?.trim().slice(0, 100) ?? 'no answer within 30 s'}`;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    perTurn.push(bytes() - before);
    streamedChars += answer(turn).length;
    if (probeTurns.has(turn)) memory.push(await measure(pid, turn));
  }
  const sorted = [...perTurn].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const total = perTurn.reduce((sum, value) => sum + value, 0);
  console.log(`interactive session in tmux, ${TURNS} turns (100×30 terminal)`);
  if (ended) console.log(`  ${ended}`);
  console.log(`  bytes written per turn        median ${median}, max ${sorted.at(-1)}, first ${perTurn[0]}, last ${perTurn.at(-1)}`);
  console.log(`  bytes per answer character    ${(total / streamedChars).toFixed(2)}`);
  console.log(`  memory (MB)                   turn    rss  heap used after gc  external${nodeOptions.includes('max-old') ? `   (${process.env.TUI_NODE_OPTIONS})` : ''}`);
  for (const at of memory) {
    console.log(`                                ${String(at.turn).padStart(4)} ${mb(at.rss).padStart(6)} ${mb(at.heapUsed).padStart(19)} ${mb(at.external).padStart(9)}`);
  }
  const [first, last] = [memory[0], memory.at(-1)];
  if (first && last && last.turn > first.turn) {
    console.log(`  heap growth per turn          ${((last.heapUsed - first.heapUsed) / (last.turn - first.turn) / 1024).toFixed(1)} KB (turn ${first.turn} to ${last.turn})`);
  }
} finally {
  tui.close();
  await server.close();
}
