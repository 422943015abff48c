// Builds the model client for a resolved configuration. Each adapter loads its SDK with import(),
// so a run with one provider never loads the other's SDK.
import { openAnthropicModelClient } from './anthropicClient.js';
import type { ModelConfig } from './modelConfig.js';
import { openOpenAIModelClient } from './openaiClient.js';
import { realRetryDependencies, type RetryDependencies } from './retry.js';
import type { ModelClient } from './types.js';

/** `dependencies` replaces the backoff sleep and jitter source, for tests. */
export function createModelClient(
  config: ModelConfig,
  dependencies: RetryDependencies = realRetryDependencies,
): Promise<ModelClient> {
  return config.provider === 'anthropic'
    ? openAnthropicModelClient(config, dependencies)
    : openOpenAIModelClient(config, dependencies);
}
