// Which provider, model, credential and endpoint to use, resolved from flags, environment and
// settings. Precedence, highest first:
//   provider: --provider > WRIGHT_PROVIDER > settings.provider > 'anthropic'
//   model:    --model > ANTHROPIC_MODEL (anthropic only) > settings.model
//             > default (anthropic: 'sonnet'; openai: OPENAI_MODEL, else 'gpt-4.1')
//   retries:  WRIGHT_MAX_RETRIES > settings.maxRetries > 10
// Aliases sonnet/opus/haiku name the current Claude models, overridable per alias by
// ANTHROPIC_DEFAULT_{SONNET,OPUS,HAIKU}_MODEL.
//   small fast model (side work such as WebFetch reading a page):
//             anthropic: WRIGHT_SMALL_FAST_MODEL > ANTHROPIC_SMALL_FAST_MODEL > 'haiku'
//             openai:    WRIGHT_SMALL_FAST_MODEL > OPENAI_SMALL_FAST_MODEL, else none
import { BASE_DELAY_MS, DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_MAX_RETRIES } from './retryPolicy.js';

export type ModelProvider = 'anthropic' | 'openai';
export const MODEL_PROVIDERS: readonly ModelProvider[] = ['anthropic', 'openai'];

export interface ModelCredential {
  /** `api_key` goes out as x-api-key (Anthropic) or a bearer token (OpenAI); `bearer_token` as a bearer token. */
  kind: 'api_key' | 'bearer_token';
  value: string;
  /** The environment variable it came from, named in error messages. */
  source: string;
}

export interface ModelConfig {
  provider: ModelProvider;
  /** The model ID sent to the provider, aliases already resolved. */
  model: string;
  /** Null only for an OpenAI-compatible local server that needs no key. */
  credential: ModelCredential | null;
  /** Null means the provider's public endpoint. */
  baseUrl: string | null;
  maxRetries: number;
  idleTimeoutMs: number;
  /** `WRIGHT_RETRY_BASE_DELAY_MS`: the first backoff step (default 500 ms). */
  retryBaseDelayMs: number;
}

/** True for the message resolveModelConfig gives when no credentials are configured at all. */
export function isMissingCredentials(message: string): boolean {
  return message === MISSING_ANTHROPIC_CREDENTIALS || message === MISSING_OPENAI_CREDENTIALS;
}

export interface ModelConfigInput {
  env: Record<string, string | undefined>;
  settings: { model?: string; provider?: 'anthropic' | 'openai'; maxRetries?: number };
  flags: { model?: string; provider?: string };
}

export type ModelConfigResult = { ok: true; config: ModelConfig } | { ok: false; message: string };

export const DEFAULT_OPENAI_MODEL = 'gpt-4.1';

const MODEL_ALIASES: Record<string, { model: string; overrideVariable: string }> = {
  sonnet: { model: 'claude-sonnet-5-5', overrideVariable: 'ANTHROPIC_DEFAULT_SONNET_MODEL' },
  opus: { model: 'claude-opus-5-5', overrideVariable: 'ANTHROPIC_DEFAULT_OPUS_MODEL' },
  haiku: { model: 'claude-haiku-5-5', overrideVariable: 'ANTHROPIC_DEFAULT_HAIKU_MODEL' },
};

const MISSING_ANTHROPIC_CREDENTIALS =
  'No Anthropic credentials found. Set ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN for a bearer token), ' +
  'e.g. `export ANTHROPIC_API_KEY=sk-ant-…`, or use an OpenAI-compatible server with `--provider openai` ' +
  'and OPENAI_API_KEY / OPENAI_BASE_URL.';

const MISSING_OPENAI_CREDENTIALS =
  'No OpenAI credentials found. Set OPENAI_API_KEY, e.g. `export OPENAI_API_KEY=sk-…`, or point ' +
  'OPENAI_BASE_URL at an OpenAI-compatible server, e.g. `export OPENAI_BASE_URL=http://localhost:11434/v1` for Ollama.';

