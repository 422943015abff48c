import { configuredEnvFile, type EnvFile, envFileProblem } from './shellEnvFile.js';
import { shellSessionOf } from './shellSession.js';
import type { ToolContext } from './types.js';

/** What every command of the session sources before it runs, and notes for the result. */
export interface ShellSetup {
  env: Record<string, string>;
  snapshotFile?: string;
  envFile?: EnvFile;
  notes: string[];
}

/** The child environment (ctx.env without unset entries), the shell snapshot and the env file. */
export async function prepareShellSetup(ctx: ToolContext): Promise<ShellSetup> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(ctx.env)) if (value !== undefined) env[key] = value;
  const notes: string[] = [];
  const snapshot = await shellSessionOf(ctx.session).snapshotFor(env, ctx.session.shellCwd);
  if (snapshot.note) notes.push(snapshot.note);
  const setup: ShellSetup = { env, notes };
  if (snapshot.file) setup.snapshotFile = snapshot.file;
  const envFile = configuredEnvFile(env, ctx.workingDirectories[0] ?? ctx.cwd);
  if (envFile) {
    const problem = await envFileProblem(envFile);
    if (problem) notes.push(problem);
    else setup.envFile = envFile;
  }
  return setup;
}
