// Shared set-up for the adapter tests: a scripted model server, a client built through
// createModelClient (so the real SDK runs), and a backoff sleep that records instead of waiting.
import { createModelClient } from '../../src/model/createModelClient.js';
import type { ModelConfig, ModelProvider } from '../../src/model/modelConfig.js';
import type { ModelClient, ModelRequest, RetryNotice, StreamEvent } from '../../src/model/types.js';
import { startModelServer, type ModelServer } from '../support/modelServer.js';

export interface Harness {
  server: ModelServer;
  client: ModelClient;
  sleeps: number[];
  close(): Promise<void>;
}

export async function startHarness(
  provider: ModelProvider,
  overrides: Partial<ModelConfig> = {},
  serverOptions: { apiKey?: string } = {},
): Promise<Harness> {
  const server = await startModelServer(serverOptions);
  const config: ModelConfig = {
    provider,
    model: provider === 'anthropic' ? 'claude-sonnet-5-5' : 'gpt-4.1',
    credential:
      provider === 'anthropic'
        ? { kind: 'api_key', value: 'test-key', source: 'ANTHROPIC_API_KEY' }
        : { kind: 'api_key', value: 'test-key', source: 'OPENAI_API_KEY' },
    baseUrl: provider === 'anthropic' ? server.anthropicBaseUrl : server.openaiBaseUrl,
    maxRetries: 3,
    idleTimeoutMs: 5000,
    retryBaseDelayMs: 500,
    ...overrides,
  };
  const sleeps: number[] = [];
  const client = await createModelClient(config, { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 });
  return { server, client, sleeps, close: () => server.close() };
}

export const readTool = {
  name: 'Read',
  description: 'Reads a file',
  input_schema: { type: 'object', properties: { file_path: { type: 'string' } }, required: ['file_path'] },
};

export function request(overrides: Partial<ModelRequest> = {}): ModelRequest {
  return {
    model: 'test-model',
    system: 'You are a test.',
    messages: [{ role: 'user', content: 'Read a.ts' }],
    tools: [readTool],
    maxTokens: 2048,
    ...overrides,
  };
}

/** Streams one response to the end, collecting its events and retry notices. */
export async function run(client: ModelClient, modelRequest: ModelRequest) {
  const notices: RetryNotice[] = [];
  const stream = client.stream(modelRequest, (notice) => notices.push(notice));
  const events: StreamEvent[] = [];
  let failure: unknown = null;
  try {
    for await (const event of stream) events.push(event);
  } catch (error) {
    failure = error;
  }
  const message = failure ? null : await stream.final();
  return { events, notices, message, failure };
}

export const eventTypes = (events: StreamEvent[]) =>
  events.map((event) =>
    event.type === 'content_block_start'
      ? `start:${event.content_block.type}`
      : event.type === 'content_block_delta'
        ? `delta:${event.delta.type}`
        : event.type,
  );
