// Items the state's window lets go are archived on disk, and the transcript view reads them back:
// a long session keeps flat memory and a complete transcript.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createElement as h } from 'react';
import { cleanup, render } from 'ink-testing-library';
import { policyModeControl } from '../../../src/permissions/modeControl.js';
import { App } from '../../../src/ui/app/App.js';
import { FINISHED_KEPT } from '../../../src/ui/app/conversationState.js';
import { evictedItems, FinishedArchive } from '../../../src/ui/app/finishedArchive.js';
import { InteractionBroker } from '../../../src/ui/app/interactionBroker.js';
import { SessionController } from '../../../src/ui/app/sessionController.js';
import { ScriptedAgent, settle, until } from './inkHarness.js';

afterEach(cleanup);

test('evicted items are those at the front that the new window no longer holds', () => {
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((text) => ({ kind: 'notice' as const, id: text, text, tone: 'info' as const }));
  assert.deepEqual(evictedItems([a!, b!, c!], [c!, d!]), [a, b]);
  assert.deepEqual(evictedItems([a!, b!], [a!, b!, c!]), []);
  const archive = new FinishedArchive();
  archive.append([a!, b!]);
  archive.append([]);
  assert.equal(archive.count, 2);
  assert.deepEqual(archive.readAll(), [a, b]);
  archive.dispose();
  assert.deepEqual(archive.readAll(), []);
});

test('the transcript shows items that left the state long ago; the archive goes when the app ends', async () => {
  const archive = new FinishedArchive();
  const controller = new SessionController({ agent: new ScriptedAgent(), archive });
  const total = FINISHED_KEPT + 30;
  for (let i = 1; i <= total; i++) controller.notice(`note number ${i}`);
  assert.equal(controller.getState().conversation.finished.length, FINISHED_KEPT);
  assert.equal(archive.count, 30);
  const app = render(h(App, { controller, archive, broker: new InteractionBroker(), modeControl: policyModeControl({ mode: 'default' }), bypassAvailable: false, model: 'm', onExit: () => {} }));
  await settle();
  app.stdin.write('\x0f');
  await until(() => (app.lastFrame() ?? '').includes('Transcript ·'));
  // The view opens at the bottom; g goes to the top, where the first note is.
  await new Promise((resolve) => setImmediate(resolve));
  app.stdin.write('g');
  await until(() => /note number 1\b/.test((app.lastFrame() ?? '').slice((app.lastFrame() ?? '').lastIndexOf('Transcript ·'))));
  app.unmount();
  archive.dispose();
  assert.equal(existsSync((archive as unknown as { directory: string }).directory), false);
});
