// What WebFetch and WebSearch are given in a session: the small fast model for reading pages, and
// the search backend. WebSearch goes to the backend the `webSearch` setting names; without one, to
// the Anthropic provider's own server-side search; with neither (an OpenAI-compatible provider and
// no setting) it is not offered.
import type { WebSearchSettings } from '../config/settingsSchema.js';
import { resolveSmallFastModel, type ModelConfig } from '../model/modelConfig.js';
import { runServerWebSearch } from '../model/serverWebSearch.js';
import { createSideQuery } from '../model/sideQuery.js';
import type { ModelClient } from '../model/types.js';
import type { CoreToolOptions, WebSearchBackend } from '../tools/index.js';
import { createBraveBackend, DEFAULT_BRAVE_KEY_VARIABLE } from '../tools/web/braveBackend.js';
import { createSearxngBackend } from '../tools/web/searxngBackend.js';
import { wrightUserAgent } from '../tools/web/userAgent.js';

export interface WebToolInputs {
  client: ModelClient;
  config: ModelConfig;
  env: Record<string, string | undefined>;
  webSearch: WebSearchSettings | undefined;
  version: string;
}

export function webToolOptions(inputs: WebToolInputs): CoreToolOptions {
  const smallModel = resolveSmallFastModel(inputs.config.provider, inputs.env);
  return {
    version: inputs.version,
    sideQuery: smallModel === null ? null : createSideQuery(inputs.client, smallModel),
    webSearch: webSearchBackend(inputs),
  };
}

function webSearchBackend({ client, config, env, webSearch, version }: WebToolInputs): WebSearchBackend | null {
  const userAgent = wrightUserAgent(version);
  if (webSearch?.provider === 'searxng' && webSearch.url !== undefined) {
    return createSearxngBackend({ url: webSearch.url, userAgent });
  }
  if (webSearch?.provider === 'brave') {
    return createBraveBackend({
      ...(webSearch.url !== undefined ? { url: webSearch.url } : {}),
      apiKeyEnv: webSearch.apiKeyEnv ?? DEFAULT_BRAVE_KEY_VARIABLE,
      env,
      userAgent,
    });
  }
  if (config.provider !== 'anthropic') return null;
  return {
    label: 'Anthropic web search',
    search: async (request) => {
      const outcome = await runServerWebSearch(client, config.model, request);
      return outcome.ok ? { ...outcome, modelUsage: [{ model: config.model, usage: outcome.usage }] } : outcome;
    },
  };
}
