// The few request checks the real APIs make that catch agent bugs: required fields, role order,
// and tool calls left without results (or results without calls). Messages follow the real
// APIs' wording so tests can match the same text a user would see.
import type { WireError } from './wire.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const contentBlocks = (message: unknown): Json[] =>
  isObject(message) && Array.isArray(message.content) ? message.content.filter(isObject) : [];

const blocksOfType = (message: unknown, type: string): Json[] =>
  contentBlocks(message).filter((block) => block.type === type);

const invalid = (message: string, param: string | null = null): WireError => ({ status: 400, message, param });

export function validateAnthropicRequest(body: Json): WireError | null {
  if (typeof body.model !== 'string' || body.model === '') return invalid('model: Field required');
  if (typeof body.max_tokens !== 'number') return invalid('max_tokens: Field required');
  if (!Array.isArray(body.messages)) return invalid('messages: Field required');
  const messages: unknown[] = body.messages;
  if (messages.length === 0) return invalid('messages: at least one message is required');
  for (const [index, message] of messages.entries()) {
    const role = isObject(message) ? message.role : undefined;
    if (role !== 'user' && role !== 'assistant') {
      return invalid(`messages.${index}.role: Input should be 'user' or 'assistant'`);
    }
  }
  if (!isObject(messages[0]) || messages[0].role !== 'user') {
    return invalid('messages: first message must use the "user" role');
  }
  return unansweredToolUse(messages) ?? orphanToolResult(messages) ?? cacheBreakpointLimit(body);
}

/** The API takes at most four `cache_control` markers (tools, system and message blocks together), none on thinking. */
function cacheBreakpointLimit(body: Json): WireError | null {
  const blocks: unknown[] = [
    ...(Array.isArray(body.tools) ? body.tools : []),
    ...(Array.isArray(body.system) ? body.system : []),
    ...(body.messages as unknown[]).flatMap((message) => (isObject(message) && Array.isArray(message.content) ? message.content : [])),
  ];
  const marked = blocks.filter((block) => isObject(block) && block.cache_control !== undefined);
  if (marked.some((block) => isObject(block) && (block.type === 'thinking' || block.type === 'redacted_thinking'))) {
    return invalid('cache_control cannot be set for thinking blocks');
  }
  return marked.length > 4 ? invalid(`A maximum of 4 blocks with cache_control may be provided. Found ${marked.length}.`) : null;
}

function unansweredToolUse(messages: unknown[]): WireError | null {
  for (const [index, message] of messages.entries()) {
    if (!isObject(message) || message.role !== 'assistant') continue;
    const toolUseIds = blocksOfType(message, 'tool_use').map((block) => String(block.id));
    if (toolUseIds.length === 0) continue;
    const next = messages[index + 1];
    const answered = new Set(
      isObject(next) && next.role === 'user'
        ? blocksOfType(next, 'tool_result').map((block) => String(block.tool_use_id))
        : [],
    );
    const missing = toolUseIds.filter((id) => !answered.has(id));
    if (missing.length > 0) {
      return invalid(
        `messages.${index + 1}: tool_use ids were found without tool_result blocks immediately after: ` +
          `${missing.join(', ')}. Each tool_use block must have a corresponding tool_result block in the next message.`,
      );
    }
  }
  return null;
}

function orphanToolResult(messages: unknown[]): WireError | null {
  for (const [index, message] of messages.entries()) {
    if (!isObject(message) || message.role !== 'user') continue;
    const previous = messages[index - 1];
    const called = new Set(
      isObject(previous) && previous.role === 'assistant'
        ? blocksOfType(previous, 'tool_use').map((block) => String(block.id))
        : [],
    );
    for (const [blockIndex, block] of contentBlocks(message).entries()) {
      if (block.type !== 'tool_result' || called.has(String(block.tool_use_id))) continue;
      return invalid(
        `messages.${index}.content.${blockIndex}: unexpected tool_use_id found in tool_result blocks: ` +
          `${String(block.tool_use_id)}. Each tool_result block must have a corresponding tool_use block in the previous message.`,
      );
    }
  }
  return null;
}

export function validateOpenAIRequest(body: Json): WireError | null {
  if (typeof body.model !== 'string' || body.model === '') {
    return invalid('you must provide a model parameter');
  }
  if (!Array.isArray(body.messages)) return invalid("Missing required parameter: 'messages'.", 'messages');
  const messages: unknown[] = body.messages;
  if (messages.length === 0) return invalid("[] is too short - 'messages'", 'messages');
  for (const [index, message] of messages.entries()) {
    if (!isObject(message)) continue;
    if (message.role === 'assistant' && Array.isArray(message.tool_calls)) {
      const error = unansweredToolCalls(messages, index, message.tool_calls);
      if (error) return error;
    }
    if (message.role === 'tool' && !followsToolCalls(messages, index)) {
      return invalid(
        "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
        `messages.[${index}].role`,
      );
    }
  }
  return null;
}

function unansweredToolCalls(messages: unknown[], index: number, toolCalls: unknown[]): WireError | null {
  const answered = new Set<string>();
  for (const next of messages.slice(index + 1)) {
    if (!isObject(next) || next.role !== 'tool') break;
    answered.add(String(next.tool_call_id));
  }
  const missing = toolCalls
    .map((call) => (isObject(call) ? String(call.id) : ''))
    .filter((id) => !answered.has(id));
  if (missing.length === 0) return null;
  return invalid(
    "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. " +
      `The following tool_call_ids did not have response messages: ${missing.join(', ')}`,
    `messages.[${index}].role`,
  );
}

/** A tool message must sit in the run of tool messages right after an assistant's tool_calls. */
function followsToolCalls(messages: unknown[], index: number): boolean {
  for (let before = index - 1; before >= 0; before--) {
    const message = messages[before];
    if (!isObject(message)) return false;
    if (message.role === 'tool') continue;
    return message.role === 'assistant' && Array.isArray(message.tool_calls);
  }
  return false;
}
