// The session's hooks from its settings: every layer's `hooks` validated (a broken one is a
// configuration error pointing at the file, line and key), run in the project directory with the
// tools' environment, prompt hooks answered by the small fast model.
import { readFileSync } from 'node:fs';
import { locateJsonPath } from '../config/jsonLocator.js';
import { positionAt } from '../config/jsonText.js';
import type { MergedSettings } from '../config/settings.js';
import { SettingsError, formatKeyPath } from '../config/settingsError.js';
import { INLINE_SETTINGS_LABEL } from '../config/settingsSources.js';
import { SessionHooks } from '../extensions/hooks/agentHooks.js';
import { parseHookLayers, type HookConfig, type HookConfigProblem, type HookEntry } from '../extensions/hooks/hookConfig.js';
import { HookRunner, type HookSession } from '../extensions/hooks/hookRunner.js';
import type { HookModelQuery } from '../extensions/hooks/promptHook.js';
import { createSideQuery } from '../model/sideQuery.js';
import type { ModelClient } from '../model/types.js';
import { ConfigurationError } from './errors.js';

/**
 * Validates the hooks of every settings file; throws a ConfigurationError naming the file for a bad
 * one. Enabled plugins' hooks (already checked) run after them, unless settings turn hooks off or
 * allow managed hooks only.
 */
export function loadHookConfig(settings: MergedSettings, inlineSettings: string | undefined, pluginEntries: readonly HookEntry[] = []): HookConfig {
  const parsed = parseHookLayers(settings.hookLayers, { disableAll: settings.disableAllHooks, managedOnly: settings.managedHooksOnly });
  if (!parsed.ok) throw new ConfigurationError(`Invalid settings: ${hookProblemError(parsed.problem, inlineSettings).format()}`);
  if (pluginEntries.length === 0 || settings.disableAllHooks || settings.managedHooksOnly) return parsed.config;
  return { ...parsed.config, entries: [...parsed.config.entries, ...pluginEntries] };
}

function hookProblemError(problem: HookConfigProblem, inlineSettings: string | undefined): SettingsError {
  let text: string | undefined;
  try {
    text = problem.source === INLINE_SETTINGS_LABEL ? inlineSettings : readFileSync(problem.source, 'utf8');
  } catch {
    text = undefined;
  }
  const position = text === undefined ? { line: 1, column: 1 } : positionAt(text, locateJsonPath(text, problem.path));
  return new SettingsError({ file: problem.source, ...position, key: formatKeyPath(problem.path), message: problem.message });
}

export function createSessionHooks(config: HookConfig, session: HookSession, model: { client: ModelClient; smallModel: string | null; model: string }): SessionHooks {
  const askModel: HookModelQuery = async (request) => {
    const ask = createSideQuery(model.client, request.model ?? model.smallModel ?? model.model);
    const answer = await ask({ system: request.system, prompt: request.prompt, maxTokens: 1024, signal: request.signal });
    return answer.ok ? { ok: true, text: answer.text } : { ok: false, message: answer.message };
  };
  return new SessionHooks(new HookRunner(config, session, { askModel }));
}