export function resolveModelConfig(input: ModelConfigInput): ModelConfigResult {
  const env = (name: string): string | undefined => nonEmpty(input.env[name]);

  const provider = resolveProvider(input, env);
  if (!provider.ok) return provider;

  const retries = resolveWholeNumber('WRIGHT_MAX_RETRIES', env('WRIGHT_MAX_RETRIES'), input.settings.maxRetries, DEFAULT_MAX_RETRIES);
  if (!retries.ok) return retries;
  const idle = resolveWholeNumber('WRIGHT_STREAM_IDLE_TIMEOUT_MS', env('WRIGHT_STREAM_IDLE_TIMEOUT_MS'), undefined, DEFAULT_IDLE_TIMEOUT_MS);
  if (!idle.ok) return idle;
  if (idle.value === 0) return { ok: false, message: 'WRIGHT_STREAM_IDLE_TIMEOUT_MS must be greater than 0.' };

  const baseDelay = resolveWholeNumber('WRIGHT_RETRY_BASE_DELAY_MS', env('WRIGHT_RETRY_BASE_DELAY_MS'), undefined, BASE_DELAY_MS);
  if (!baseDelay.ok) return baseDelay;

  const common = { maxRetries: retries.value, idleTimeoutMs: idle.value, retryBaseDelayMs: baseDelay.value };
  const requestedModel = nonEmpty(input.flags.model);

  if (provider.value === 'anthropic') {
    const apiKey = env('ANTHROPIC_API_KEY');
    const authToken = env('ANTHROPIC_AUTH_TOKEN');
    // Sending both is rejected by the API, so the key wins when both are set.
    const credential: ModelCredential | null = apiKey
      ? { kind: 'api_key', value: apiKey, source: 'ANTHROPIC_API_KEY' }
      : authToken
        ? { kind: 'bearer_token', value: authToken, source: 'ANTHROPIC_AUTH_TOKEN' }
        : null;
    if (!credential) return { ok: false, message: MISSING_ANTHROPIC_CREDENTIALS };
    const model = requestedModel ?? env('ANTHROPIC_MODEL') ?? nonEmpty(input.settings.model) ?? 'sonnet';
    return {
      ok: true,
      config: { provider: 'anthropic', model: resolveModelAlias(model, input.env), credential, baseUrl: env('ANTHROPIC_BASE_URL') ?? null, ...common },
    };
  }

  const apiKey = env('OPENAI_API_KEY');
  const baseUrl = env('OPENAI_BASE_URL') ?? null;
  if (!apiKey && !baseUrl) return { ok: false, message: MISSING_OPENAI_CREDENTIALS };
  const model = requestedModel ?? nonEmpty(input.settings.model) ?? env('OPENAI_MODEL') ?? DEFAULT_OPENAI_MODEL;
  return {
    ok: true,
    config: {
      provider: 'openai',
      model,
      credential: apiKey ? { kind: 'api_key', value: apiKey, source: 'OPENAI_API_KEY' } : null,
      baseUrl,
      ...common,
    },
  };
}

/**
 * The model for small side tasks, or null when the provider has none: an OpenAI-compatible server
 * may serve a single local model, so one is used only when named.
 */
export function resolveSmallFastModel(provider: ModelProvider, env: Record<string, string | undefined>): string | null {
  const named = nonEmpty(env['WRIGHT_SMALL_FAST_MODEL']);
  if (provider === 'openai') return named ?? nonEmpty(env['OPENAI_SMALL_FAST_MODEL']) ?? null;
  return resolveModelAlias(named ?? nonEmpty(env['ANTHROPIC_SMALL_FAST_MODEL']) ?? 'haiku', env);
}

/** `sonnet`, `opus` and `haiku` (any case) become model IDs; anything else is already one. */
export function resolveModelAlias(model: string, env: Record<string, string | undefined>): string {
  const alias = MODEL_ALIASES[model.trim().toLowerCase()];
  if (!alias) return model;
  return nonEmpty(env[alias.overrideVariable]) ?? alias.model;
}

function resolveProvider(
  input: ModelConfigInput,
  env: (name: string) => string | undefined,
): { ok: true; value: ModelProvider } | { ok: false; message: string } {
  const candidates: Array<[string | undefined, string]> = [
    [nonEmpty(input.flags.provider), '--provider'],
    [env('WRIGHT_PROVIDER'), 'WRIGHT_PROVIDER'],
    [nonEmpty(input.settings.provider), 'the provider setting'],
  ];
  const chosen = candidates.find(([value]) => value !== undefined);
  if (!chosen) return { ok: true, value: 'anthropic' };
  const [value, origin] = chosen as [string, string];
  const normalised = value.trim().toLowerCase();
  if ((MODEL_PROVIDERS as readonly string[]).includes(normalised)) return { ok: true, value: normalised as ModelProvider };
  return { ok: false, message: `Unknown provider '${value}' (from ${origin}). Valid providers: ${MODEL_PROVIDERS.join(', ')}.` };
}

function resolveWholeNumber(
  variable: string,
  fromEnv: string | undefined,
  fromSettings: number | undefined,
  fallback: number,
): { ok: true; value: number } | { ok: false; message: string } {
  if (fromEnv !== undefined) {
    const value = Number(fromEnv.trim());
    if (Number.isInteger(value) && value >= 0) return { ok: true, value };
    return { ok: false, message: `${variable} must be a whole number of 0 or more, got '${fromEnv}'.` };
  }
  if (fromSettings !== undefined) {
    if (Number.isInteger(fromSettings) && fromSettings >= 0) return { ok: true, value: fromSettings };
    return { ok: false, message: `The maxRetries setting must be a whole number of 0 or more, got ${fromSettings}.` };
  }
  return { ok: true, value: fallback };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}
