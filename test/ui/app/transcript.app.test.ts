// The transcript view (Ctrl+O) inside the app: what it shows, its keys, following new items, and
// how it gives way to a question for the user.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createElement as h } from 'react';
import { cleanup, render } from 'ink-testing-library';
import { policyModeControl } from '../../../src/permissions/modeControl.js';
import { App, type AppProps } from '../../../src/ui/app/App.js';
import { InteractionBroker } from '../../../src/ui/app/interactionBroker.js';
import { SessionController, type TurnRunner } from '../../../src/ui/app/sessionController.js';
import { ThemeContext, themeFor, type Theme } from '../../../src/ui/app/theme.js';
import { assistantEvent, gate, KEY, resultEvent, ScriptedAgent, settle, textStream, toolResultEvent, until } from './inkHarness.js';

afterEach(cleanup);

const CTRL_O = '\x0f';
const ENTER_ALTERNATE = '\x1b[?1049h';
const LEAVE_ALTERNATE = '\x1b[?1049l';

function mount(agent: TurnRunner, overrides: Partial<AppProps> = {}, theme: Theme = themeFor({})) {
  const controller = new SessionController({ agent });
  const broker = new InteractionBroker();
  const exits = { count: 0 };
  const props: AppProps = { controller, broker, modeControl: policyModeControl({ mode: 'default' }), bypassAvailable: false, model: 'test-model', onExit: () => exits.count++, ...overrides };
  const app = render(h(ThemeContext.Provider, { value: theme }, h(App, props)));
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      // A view that has just appeared subscribes to keys in an effect React runs on the next turn of the loop.
      await new Promise((resolve) => setImmediate(resolve));
      app.stdin.write(key);
      await settle();
    }
  };
  const frame = () => app.lastFrame() ?? '';
  // The test renderer repeats the scrollback before each frame: the transcript is what follows its title.
  const styledTranscript = () => {
    const at = frame().lastIndexOf('Transcript ·');
    return at === -1 ? '' : frame().slice(at);
  };
  const transcript = () => styledTranscript().replace(/\x1b\[[0-9;]*m/g, '');
  return { app, controller, broker, exits, press, frame, transcript, styledTranscript };
}

/** A finished turn with one Bash call whose output has `lines` lines. */
function bashTurn(lines: number, command = 'seq 1 60'): Parameters<ScriptedAgent['push']>[0] {
  const output = Array.from({ length: lines }, (_, i) => `output line ${i + 1}`).join('\n');
  return [
    assistantEvent([{ type: 'thinking', thinking: 'The user wants numbers; seq prints them.', signature: 's' }, { type: 'tool_use', id: 'toolu_seq', name: 'Bash', input: { command } }]),
    toolResultEvent('toolu_seq', output),
    assistantEvent([{ type: 'text', text: 'Printed all of them.' }]),
    resultEvent(),
  ];
}

async function finishedSession(lines = 60, theme?: Theme) {
  const agent = new ScriptedAgent();
  agent.push(bashTurn(lines));
  const mounted = mount(agent, {}, theme);
  await mounted.press('count to sixty', KEY.enter);
  await until(() => agent.prompts.length === 1);
  await mounted.controller.whenIdle();
  await until(() => assert.match(mounted.frame(), /Printed all of them\./));
  return { agent, ...mounted };
}

test('Ctrl+O opens the transcript on the alternate screen, at the latest lines, with the whole tool output; Esc returns', async () => {
  const { press, frame, transcript, app } = await finishedSession();
  assert.match(frame(), /… \+57 lines/);
  assert.doesNotMatch(frame(), /output line 60/);
  await press('draft prompt');
  await press(CTRL_O);
  await until(() => assert.match(transcript(), /output line 60/));
  const shown = transcript();
  assert.match(shown, /Printed all of them\.\n\s+lines \d+–(\d+) of \1\n?$/, 'opens at the bottom');
  assert.equal(shown.trimEnd().split('\n').length, 23, 'the title, 21 lines and the status line: one line less than the terminal');
  const written = (escape: string) => app.stdout.frames.map((chunk) => chunk.includes(escape)).lastIndexOf(true);
  assert.ok(written(ENTER_ALTERNATE) !== -1);
  await press('g');
  await until(() => assert.match(transcript(), /lines 1–21 of/));
  assert.match(transcript(), /> count to sixty[\s\S]*✻ The user wants numbers; seq prints them\.[\s\S]*● Bash\(seq 1 60\) · done[\s\S]*\$ seq 1 60\n\s+⎿ output line 1\n\s+output line 2/);
  await press(KEY.escape);
  await until(() => assert.ok(transcript() === '' && /> draft prompt/.test(frame()), 'back, and the draft survived'));
  assert.ok(written(LEAVE_ALTERNATE) > written(ENTER_ALTERNATE));
});

