// The OpenAI-compatible adapter: Chat Completions over the official SDK, for OpenAI itself and for
// local servers (Ollama, vLLM, LM Studio, llama.cpp). Requests are translated at this edge and the
// chunk stream comes back as our Anthropic-shaped events. Retries are ours, never the SDK's.
import type OpenAI from 'openai';
import type { ModelConfig } from './modelConfig.js';
import { OpenAIStreamTranslator } from './openaiStreamToEvents.js';
import { toOpenAIRequest, type MaxTokensField, type OpenAIStreamingParams } from './openaiTranslate.js';
import type { ProviderEndpoint } from './providerErrors.js';
import { realRetryDependencies, retryLimits, streamWithRetry, type RetryDependencies } from './retry.js';
import type { ModelClient, ModelRequest, ModelResponseStream, RetryNotice, StreamEvent } from './types.js';

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';
/** Local servers ignore the key, but the SDK insists on one. */
export const PLACEHOLDER_API_KEY = 'not-needed';

export type OpenAISdkClient = { chat: { completions: Pick<OpenAI['chat']['completions'], 'create'> } };

export class OpenAIModelClient implements ModelClient {
  readonly provider = 'openai' as const;
  private readonly endpoint: ProviderEndpoint;
  private readonly maxTokensField: MaxTokensField;

  constructor(
    private readonly sdk: OpenAISdkClient,
    private readonly config: ModelConfig,
    private readonly dependencies: RetryDependencies = realRetryDependencies,
  ) {
    const official = isOfficialOpenAI(config.baseUrl);
    this.endpoint = {
      label: official ? 'OpenAI API' : `OpenAI-compatible server at ${config.baseUrl}`,
      credentialSource: config.credential?.source ?? null,
      credentialHint: 'OPENAI_API_KEY',
    };
    this.maxTokensField = official ? 'max_completion_tokens' : 'max_tokens';
  }

  stream(request: ModelRequest, onRetry?: (notice: RetryNotice) => void): ModelResponseStream {
    const params = toOpenAIRequest(request, this.maxTokensField);
    return streamWithRetry({
      endpoint: this.endpoint,
      ...retryLimits(this.config),
      signal: request.signal,
      dependencies: this.dependencies,
      onRetry,
      attempt: (signal, heartbeat) => this.attempt(params, signal, heartbeat),
    });
  }

  private async *attempt(params: OpenAIStreamingParams, signal: AbortSignal, heartbeat: () => void): AsyncGenerator<StreamEvent> {
    const response = await this.sdk.chat.completions.create(params, { signal });
    const translator = new OpenAIStreamTranslator(params.model);
    for await (const chunk of response) {
      heartbeat();
      yield* translator.accept(chunk);
    }
    yield* translator.finish();
  }
}

export function isOfficialOpenAI(baseUrl: string | null): boolean {
  if (baseUrl === null) return true;
  try {
    return new URL(baseUrl).hostname === 'api.openai.com';
  } catch {
    return false;
  }
}

export async function openOpenAIModelClient(
  config: ModelConfig,
  dependencies: RetryDependencies = realRetryDependencies,
): Promise<OpenAIModelClient> {
  const { default: OpenAISdk } = await import('openai');
  const sdk = new OpenAISdk({
    apiKey: config.credential?.value ?? PLACEHOLDER_API_KEY,
    baseURL: config.baseUrl ?? OPENAI_DEFAULT_BASE_URL,
    maxRetries: 0,
    logLevel: 'off',
  });
  return new OpenAIModelClient(sdk, config, dependencies);
}
