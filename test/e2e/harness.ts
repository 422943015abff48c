// Drives the built `wright` binary as a user would: in a temporary git repository, with its own
// config directory and HOME, against the scripted model server.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelServer } from '../support/modelServer.js';

export const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'wright.js');

if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before the end-to-end tests`);

const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'wright test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'wright test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
};

export interface Workspace {
  repo: string;
  configDir: string;
  home: string;
}

/** A fresh git repository with the given files committed, plus an empty config dir and HOME. */
export function makeWorkspace(files: Record<string, string> = {}): Workspace {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'wright-e2e-')));
  const repo = join(root, 'repo');
  const configDir = join(root, 'config');
  const home = join(root, 'home');
  for (const dir of [repo, configDir, home]) mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, name)), { recursive: true });
    writeFileSync(join(repo, name), content);
  }
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env: { ...process.env, ...GIT_IDENTITY }, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '--allow-empty', '-m', 'initial');
  return { repo, configDir, home };
}

export type Provider = 'anthropic' | 'openai';

export interface RunOptions {
  workspace: Workspace;
  server?: ModelServer;
  provider?: Provider;
  env?: Record<string, string | undefined>;
  stdin?: string;
  cwd?: string;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The environment a user would have: only what we set, so the host's keys never leak in. */
export function cliEnv(options: RunOptions): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: options.workspace.home,
    WRIGHT_CONFIG_DIR: options.workspace.configDir,
    WRIGHT_MANAGED_SETTINGS_PATH: join(options.workspace.configDir, 'managed-settings.json'),
    ...GIT_IDENTITY,
  };
  if (options.server && (options.provider ?? 'anthropic') === 'anthropic') {
    env.ANTHROPIC_API_KEY = 'test-key';
    env.ANTHROPIC_BASE_URL = options.server.anthropicBaseUrl;
  }
  if (options.server && options.provider === 'openai') {
    env.WRIGHT_PROVIDER = 'openai';
    env.OPENAI_API_KEY = 'test-key';
    env.OPENAI_BASE_URL = options.server.openaiBaseUrl;
    env.OPENAI_MODEL = 'gpt-4.1';
  }
  return { ...env, ...options.env };
}

export function spawnWright(args: string[], options: RunOptions): ChildProcess {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? options.workspace.repo,
    env: cliEnv(options) as NodeJS.ProcessEnv,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (options.stdin !== undefined) child.stdin!.end(options.stdin);
  else child.stdin!.end();
  return child;
}

export function finished(child: ChildProcess): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

export function runWright(args: string[], options: RunOptions): Promise<RunResult> {
  return finished(spawnWright(args, options));
}

/** Parses `--output-format json` output. */
export function jsonResult(run: RunResult): any {
  try {
    return JSON.parse(run.stdout);
  } catch {
    throw new Error(`stdout is not one JSON object (exit ${run.code}):\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}

/** Parses `--output-format stream-json` output. */
export function streamEvents(run: RunResult): any[] {
  return run.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

export function transcriptFiles(workspace: Workspace): string[] {
  const projects = join(workspace.configDir, 'projects');
  if (!existsSync(projects)) return [];
  return readdirSync(projects).flatMap((dir) =>
    readdirSync(join(projects, dir)).map((name) => join(projects, dir, name)),
  );
}

export function readTranscriptLines(path: string): any[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

/** The text of every tool_result block in a recorded request body (either protocol). */
export function toolResultsIn(body: any): string[] {
  if (Array.isArray(body.messages) && body.messages.some((m: any) => m.role === 'tool')) {
    return body.messages.filter((m: any) => m.role === 'tool').map((m: any) => String(m.content));
  }
  return body.messages.flatMap((m: any) =>
    Array.isArray(m.content)
      ? m.content
          .filter((b: any) => b.type === 'tool_result')
          .map((b: any) => (typeof b.content === 'string' ? b.content : JSON.stringify(b.content)))
      : [],
  );
}

export async function waitFor(check: () => boolean, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
