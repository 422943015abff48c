// `wright doctor` (and `/doctor`): checks that what a session needs is in place — Node, settings,
// credentials, ripgrep, the Bash parser, the sandbox, git, the config directory and the terminal —
// and says what to do about each problem.
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { readEnvironment } from '../config/env.js';
import { findProjectRoot } from '../config/paths.js';
import { loadSettings, type MergedSettings } from '../config/settings.js';
import { testModelConnection } from '../model/connectionTest.js';
import { resolveModelConfig } from '../model/modelConfig.js';
import { initBashParser } from '../permissions/bashAnalysis.js';
import { probeSandbox } from '../sandbox/availability.js';
import { runRipgrep } from '../tools/ripgrep.js';
import { pluginsCheck, trustCheck } from './extensionChecks.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface DoctorCheck {
  name: string;
  status: CheckStatus;
  detail: string;
}

export interface DoctorInputs {
  /** Also send one tiny request to the model provider (`wright doctor --connect`). */
  connect?: boolean;
  cwd: string;
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  nodeVersion: string;
  terminal: { isTTY: boolean; columns?: number; rows?: number };
}

const MINIMUM_NODE = [20, 19] as const;

export async function runDoctorChecks(inputs: DoctorInputs): Promise<DoctorCheck[]> {
  const environment = readEnvironment(inputs.env);
  const projectRoot = findProjectRoot(inputs.cwd);
  const loaded = loadSettings({
    cwd: inputs.cwd,
    projectRoot,
    configDir: environment.configDir,
    home: environment.home,
    managedPath: environment.managedSettingsPath,
  });
  const settings = loaded.ok ? loaded.settings : undefined;
  const env = { ...inputs.env, ...(settings?.env ?? {}) };

  const checks: DoctorCheck[] = [nodeCheck(inputs.nodeVersion)];
  checks.push(
    loaded.ok
      ? { name: 'settings', status: 'ok', detail: 'all settings files are valid' }
      : { name: 'settings', status: 'fail', detail: loaded.error.format() },
  );
  checks.push(credentialCheck(env, settings));
  if (inputs.connect) checks.push(await connectionCheck(env, settings));
  const [ripgrep, parser, sandbox, git] = await Promise.all([
    ripgrepCheck(),
    parserCheck(),
    sandboxCheck(inputs.platform, env, settings?.sandbox),
    gitCheck(),
  ]);
  checks.push(ripgrep, parser, sandbox, git, configDirCheck(environment.configDir), terminalCheck(inputs));
  checks.push(trustCheck(projectRoot, environment.configDir, environment.home));
  if (settings) checks.push(pluginsCheck(settings, { configDir: environment.configDir, home: environment.home, cwd: inputs.cwd }));
  return checks;
}

function nodeCheck(version: string): DoctorCheck {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const supported = major > MINIMUM_NODE[0] || (major === MINIMUM_NODE[0] && minor >= MINIMUM_NODE[1]);
  return supported
    ? { name: 'node', status: 'ok', detail: `Node ${version}` }
    : { name: 'node', status: 'fail', detail: `Node ${version} is too old: wright needs ${MINIMUM_NODE.join('.')} or newer` };
}

/** The provider configuration a session here would use (no flags). */
function providerConfig(env: Record<string, string | undefined>, settings: Pick<MergedSettings, 'model' | 'provider'> | undefined) {
  return resolveModelConfig({
    env,
    settings: {
      ...(settings?.model !== undefined ? { model: settings.model } : {}),
      ...(settings?.provider !== undefined ? { provider: settings.provider } : {}),
    },
    flags: {},
  });
}

function credentialCheck(env: Record<string, string | undefined>, settings: Pick<MergedSettings, 'model' | 'provider'> | undefined): DoctorCheck {
  const resolved = providerConfig(env, settings);
  if (!resolved.ok) return { name: 'model provider', status: 'fail', detail: resolved.message };
  const { provider, model, credential, baseUrl } = resolved.config;
  const where = baseUrl ? ` at ${baseUrl}` : '';
  const key = credential ? `key from ${credential.source}` : 'no key (a local server)';
  return { name: 'model provider', status: 'ok', detail: `${provider}, model ${model}${where}, ${key}` };
}

