// The settings a `wright <subcommand>` works with: the files a session started in this directory
// reads, and the environment their `env` gives (which may move the config directory).
import { realpathSync } from 'node:fs';
import { readEnvironment, type WrightEnvironment } from '../config/env.js';
import { findProjectRoot } from '../config/paths.js';
import { loadSettings, type MergedSettings } from '../config/settings.js';
import { ConfigurationError } from './errors.js';

export interface SubcommandSettings {
  cwd: string;
  projectRoot: string;
  /** The environment wright was started with (where managed settings are found). */
  boot: WrightEnvironment;
  settings: MergedSettings;
  /** The process environment with the settings' `env` applied. */
  env: Record<string, string | undefined>;
  environment: WrightEnvironment;
}

/** Throws a ConfigurationError naming the file and line when a settings file is invalid. */
export function loadSubcommandSettings(directory: string = process.cwd(), processEnv: NodeJS.ProcessEnv = process.env): SubcommandSettings {
  const cwd = realpathSync(directory);
  const boot = readEnvironment(processEnv);
  const projectRoot = findProjectRoot(cwd);
  const loaded = loadSettings({ cwd, projectRoot, configDir: boot.configDir, home: boot.home, managedPath: boot.managedSettingsPath });
  if (!loaded.ok) throw new ConfigurationError(`Invalid settings: ${loaded.error.format()}`);
  const env = { ...processEnv, ...loaded.settings.env };
  return { cwd, projectRoot, boot, settings: loaded.settings, env, environment: readEnvironment(env) };
}
