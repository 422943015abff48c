import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createElement as h } from 'react';
import { Text } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { policyModeControl } from '../../../src/permissions/modeControl.js';
import { App } from '../../../src/ui/app/App.js';
import { FINISHED_KEPT } from '../../../src/ui/app/conversationState.js';
import { InteractionBroker } from '../../../src/ui/app/interactionBroker.js';
import { Scrollback } from '../../../src/ui/app/Scrollback.js';
import { SessionController } from '../../../src/ui/app/sessionController.js';
import { assistantEvent, resultEvent, ScriptedAgent, textStream } from './inkHarness.js';

afterEach(cleanup);

test('a long session writes every finished item once while the state keeps only the latest', async () => {
  const turns = FINISHED_KEPT; // two items a turn: twice what the state keeps
  const agent = new ScriptedAgent();
  for (let turn = 1; turn <= turns; turn++) {
    agent.push([...textStream([`Answer ${turn} `, 'streamed.']), assistantEvent([{ type: 'text', text: `Answer ${turn} streamed.` }]), resultEvent()]);
  }
  const controller = new SessionController({ agent });
  const app = render(h(App, { controller, broker: new InteractionBroker(), modeControl: policyModeControl({ mode: 'default' }), bypassAvailable: false, model: 'm', onExit: () => {} }));
  for (let turn = 1; turn <= turns; turn++) {
    controller.submit(`question ${turn}`);
    await controller.whenIdle();
  }
  const conversation = controller.getState().conversation;
  assert.equal(conversation.finishedCount, 2 * turns);
  assert.equal(conversation.finished.length, FINISHED_KEPT);
  assert.deepEqual(conversation.finished.at(-1), { kind: 'assistant', id: `item-${2 * turns}`, text: `Answer ${turns} streamed.` });
  // The test renderer's frames carry all that was written to scrollback before the live region.
  const written = app.lastFrame() ?? '';
  for (let turn = 1; turn <= turns; turn++) {
    assert.equal(written.split(`> question ${turn}\n`).length - 1, 1, `question ${turn} written once`);
    assert.equal(written.split(`Answer ${turn} streamed.`).length - 1, 1, `answer ${turn} written once`);
  }
  assert.doesNotMatch(written, /not shown/);
});

test('items written in batches each appear once, in order; items dropped before they were written are counted', () => {
  const items = Array.from({ length: 20 }, (_, i) => `item ${i + 1}`);
  const view = (recent: string[], total: number) => h(Scrollback<string>, { recent, total, children: (item: string) => h(Text, { key: item }, item) });
  const app = render(view(items.slice(0, 2), 2));
  app.rerender(view(items.slice(0, 3), 3));
  app.rerender(view(items.slice(0, 3), 3));
  app.rerender(view(items.slice(2, 6), 6));
  // Twelve more at once, with only the last four still held: eight were never written.
  app.rerender(view(items.slice(14, 18), 18));
  assert.deepEqual((app.lastFrame() ?? '').split('\n').filter((line) => line !== ''), [
    'item 1', 'item 2', 'item 3', 'item 4', 'item 5', 'item 6', '… 8 items not shown', 'item 15', 'item 16', 'item 17', 'item 18',
  ]);
});
