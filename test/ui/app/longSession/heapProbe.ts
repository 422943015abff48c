// Child process of longSessionMemory.test.ts: plays a long interactive session through the real App
// and Ink's terminal renderer (a stand-in terminal), and prints the heap still in use after a full
// garbage collection at each turn named on the command line, as one JSON object { turn: bytes }.
// Run with --expose-gc; the test also sets NODE_ENV=production and loads Ink as the bundle ships it.
import { createElement as h } from 'react';
import { render } from 'ink';
import { policyModeControl } from '../../../../src/permissions/modeControl.js';
import { App } from '../../../../src/ui/app/App.js';
import { InteractionBroker } from '../../../../src/ui/app/interactionBroker.js';
import { SessionController } from '../../../../src/ui/app/sessionController.js';
import { assistantEvent, fakeTerminal, resultEvent, ScriptedAgent, textStream } from '../inkHarness.js';

const checkpoints = process.argv.slice(2).map(Number);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc || checkpoints.length === 0) throw new Error('usage: node --expose-gc --import tsx heapProbe.ts <turn>...');

/** A Markdown answer of about 2.5 KB, every turn different. */
function answer(turn: number): string {
  const points = Array.from({ length: 24 }, (_, i) => `- point ${i + 1} of answer ${turn}: words enough to fill most of a line here\n`).join('');
  return `Answer ${turn}: a paragraph of **streamed** text with \`code\` in it.\n\n${points}\nDone ${turn}.`;
}

function turnScript(turn: number) {
  const text = answer(turn);
  const pieces = Array.from({ length: 6 }, (_, i) => text.slice((i * text.length) / 6, ((i + 1) * text.length) / 6));
  return [...textStream(pieces), assistantEvent([{ type: 'text', text }], { output_tokens: 300 }), resultEvent({ total_cost_usd: 0.001 })];
}

const agent = new ScriptedAgent();
const controller = new SessionController({ agent });
const terminal = fakeTerminal({ keepOutput: false });
const instance = render(
  h(App, { controller, broker: new InteractionBroker(), modeControl: policyModeControl({ mode: 'default' }), bypassAvailable: false, model: 'm', onExit: () => {} }),
  { stdout: terminal.stdout as unknown as NodeJS.WriteStream, stdin: terminal.stdin as unknown as NodeJS.ReadStream, exitOnCtrlC: false, patchConsole: false },
);

const heapUsed: Record<number, number> = {};
for (let turn = 1; turn <= Math.max(...checkpoints); turn++) {
  agent.push(turnScript(turn));
  controller.submit(`question ${turn}`);
  await controller.whenIdle();
  // Lets timers run (Ink draws the live region at most every 32 ms, from a timer).
  await new Promise((resolve) => setTimeout(resolve, 1));
  if (checkpoints.includes(turn)) {
    gc();
    gc();
    heapUsed[turn] = process.memoryUsage().heapUsed;
  }
}
instance.unmount();
if (terminal.stdout.bytes === 0) throw new Error('nothing was written to the terminal');
process.stdout.write(`${JSON.stringify(heapUsed)}\n`);
