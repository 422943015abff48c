import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyAgentEvent, emptyConversation } from '../../../src/ui/app/conversationState.js';
import type { AgentEvent } from '../../../src/agent/events.js';

const hookMessage = (level: 'info' | 'warning' | 'error' | 'verbose', message: string): AgentEvent => ({
  type: 'system',
  subtype: 'hook_message',
  hook_event: 'PreToolUse',
  level,
  message,
  uuid: 'u',
  session_id: 's',
});

test('hook messages become notices in the conversation; plain hook output stays out', () => {
  let state = applyAgentEvent(emptyConversation(), hookMessage('warning', 'Remember the changelog'), 0);
  state = applyAgentEvent(state, hookMessage('error', 'PreToolUse hook error: lint not found'), 0);
  state = applyAgentEvent(state, hookMessage('verbose', 'PreToolUse hook output: ok'), 0);
  assert.deepEqual(
    state.finished.map((item) => (item.kind === 'notice' ? [item.tone, item.text] : item.kind)),
    [
      ['warning', 'Remember the changelog'],
      ['error', 'PreToolUse hook error: lint not found'],
    ],
  );
});