test('keys scroll by line and page, jump to either end, and q, Ctrl+O or Ctrl+C return without exiting', async () => {
  const { press, transcript, frame, exits } = await finishedSession();
  await press(CTRL_O);
  await until(() => assert.match(transcript(), /lines \d+–\d+ of \d+/));
  const total = Number(/of (\d+)/.exec(transcript())![1]);
  const top = () => Number(/lines (\d+)–/.exec(transcript())![1]);
  const bottomTop = total - 21 + 1;
  assert.equal(top(), bottomTop);
  await press('k', KEY.up);
  await until(() => assert.equal(top(), bottomTop - 2));
  await press('j');
  await until(() => assert.equal(top(), bottomTop - 1));
  await press('\x1b[5~');
  await until(() => assert.equal(top(), bottomTop - 22));
  await press('b');
  await until(() => assert.equal(top(), Math.max(1, bottomTop - 43)));
  await press('g');
  await until(() => assert.equal(top(), 1));
  await press(' ');
  await until(() => assert.equal(top(), 22));
  await press('\x1b[6~');
  await until(() => assert.equal(top(), Math.min(43, bottomTop)));
  await press('G');
  await until(() => assert.equal(top(), bottomTop));
  await press('\x1b[H');
  await until(() => assert.equal(top(), 1));
  await press('\x1b[F');
  await until(() => assert.equal(top(), bottomTop));
  const backToMain = () => until(() => assert.ok(transcript() === '' && /default mode/.test(frame())));
  for (const close of ['q', CTRL_O, KEY.ctrlC]) {
    await press(close);
    await backToMain();
    await press(CTRL_O);
    await until(() => assert.match(transcript(), /lines/));
  }
  await press(KEY.ctrlC);
  await backToMain();
  assert.equal(exits.count, 0);
  assert.doesNotMatch(frame(), /Press Ctrl\+C again/);
});

