// The official SDK clients, pointed at a scripted server, as the server's own tests use them.
import Anthropic, { type ClientOptions as AnthropicOptions } from '@anthropic-ai/sdk';
import OpenAI, { type ClientOptions as OpenAIOptions } from 'openai';
import type { ModelServer } from '../modelServer.js';

export function anthropicClient(server: ModelServer, options: AnthropicOptions = {}): Anthropic {
  return new Anthropic({
    apiKey: 'test-key',
    // The SDK would otherwise pick up ANTHROPIC_AUTH_TOKEN from the environment and send both headers.
    authToken: null,
    baseURL: server.anthropicBaseUrl,
    maxRetries: 0,
    // Fault tests provoke parse errors the SDK would otherwise log to stderr.
    logLevel: 'off',
    ...options,
  });
}

export function openaiClient(server: ModelServer, options: OpenAIOptions = {}): OpenAI {
  return new OpenAI({
    apiKey: 'test-key',
    baseURL: server.openaiBaseUrl,
    maxRetries: 0,
    logLevel: 'off',
    ...options,
  });
}

export const userSays = (content: string) => ({
  model: 'scripted-model',
  max_tokens: 1024,
  messages: [{ role: 'user' as const, content }],
});

export const openaiUserSays = (content: string) => ({
  model: 'scripted-model',
  messages: [{ role: 'user' as const, content }],
});

export async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return items;
}
