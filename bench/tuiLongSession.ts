// A long interactive session in tmux against the scripted model server: how many bytes the UI writes
// to the terminal per turn and per character of streamed answer (no full-screen repaint per token),
// and the resident memory of the wright process at turn 10 and at the last turn.
//   npm run build && node --import tsx bench/tuiLongSession.ts      (TUI_TURNS=N to change the length)
import { readFileSync, statSync } from 'node:fs';
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
const tui = TmuxSession.start({
  command: [process.execPath, CLI],
  cwd: workspace.repo,
  env: { ...cliEnv({ workspace, server, provider: 'anthropic' }), TERM: 'xterm-256color', ...(process.env.TUI_NODE_OPTIONS ? { NODE_OPTIONS: process.env.TUI_NODE_OPTIONS } : {}) },
});
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const bytes = () => {
  try {
    return statSync(output).size;
  } catch {
    return 0;
  }
};

const perTurn: number[] = [];
let rssAt10 = 0;
let streamedChars = 0;
try {
  await tui.waitFor(/default mode/, 30_000);
  tui.pipeOutput(output);
  const pid = tui.programPid();
  for (let turn = 1; turn <= TURNS; turn++) {
    const before = bytes();
    tui.type(`question ${turn}`);
    await tui.waitFor(`> question ${turn}`, 30_000, { history: false });
    tui.keys('Enter');
    await tui.waitFor(`Done ${turn}.`, 30_000, { history: false });
    await new Promise((resolve) => setTimeout(resolve, 50));
    perTurn.push(bytes() - before);
    streamedChars += answer(turn).length;
    if (turn === 10) rssAt10 = rssMb(pid);
  }
  const rssAtEnd = rssMb(pid);
  const sorted = [...perTurn].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const total = perTurn.reduce((sum, value) => sum + value, 0);
  console.log(`interactive session in tmux, ${TURNS} turns (100×30 terminal)`);
  console.log(`  bytes written per turn        median ${median}, max ${sorted.at(-1)}, first ${perTurn[0]}, last ${perTurn.at(-1)}`);
  console.log(`  bytes per answer character    ${(total / streamedChars).toFixed(2)}`);
  console.log(`  resident memory               ${rssAt10.toFixed(1)} MB at turn 10, ${rssAtEnd.toFixed(1)} MB at turn ${TURNS}`);
} finally {
  tui.close();
  await server.close();
}
