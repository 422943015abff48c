// Messages for session tests.
import type { AssistantMessage } from '../../src/model/types.js';

/** A complete assistant message with the given content, as the model would have sent it. */
export const assistant = (content: AssistantMessage['content']): AssistantMessage => ({
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'm',
  content,
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 1, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
});