test('/ searches forward from the top line; n and N move between matches, which are highlighted', async () => {
  const { press, transcript, styledTranscript } = await finishedSession();
  await press(CTRL_O, 'g');
  await until(() => assert.match(transcript(), /lines 1–/));
  await press('/', 'line 3');
  await until(() => assert.match(transcript(), /\/line 3/));
  await press(KEY.enter);
  // "line 3", "line 30" … "line 39": eleven lines.
  await until(() => assert.match(transcript(), /"line 3": match 1 of 11 · n next · N previous/));
  assert.match(styledTranscript(), /output \x1b\[7m\x1b\[33mline 3\x1b\[39m\x1b\[27m\n/, 'the current match in reverse video');
  await press('n', 'n');
  await until(() => assert.match(transcript(), /match 3 of 11/));
  await press('N');
  await until(() => assert.match(transcript(), /match 2 of 11/));
  await press('N', 'N');
  await until(() => assert.match(transcript(), /match 11 of 11 \(wrapped\)/));
  assert.match(transcript(), /output line 39/);
  await press('/', 'no such thing', KEY.enter);
  await until(() => assert.match(transcript(), /Not found: no such thing/));
  // Esc while typing a query only stops the typing.
  await press('/', 'abc', KEY.escape);
  await until(() => assert.doesNotMatch(transcript(), /\/abc/));
  assert.match(transcript(), /lines/);
});

test('while the agent works the transcript follows new items at the bottom, and stays put when scrolled up', async () => {
  const agent = new ScriptedAgent();
  const steps = [gate(), gate(), gate()];
  agent.push([
    ...bashTurn(60).slice(0, 2),
    { waitFor: steps[0]!.promise },
    ...textStream(['A streamed answer ']),
    { waitFor: steps[1]!.promise },
    assistantEvent([{ type: 'text', text: 'A streamed answer that ends here.' }]),
    { waitFor: steps[2]!.promise },
    assistantEvent([{ type: 'tool_use', id: 'toolu_2', name: 'Bash', input: { command: 'echo late' } }]),
    toolResultEvent('toolu_2', 'LATE OUTPUT'),
    resultEvent(),
  ]);
  const { press, transcript, controller, frame } = mount(agent);
  await press('go', KEY.enter);
  await until(() => assert.match(frame(), /Bash\(seq 1 60\) · done/));
  await press(CTRL_O);
  await until(() => assert.match(transcript(), /output line 60/));
  steps[0]!.open();
  await until(() => assert.match(transcript(), /A streamed answer\s*\n\s+lines/, 'the streaming text shows at the bottom'));
  steps[1]!.open();
  await until(() => assert.match(transcript(), /A streamed answer that ends here\./));
  await press('k', 'k', 'k');
  await until(() => assert.doesNotMatch(transcript(), /ends here/));
  const scrolled = /lines (\d+–\d+)/.exec(transcript())![1];
  steps[2]!.open();
  await controller.whenIdle();
  await settle();
  assert.equal(/lines (\d+–\d+)/.exec(transcript())![1], scrolled, 'scrolled up: the view stays');
  assert.doesNotMatch(transcript(), /LATE OUTPUT/);
  await press('G');
  await until(() => assert.match(transcript(), /LATE OUTPUT/));
  await press(KEY.escape);
  await until(() => assert.match(frame(), /Bash\(echo late\) · done[\s\S]*LATE OUTPUT/, 'items finished meanwhile reach the scrollback on return'));
});

test('a permission question closes the transcript so it can be answered; keys meant for the pager do not answer it', async () => {
  const { press, transcript, frame, broker } = await finishedSession();
  await press(CTRL_O);
  await until(() => assert.match(transcript(), /lines/));
  const answer = broker.askPermission({ toolName: 'Bash', input: { command: 'rm -r build' }, reason: 'Needs approval.', suggestedRules: [] }, new AbortController().signal);
  await until(() => assert.equal(transcript(), ''));
  await until(() => assert.match(frame(), /Bash command[\s\S]*rm -r build/));
  await press('y');
  assert.deepEqual(await answer, { behavior: 'allow' });
});

test('Ctrl+O does nothing while a question waits for an answer', async () => {
  const { press, transcript, frame, broker } = mount(new ScriptedAgent());
  const answer = broker.askPermission({ toolName: 'Bash', input: { command: 'make' }, reason: 'Needs approval.', suggestedRules: [] }, new AbortController().signal);
  await until(() => assert.match(frame(), /Bash command/));
  await press(CTRL_O);
  await settle();
  assert.equal(transcript(), '');
  await press('y');
  assert.deepEqual(await answer, { behavior: 'allow' });
});

test('a resize re-wraps the transcript to the new width and keeps the same place in view', async () => {
  const agent = new ScriptedAgent();
  const long = Array.from({ length: 30 }, (_, i) => `Paragraph ${i + 1} has quite a few words so that it wraps when the terminal is narrow.`).join('\n\n');
  agent.push([assistantEvent([{ type: 'text', text: long }]), resultEvent()]);
  const { press, transcript, app, controller } = mount(agent);
  await press('write', KEY.enter);
  await controller.whenIdle();
  await press(CTRL_O, 'g');
  await until(() => assert.match(transcript(), /lines 1–/));
  for (let i = 0; i < 30; i++) await press('j');
  await until(() => assert.match(transcript(), /lines 31–/));
  const firstShown = () => /Paragraph (\d+) /.exec(transcript().split('\n').slice(1).join('\n'))![1];
  const before = firstShown();
  Object.defineProperty(app.stdout, 'columns', { value: 40, configurable: true });
  app.stdout.emit('resize');
  await until(() => {
    assert.match(transcript(), /of \d+/);
    assert.ok(transcript().split('\n').every((line) => line.length <= 40));
  });
  assert.ok(Math.abs(Number(firstShown()) - Number(before)) <= 1, `paragraph ${firstShown()} near ${before}`);
});

test('NO_COLOR: the transcript has emphasis and reverse-video matches but no colour; at 80×24 it fits', async () => {
  const { press, app, transcript, styledTranscript } = await finishedSession(60, themeFor({ NO_COLOR: '1' }));
  Object.defineProperty(app.stdout, 'columns', { value: 80, configurable: true });
  app.stdout.emit('resize');
  await press(CTRL_O);
  await until(() => assert.match(transcript(), /lines \d+–\d+ of \d+/));
  await press('/', 'line 5', KEY.enter);
  await until(() => assert.match(transcript(), /"line 5": match/));
  const styled = styledTranscript();
  assert.doesNotMatch(styled, /\x1b\[(?:[0-9]+;)*(?:3[0-9]|4[0-9]|9[0-7])(?:;[0-9]+)*m/, 'no colour codes');
  assert.match(styled, /\x1b\[7mline 5\x1b\[27m/, 'the match in reverse video');
  const lines = transcript().trimEnd().split('\n');
  assert.equal(lines[0], 'Transcript · ↑↓ scroll · / search · Esc or Ctrl+O to return');
  assert.equal(lines.length, 23);
  assert.ok(lines.every((line) => line.length <= 80));
});