async function connectionCheck(env: Record<string, string | undefined>, settings: Pick<MergedSettings, 'model' | 'provider'> | undefined): Promise<DoctorCheck> {
  const resolved = providerConfig(env, settings);
  if (!resolved.ok) return { name: 'connection', status: 'fail', detail: 'not tested: no provider configured' };
  const result = await testModelConnection(resolved.config);
  return result.ok ? { name: 'connection', status: 'ok', detail: result.detail } : { name: 'connection', status: 'fail', detail: result.message };
}

async function ripgrepCheck(): Promise<DoctorCheck> {
  const run = await runRipgrep(['--version'], { signal: new AbortController().signal, maxOutputBytes: 4096 });
  if (run.spawnError !== undefined || run.exitCode !== 0) {
    return { name: 'ripgrep', status: 'fail', detail: `the bundled ripgrep does not run (${run.spawnError ?? run.stderr.trim()}); reinstall wright` };
  }
  return { name: 'ripgrep', status: 'ok', detail: run.stdout.split('\n')[0] ?? 'ripgrep' };
}

async function parserCheck(): Promise<DoctorCheck> {
  try {
    await initBashParser();
    return { name: 'bash parser', status: 'ok', detail: 'tree-sitter-bash loaded' };
  } catch (error) {
    return { name: 'bash parser', status: 'fail', detail: (error as Error).message };
  }
}

async function sandboxCheck(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
  sandbox: { enabled: boolean; bwrapPath?: string } | undefined,
): Promise<DoctorCheck> {
  const availability = await probeSandbox({ platform, env, ...(sandbox?.bwrapPath !== undefined ? { bwrapPath: sandbox.bwrapPath } : {}) });
  if (sandbox?.enabled) {
    return availability.available
      ? { name: 'sandbox', status: 'ok', detail: `enabled, ${availability.backend.kind} works` }
      : { name: 'sandbox', status: 'fail', detail: `enabled in settings but unavailable: ${availability.reason}` };
  }
  return availability.available
    ? { name: 'sandbox', status: 'ok', detail: `off (available: set sandbox.enabled to use ${availability.backend.kind})` }
    : { name: 'sandbox', status: 'warn', detail: `off, and not available here: ${availability.reason}` };
}

async function gitCheck(): Promise<DoctorCheck> {
  try {
    const { stdout } = await promisify(execFile)('git', ['--version'], { timeout: 5000 });
    return { name: 'git', status: 'ok', detail: stdout.trim() };
  } catch {
    return { name: 'git', status: 'warn', detail: 'git was not found: repository context and git commands are unavailable' };
  }
}

function configDirCheck(configDir: string): DoctorCheck {
  if (!existsSync(configDir)) return { name: 'config directory', status: 'ok', detail: `${configDir} (created on first session)` };
  try {
    accessSync(configDir, constants.W_OK);
    return { name: 'config directory', status: 'ok', detail: `${configDir} is writable` };
  } catch {
    return { name: 'config directory', status: 'fail', detail: `${configDir} is not writable: sessions cannot be saved (set WRIGHT_CONFIG_DIR)` };
  }
}

function terminalCheck(inputs: DoctorInputs): DoctorCheck {
  const { isTTY, columns, rows } = inputs.terminal;
  const color = inputs.env.NO_COLOR !== undefined && inputs.env.NO_COLOR !== '' ? 'colour off (NO_COLOR)' : 'colour on';
  if (!isTTY) return { name: 'terminal', status: 'ok', detail: `not a terminal (print mode only), ${color}` };
  const size = `${columns ?? '?'}×${rows ?? '?'}`;
  if ((columns ?? 80) < 60 || (rows ?? 24) < 15) return { name: 'terminal', status: 'warn', detail: `${size} is small: the interactive UI wants at least 80×24` };
  return { name: 'terminal', status: 'ok', detail: `${size}, TERM=${inputs.env.TERM ?? 'unset'}, ${color}` };
}

const MARK: Record<CheckStatus, string> = { ok: '✓', warn: '!', fail: '✗' };

export function formatDoctorReport(checks: readonly DoctorCheck[]): string {
  const width = Math.max(...checks.map((check) => check.name.length));
  const lines = checks.map((check) => `${MARK[check.status]} ${check.name.padEnd(width)}  ${check.detail}`);
  const failures = checks.filter((check) => check.status === 'fail').length;
  lines.push('', failures === 0 ? 'Everything wright needs is in place.' : `${failures} problem${failures === 1 ? '' : 's'} to fix.`);
  return `${lines.join('\n')}\n`;
}
