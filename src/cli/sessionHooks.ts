// The session's hooks from its settings: every layer's `hooks` validated (a broken one is a
// configuration error pointing at the file, line and key), run in the project directory with the
// tools' environment, prompt hooks answered by the small fast model.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
import { configuredEnvFile } from '../tools/shellEnvFile.js';
import { shellQuote } from '../tools/shellQuote.js';
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

export interface SessionEnvFile {
  /** What SessionStart hooks get as CLAUDE_ENV_FILE. */
  path: string;
  /** The tools' environment, with WRIGHT_ENV_FILE naming that file. */
  toolEnv: Record<string, string | undefined>;
}

/**
 * SessionStart hooks persist environment for the session's Bash commands by appending `export X=…`
 * lines to the file named by CLAUDE_ENV_FILE (Claude Code's protocol). The file is
 * `<configDir>/session-env/<session id>.sh`, and Bash sources it through the env file it already
 * supports: the tools' environment names it as WRIGHT_ENV_FILE. An env file the user configured
 * (WRIGHT_ENV_FILE or CLAUDE_ENV_FILE) is sourced from its first line, so it keeps working. Only
 * made when there are SessionStart hooks; a resumed session keeps its file.
 */
export function prepareSessionEnvFile(options: {
  config: HookConfig;
  configDir: string;
  sessionId: string;
  toolEnv: Record<string, string | undefined>;
  /** What a relative user env file is relative to (the first working directory). */
  baseDirectory: string;
}): SessionEnvFile | undefined {
  if (!options.config.entries.some((entry) => entry.event === 'SessionStart')) return undefined;
  const path = join(options.configDir, 'session-env', `${options.sessionId.replace(/[^A-Za-z0-9_-]/g, '_')}.sh`);
  if (!existsSync(path)) {
    mkdirSync(join(options.configDir, 'session-env'), { recursive: true, mode: 0o700 });
    const own = configuredEnvFile(options.toolEnv, options.baseDirectory);
    const lines = ['# SessionStart hooks append `export NAME=value` lines here (CLAUDE_ENV_FILE); Bash commands source it.'];
    if (own !== undefined) lines.push(`. ${shellQuote(own.path)}`);
    writeFileSync(path, `${lines.join('\n')}\n`, { mode: 0o600 });
  }
  return { path, toolEnv: { ...options.toolEnv, WRIGHT_ENV_FILE: path } };
}

export function createSessionHooks(
  config: HookConfig,
  session: HookSession,
  model: { client: ModelClient; smallModel: string | null; model: string },
  sessionEnvFile?: string,
): SessionHooks {
  const askModel: HookModelQuery = async (request) => {
    const ask = createSideQuery(model.client, request.model ?? model.smallModel ?? model.model);
    const answer = await ask({ system: request.system, prompt: request.prompt, maxTokens: 1024, signal: request.signal });
    return answer.ok ? { ok: true, text: answer.text } : { ok: false, message: answer.message };
  };
  return new SessionHooks(new HookRunner(config, session, { askModel }), sessionEnvFile !== undefined ? { sessionEnvFile } : {});
}
