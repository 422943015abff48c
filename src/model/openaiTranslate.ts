// Our (Anthropic-shaped) request → an OpenAI Chat Completions request. Tool results become `tool`
// messages in the order of the calls they answer; thinking blocks stay behind, since OpenAI-compatible
// servers neither accept nor need them. Tool messages carry text only, so images (and binary
// documents) from tool results move to a user message right after them, where the model sees them.
import type OpenAI from 'openai';
import type {
  ContentBlock,
  DocumentBlock,
  ImageBlock,
  Message,
  ModelRequest,
  TextBlock,
  ToolDefinition,
  ToolResultBlock,
  ToolUseBlock,
} from './types.js';

type ChatMessage = OpenAI.Chat.Completions.ChatCompletionMessageParam;
type UserPart = OpenAI.Chat.Completions.ChatCompletionContentPart;
type FunctionTool = OpenAI.Chat.Completions.ChatCompletionFunctionTool;
export type OpenAIStreamingParams = OpenAI.Chat.Completions.ChatCompletionCreateParamsStreaming;

/** OpenAI's own API wants `max_completion_tokens`; local servers know the older `max_tokens`. */
export type MaxTokensField = 'max_tokens' | 'max_completion_tokens';

export function toOpenAIRequest(request: ModelRequest, maxTokensField: MaxTokensField): OpenAIStreamingParams {
  const tools = toOpenAITools(request.tools);
  return {
    model: request.model,
    messages: toOpenAIMessages(request.system, request.messages),
    ...(tools.length > 0 ? { tools } : {}),
    [maxTokensField]: request.maxTokens,
    stream: true,
    stream_options: { include_usage: true },
  };
}

export function toOpenAITools(tools: ToolDefinition[]): FunctionTool[] {
  return tools.map((tool) => ({
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: tool.input_schema },
  }));
}

export function toOpenAIMessages(system: string, messages: Message[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  if (system) out.push({ role: 'system', content: system });
  let lastCallOrder: string[] = [];
  for (const message of messages) {
    if (typeof message.content === 'string') {
      out.push({ role: message.role, content: message.content });
      continue;
    }
    if (message.role === 'assistant') {
      const assistant = toAssistantMessage(message.content);
      lastCallOrder = assistant.tool_calls?.map((call) => call.id) ?? [];
      out.push(assistant);
    } else {
      out.push(...toUserMessages(message.content, lastCallOrder));
    }
  }
  return out;
}

function toAssistantMessage(blocks: ContentBlock[]): OpenAI.Chat.Completions.ChatCompletionAssistantMessageParam {
  const text = blocks
    .filter((block): block is TextBlock => block.type === 'text')
    .map((block) => block.text)
    .join('\n\n');
  const calls = blocks
    .filter((block): block is ToolUseBlock => block.type === 'tool_use')
    .map((block) => ({
      id: block.id,
      type: 'function' as const,
      function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) },
    }));
  if (calls.length === 0) return { role: 'assistant', content: text };
  return { role: 'assistant', content: text === '' ? null : text, tool_calls: calls };
}

/** Tool results first, as `tool` messages in call order; whatever else the user sent follows. */
function toUserMessages(blocks: ContentBlock[], callOrder: string[]): ChatMessage[] {
  const position = (id: string) => {
    const index = callOrder.indexOf(id);
    return index === -1 ? callOrder.length : index;
  };
  const results = blocks
    .filter((block): block is ToolResultBlock => block.type === 'tool_result')
    .map((block, arrival) => ({ block, arrival }))
    .sort((a, b) => position(a.block.tool_use_id) - position(b.block.tool_use_id) || a.arrival - b.arrival);
  const out: ChatMessage[] = results.map(({ block }) => ({
    role: 'tool',
    tool_call_id: block.tool_use_id,
    content: toolResultText(block),
  }));

  const parts = [...results.flatMap(({ block }) => toolResultAttachments(block)), ...blocks.flatMap(toUserPart)];
  if (parts.length === 0) return out;
  const allText = parts.every((part) => part.type === 'text');
  out.push({
    role: 'user',
    content: allText ? parts.map((part) => (part as OpenAI.Chat.Completions.ChatCompletionContentPartText).text).join('\n\n') : parts,
  });
  return out;
}

function toUserPart(block: ContentBlock): UserPart[] {
  switch (block.type) {
    case 'text':
      return [{ type: 'text', text: block.text }];
    case 'image':
      return [{ type: 'image_url', image_url: { url: imageDataUrl(block) } }];
    case 'document':
      return [documentPart(block)];
    default:
      return [];
  }
}

function documentPart(block: DocumentBlock): UserPart {
  if (block.source.type === 'text') {
    return { type: 'text', text: block.title ? `${block.title}\n\n${block.source.data}` : block.source.data };
  }
  return {
    type: 'file',
    file: { file_data: `data:${block.source.media_type};base64,${block.source.data}`, filename: block.title ?? 'document' },
  };
}

export function toolResultText(block: ToolResultBlock): string {
  const body =
    typeof block.content === 'string'
      ? block.content
      : block.content.map((part) => (part.type === 'text' ? part.text : inlineOrNote(part))).join('\n');
  return block.is_error ? `Error: ${body}` : body;
}

/** Text documents go inline; images and binary documents are announced and follow as user parts. */
function inlineOrNote(block: ImageBlock | DocumentBlock): string {
  if (block.type === 'document' && block.source.type === 'text') {
    return block.title ? `${block.title}\n\n${block.source.data}` : block.source.data;
  }
  return `[${block.type} (${block.source.media_type}) follows in the next user message]`;
}

/** The parts of a tool result a tool message cannot carry, introduced by which call they came from. */
function toolResultAttachments(block: ToolResultBlock): UserPart[] {
  if (typeof block.content === 'string') return [];
  const attachments = block.content.flatMap((part): UserPart[] => {
    if (part.type === 'image') return [{ type: 'image_url', image_url: { url: imageDataUrl(part) } }];
    if (part.type === 'document' && part.source.type === 'base64') return [documentPart(part)];
    return [];
  });
  if (attachments.length === 0) return [];
  return [{ type: 'text', text: `Attachments from the result of tool call ${block.tool_use_id}:` }, ...attachments];
}

function imageDataUrl(image: ImageBlock): string {
  return `data:${image.source.media_type};base64,${image.source.data}`;
}
