// The Anthropic Messages adapter: our request goes out nearly as is (our types are the Anthropic
// shape), and the SDK's raw stream events come back normalised. Retries are ours, never the SDK's.
import type Anthropic from '@anthropic-ai/sdk';
import { cachedSystem, withCacheBreakpoints } from './anthropicCache.js';
import { createAnthropicEventNormaliser } from './anthropicEvents.js';
import type { ModelConfig } from './modelConfig.js';
import type { ProviderEndpoint } from './providerErrors.js';
import { realRetryDependencies, retryLimits, streamWithRetry, type RetryDependencies } from './retry.js';
import type { Message, ModelClient, ModelRequest, ModelResponseStream, RetryNotice, StreamEvent } from './types.js';

export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com';

/** The slice of the SDK client this adapter uses, so tests and callers can see the dependency. */
export type AnthropicSdkClient = Pick<Anthropic, 'messages'>;

export class AnthropicModelClient implements ModelClient {
  readonly provider = 'anthropic' as const;
  private readonly endpoint: ProviderEndpoint;

  constructor(
    private readonly sdk: AnthropicSdkClient,
    private readonly config: ModelConfig,
    private readonly dependencies: RetryDependencies = realRetryDependencies,
  ) {
    this.endpoint = {
      label: 'Anthropic API',
      credentialSource: config.credential?.source ?? null,
      credentialHint: 'ANTHROPIC_API_KEY',
      address: config.baseUrl ?? undefined,
    };
  }

  stream(request: ModelRequest, onRetry?: (notice: RetryNotice) => void): ModelResponseStream {
    const params = toAnthropicParams(request);
    return streamWithRetry({
      endpoint: this.endpoint,
      ...retryLimits(this.config),
      signal: request.signal,
      dependencies: this.dependencies,
      onRetry,
      attempt: (signal, heartbeat) => this.attempt(params, signal, heartbeat),
    });
  }

  async countTokens(request: Omit<ModelRequest, 'maxTokens'>): Promise<number> {
    const { model, messages, system, tools } = toAnthropicParams({ ...request, maxTokens: 1 });
    const counted = await this.sdk.messages.countTokens(
      { model, messages, ...(system !== undefined ? { system } : {}), ...(tools !== undefined ? { tools: tools as Anthropic.MessageCountTokensTool[] } : {}) },
      { ...(request.signal ? { signal: request.signal } : {}) },
    );
    return counted.input_tokens;
  }

  private async *attempt(
    params: Anthropic.MessageCreateParamsStreaming,
    signal: AbortSignal,
    heartbeat: () => void,
  ): AsyncGenerator<StreamEvent> {
    const response = await this.sdk.messages.create(params, { signal });
    const normalise = createAnthropicEventNormaliser();
    for await (const raw of response) {
      heartbeat();
      const event = normalise(raw);
      if (event) yield event;
    }
  }
}

export function toAnthropicParams(request: ModelRequest): Anthropic.MessageCreateParamsStreaming {
  const tools = [...request.tools, ...(request.serverTools ?? [])] as Anthropic.ToolUnion[];
  const messages = withoutUnsignedThinking(request.messages);
  return {
    model: request.model,
    max_tokens: request.maxTokens,
    // Our Message and ToolDefinition are the Anthropic wire shapes already.
    messages: (request.promptCaching ? withCacheBreakpoints(messages) : messages) as Anthropic.MessageParam[],
    ...(request.system ? { system: request.promptCaching ? cachedSystem(request.system) : request.system } : {}),
    ...(tools.length > 0 ? { tools } : {}),
    ...(request.thinking ? { thinking: request.thinking } : {}),
    stream: true,
  };
}

/**
 * Thinking that came from another provider (an OpenAI-compatible server's reasoning text) has no
 * signature, and the Anthropic API rejects unsigned thinking blocks; a resumed conversation drops them.
 */
function withoutUnsignedThinking(messages: Message[]): Message[] {
  return messages.map((message) =>
    typeof message.content === 'string' || !message.content.some((b) => b.type === 'thinking' && !b.signature)
      ? message
      : { ...message, content: message.content.filter((b) => b.type !== 'thinking' || b.signature) },
  );
}

/**
 * Builds the SDK client. An API key goes out as `x-api-key` (what the Anthropic API and the proxies
 * in front of it expect); this SDK version would send it as a bearer token, so that header is
 * replaced. A bearer token (ANTHROPIC_AUTH_TOKEN) goes out as `Authorization: Bearer`.
 */
export async function openAnthropicModelClient(
  config: ModelConfig,
  dependencies: RetryDependencies = realRetryDependencies,
): Promise<AnthropicModelClient> {
  const { default: AnthropicSdk } = await import('@anthropic-ai/sdk');
  const credential = config.credential;
  const auth: Partial<ConstructorParameters<typeof AnthropicSdk>[0] & object> =
    credential?.kind === 'bearer_token'
      ? { authToken: credential.value }
      : {
          apiKey: credential?.value ?? null,
          authToken: null,
          defaultHeaders: { 'x-api-key': credential?.value ?? null, Authorization: null },
        };
  const sdk = new AnthropicSdk({
    ...auth,
    baseURL: config.baseUrl ?? ANTHROPIC_DEFAULT_BASE_URL,
    maxRetries: 0,
    logLevel: 'off',
  });
  return new AnthropicModelClient(sdk, config, dependencies);
}
