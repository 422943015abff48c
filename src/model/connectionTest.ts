// Checks that a provider configuration really works — the endpoint answers, the key is accepted, the
// model exists — with the smallest possible request (one output token), for first-run setup and
// `wright doctor --connect`.
import { createModelClient } from './createModelClient.js';
import type { ModelConfig } from './modelConfig.js';
import { completeSideRequest } from './sideQuery.js';

export type ConnectionTestResult = { ok: true; detail: string } | { ok: false; message: string };

const TIMEOUT_MS = 30_000;

export async function testModelConnection(config: ModelConfig, options: { timeoutMs?: number } = {}): Promise<ConnectionTestResult> {
  // One attempt only: a wrong key or model should be reported now, not retried for a minute.
  const client = await createModelClient({ ...config, maxRetries: 0 });
  const signal = AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS);
  const started = Date.now();
  const response = await completeSideRequest(client, { model: config.model, system: '', prompt: 'ping', maxTokens: 1, signal });
  if (!response.ok) {
    const message = signal.aborted ? `no answer within ${options.timeoutMs ?? TIMEOUT_MS} ms` : response.message;
    return { ok: false, message: `${config.provider} at ${config.baseUrl ?? 'the public endpoint'} with model ${config.model}: ${message}` };
  }
  return { ok: true, detail: `${config.provider} answered with model ${response.message.model || config.model} in ${Date.now() - started} ms` };
}
