import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AgentEvent } from '../../../src/agent/events.js';
import { SessionController, type TurnRunner } from '../../../src/ui/app/sessionController.js';
import { gate, resultEvent } from './inkHarness.js';

test('/compact runs like a turn; a message typed meanwhile is sent when it ends', async () => {
  const release = gate();
  const prompts: string[] = [];
  const agent: TurnRunner = {
    async *run(prompt: string): AsyncIterable<AgentEvent> {
      prompts.push(prompt);
      yield resultEvent();
    },
    async *compact(instructions: string | undefined): AsyncIterable<AgentEvent> {
      prompts.push(`compact:${instructions ?? ''}`);
      await release.promise;
      yield resultEvent();
    },
  };
  const controller = new SessionController({ agent });
  controller.compact('keep the names');
  assert.equal(controller.busy, true);
  controller.submit('typed while compacting');
  assert.deepEqual(controller.getState().queued, ['typed while compacting']);
  release.open();
  await controller.whenIdle();
  assert.deepEqual(prompts, ['compact:keep the names', 'typed while compacting']);
  assert.deepEqual(controller.getState().queued, []);
  const shown = controller.getState().conversation.finished.flatMap((item) => (item.kind === 'user' ? [item.text] : []));
  assert.deepEqual(shown, ['/compact keep the names', 'typed while compacting']);
});
