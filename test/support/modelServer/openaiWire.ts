// Renders scripted replies as OpenAI chat completions: a stream of chat.completion.chunk objects
// (role first, reasoning, content, tool call fragments, finish_reason, optional usage, [DONE]) or
// one chat.completion object, plus OpenAI's error bodies.
import type { StopReason, Usage } from '../../../src/model/types.js';
import type { SseEvent } from './http.js';
import { validateOpenAIRequest } from './requestValidation.js';
import { randomId, splitIntoChunks, type ResolvedBlock, type ResolvedReply } from './resolvedReply.js';
import { sseErrorMessages, type ProtocolWire, type RenderContext, type SseErrorType, type WireError } from './wire.js';

type FinishReason = 'stop' | 'tool_calls' | 'length' | 'content_filter';

const finishReasonByStopReason: Record<StopReason, FinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  pause_turn: 'stop',
  tool_use: 'tool_calls',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  refusal: 'content_filter',
};

interface Delta {
  role?: 'assistant';
  content?: string;
  reasoning_content?: string;
  tool_calls?: Array<{
    index: number;
    id?: string;
    type?: 'function';
    function: { name?: string; arguments: string };
  }>;
}

function openaiUsage(usage: Usage) {
  const prompt = usage.input_tokens + usage.cache_read_input_tokens + usage.cache_creation_input_tokens;
  return {
    prompt_tokens: prompt,
    completion_tokens: usage.output_tokens,
    total_tokens: prompt + usage.output_tokens,
    prompt_tokens_details: { cached_tokens: usage.cache_read_input_tokens },
  };
}

/** Builds chunks that share one completion id and timestamp, as a real stream does. */
function chunkFactory(context: RenderContext) {
  const id = randomId('chatcmpl-');
  const created = Math.floor(Date.now() / 1000);
  const base = { id, object: 'chat.completion.chunk', created, model: context.model, system_fingerprint: null };
  // With include_usage the real API puts `usage: null` on every chunk but the last.
  const usageField = context.includeUsage ? { usage: null } : {};
  return {
    delta: (delta: Delta, finishReason: FinishReason | null = null): SseEvent => ({
      data: JSON.stringify({
        ...base,
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
        ...usageField,
      }),
    }),
    usage: (usage: Usage): SseEvent => ({ data: JSON.stringify({ ...base, choices: [], usage: openaiUsage(usage) }) }),
  };
}

function blockDeltas(block: ResolvedBlock, toolIndex: number): Delta[] {
  switch (block.type) {
    case 'text':
      return splitIntoChunks(block.text).map((content) => ({ content }));
    case 'thinking':
      return splitIntoChunks(block.thinking).map((reasoning_content) => ({ reasoning_content }));
    case 'tool_use':
      return [
        { tool_calls: [{ index: toolIndex, id: block.id, type: 'function', function: { name: block.name, arguments: '' } }] },
        ...splitIntoChunks(block.json, 4).map(
          (piece): Delta => ({ tool_calls: [{ index: toolIndex, function: { arguments: piece } }] }),
        ),
      ];
    case 'server_tool_use':
    case 'web_search_tool_result':
      // Chat completions have no server tools; a script aimed at both protocols drops them here.
      return [];
  }
}

export const openaiWire: ProtocolWire = {
  protocol: 'openai',
  toolIdPrefix: 'call_',
  requestIdHeader: 'x-request-id',
  requestIdPrefix: 'req_',

  validate: validateOpenAIRequest,

  errorBody(error: WireError) {
    const type =
      error.type ?? (error.status === 429 ? 'requests' : error.status >= 500 ? 'server_error' : 'invalid_request_error');
    const code = error.code !== undefined ? error.code : error.status === 429 ? 'rate_limit_exceeded' : null;
    return { error: { message: error.message, type, param: error.param ?? null, code } };
  },

  streamEvents(reply: ResolvedReply, context: RenderContext): SseEvent[] {
    const chunk = chunkFactory(context);
    let toolIndex = 0;
    const events = [chunk.delta({ role: 'assistant', content: '' })];
    for (const block of reply.blocks) {
      events.push(...blockDeltas(block, toolIndex).map((delta) => chunk.delta(delta)));
      if (block.type === 'tool_use') toolIndex++;
    }
    events.push(chunk.delta({}, finishReasonByStopReason[reply.stopReason]));
    if (context.includeUsage) events.push(chunk.usage(reply.usage));
    events.push({ data: '[DONE]' });
    return events;
  },

  messageJson(reply: ResolvedReply, context: RenderContext) {
    const text = reply.blocks.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
    const reasoning = reply.blocks.flatMap((block) => (block.type === 'thinking' ? [block.thinking] : [])).join('');
    const toolCalls = reply.blocks.flatMap((block) =>
      block.type === 'tool_use'
        ? [{ id: block.id, type: 'function', function: { name: block.name, arguments: block.json } }]
        : [],
    );
    return {
      id: randomId('chatcmpl-'),
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: context.model,
      system_fingerprint: null,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: text === '' && toolCalls.length > 0 ? null : text,
            refusal: null,
            ...(reasoning ? { reasoning_content: reasoning } : {}),
            ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
          },
          logprobs: null,
          finish_reason: finishReasonByStopReason[reply.stopReason],
        },
      ],
      usage: openaiUsage(reply.usage),
    };
  },

  malformedEvents(context: RenderContext): SseEvent[] {
    return [
      chunkFactory(context).delta({ role: 'assistant', content: '' }),
      { data: '{"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hel' },
    ];
  },

  sseErrorEvents(errorType: SseErrorType, context: RenderContext): SseEvent[] {
    return [
      chunkFactory(context).delta({ role: 'assistant', content: '' }),
      { data: JSON.stringify({ error: { message: sseErrorMessages[errorType], type: errorType, param: null, code: null } }) },
    ];
  },
};
