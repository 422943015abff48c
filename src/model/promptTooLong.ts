// Recognises the provider's refusal of a request that does not fit the model's context window
// (Anthropic: "prompt is too long: N tokens > M maximum"; OpenAI: code context_length_exceeded,
// "This model's maximum context length is …"). The agent recovers from it by compacting.
import { ModelError } from './types.js';

const TOO_LONG = /prompt is too long|context[_ ]length[_ ]exceeded|maximum context length|exceeds the context window|input is too long|too many (input )?tokens/i;

export function isPromptTooLong(error: unknown): boolean {
  return error instanceof ModelError && error.kind === 'invalid_request' && TOO_LONG.test(error.message);
}
