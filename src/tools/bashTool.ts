import { z } from 'zod';
import { analyzeBashCommand } from '../permissions/bashAnalysis.js';
import { isReadOnlyBashCommand } from '../permissions/bashReadOnly.js';
import { commandName } from '../permissions/bashWrappers.js';
import { splitBudget } from './outputTruncation.js';
import { isExistingDirectory, newCwdCaptureFile, settleShellCwd, wrapWithCwdCapture } from './shellCwd.js';
import { runShellScript, type ShellRunResult } from './shellProcess.js';
import type { Tool, ToolContext, ToolResult } from './types.js';

export const DEFAULT_BASH_TIMEOUT_MS = 120_000;
export const MAX_BASH_TIMEOUT_MS = 600_000;
export const DEFAULT_BASH_MAX_OUTPUT_CHARS = 30_000;

const inputSchema = z.object({
  command: z.string().describe('The command to run'),
  timeout: z
    .number()
    .int()
    .positive()
    .max(MAX_BASH_TIMEOUT_MS)
    .optional()
    .describe(`Optional timeout in milliseconds (max ${MAX_BASH_TIMEOUT_MS})`),
  description: z
    .string()
    .optional()
    .describe('A short description of what the command does, in 5-10 words, e.g. "Install project dependencies"'),
});

type BashInput = z.infer<typeof inputSchema>;

export interface BashData {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  interrupted: boolean;
  timedOut: boolean;
}

const description = `Runs a shell command with bash and returns its output.

- Each call runs in a new shell process. The working directory carries over between calls as long as it stays inside the project's working directories (otherwise it is reset to the launch directory); environment variables, aliases and shell functions do not carry over.
- Prefer absolute paths over cd. Quote paths that contain spaces with double quotes.
- Commands time out after ${DEFAULT_BASH_TIMEOUT_MS} ms unless you pass timeout (up to ${MAX_BASH_TIMEOUT_MS} ms); on timeout the command and everything it started is killed. Do not start long-running servers or watchers that never exit.
- Output combines stdout and stderr (marked). Beyond ${DEFAULT_BASH_MAX_OUTPUT_CHARS} characters the middle is cut out and its start and end are kept.
- Commands get no input: avoid anything interactive (editors, pagers, prompts, \`git rebase -i\`); pass flags such as --yes or --no-pager instead.
- Use the dedicated tools instead of shell equivalents: Glob instead of find/ls for finding files, Grep instead of grep/rg, Read instead of cat/head/tail, Edit/Write instead of sed/awk/echo redirection.
- Chain dependent commands with && (or ; when a failure should not stop the rest). Independent commands can be separate Bash calls in one response; read-only ones (ls, git status, grep…) run in parallel.
- Before creating files or directories, check that the parent directory exists.
- Never commit, push, or change git configuration unless the user asked for it. When committing, pass the message with a here-document so its formatting survives.`;

function positiveIntegerFrom(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  const number = Number(value);
  return number > 0 ? number : undefined;
}

function childEnvironment(env: ToolContext['env']): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) result[key] = value;
  return result;
}

function formatResult(run: ShellRunResult, maxOutputChars: number, timeoutMs: number, notes: string[]): ToolResult {
  const [stdoutBudget, stderrBudget] = splitBudget(maxOutputChars, run.stdout.totalLength, run.stderr.totalLength);
  const stdout = run.stdout.view(stdoutBudget).replace(/\n+$/, '');
  const stderr = run.stderr.view(stderrBudget).replace(/\n+$/, '');
  const parts: string[] = [];
  if (stdout !== '') parts.push(stdout);
  if (stderr !== '') parts.push(`<stderr>\n${stderr}\n</stderr>`);
  if (run.spawnError) parts.push(run.spawnError);
  if (run.timedOut) parts.push(`Command timed out after ${timeoutMs} ms and was killed.`);
  else if (run.interrupted) parts.push('Command was interrupted by the user and was killed.');
  else if (run.exitCode !== 0 && run.exitCode !== null) parts.push(`Exit code ${run.exitCode}`);
  if (parts.length === 0) parts.push('(Command completed with no output)');
  parts.push(...notes);

  const failed = run.timedOut || run.interrupted || run.spawnError !== undefined || run.exitCode !== 0;
  const data: BashData = { stdout, stderr, exitCode: run.exitCode, interrupted: run.interrupted, timedOut: run.timedOut };
  return failed ? { content: parts.join('\n'), isError: true, data } : { content: parts.join('\n'), data };
}

const DIRECTORY_CHANGERS = new Set(['cd', 'pushd', 'popd']);

/**
 * Read-only calls run concurrently, and this tool persists the shell's cwd between calls, so a `cd`
 * (even a harmless one) would race with its neighbours: it counts as changing session state.
 */
function isReadOnlyBash(input: BashInput): boolean {
  if (!isReadOnlyBashCommand(input.command)) return false;
  const { allCommands } = analyzeBashCommand(input.command);
  return !allCommands.some((simple) => DIRECTORY_CHANGERS.has(commandName(simple.effective)));
}

async function runBash(input: BashInput, ctx: ToolContext): Promise<ToolResult> {
  const defaultTimeout = positiveIntegerFrom(ctx.env.BASH_DEFAULT_TIMEOUT_MS) ?? DEFAULT_BASH_TIMEOUT_MS;
  const maxTimeout = positiveIntegerFrom(ctx.env.BASH_MAX_TIMEOUT_MS) ?? MAX_BASH_TIMEOUT_MS;
  const timeoutMs = Math.min(input.timeout ?? defaultTimeout, maxTimeout);
  const maxOutputChars = positiveIntegerFrom(ctx.env.BASH_MAX_OUTPUT_LENGTH) ?? DEFAULT_BASH_MAX_OUTPUT_CHARS;
  if (ctx.signal.aborted) {
    return { content: 'Command was not run: interrupted by the user.', isError: true, data: { stdout: '', stderr: '', exitCode: null, interrupted: true, timedOut: false } };
  }

  const notes: string[] = [];
  const launchDirectory = ctx.workingDirectories[0] ?? ctx.cwd;
  if (!(await isExistingDirectory(ctx.session.shellCwd))) {
    ctx.session.shellCwd = launchDirectory;
    notes.push(`Shell cwd was reset to ${launchDirectory} (the previous directory no longer exists).`);
  }

  const captureFile = newCwdCaptureFile();
  const run = await runShellScript({
    script: wrapWithCwdCapture(input.command, captureFile),
    cwd: ctx.session.shellCwd,
    env: childEnvironment(ctx.env),
    timeoutMs,
    signal: ctx.signal,
    maxOutputChars,
  });
  const settled = await settleShellCwd(captureFile, ctx.session.shellCwd, ctx.workingDirectories);
  ctx.session.shellCwd = settled.cwd;
  if (settled.resetTo) notes.push(`Shell cwd was reset to ${settled.resetTo}`);
  return formatResult(run, maxOutputChars, timeoutMs, notes);
}

export const bashTool: Tool<typeof inputSchema> = {
  name: 'Bash',
  description,
  inputSchema,
  isReadOnly: isReadOnlyBash,
  run: runBash,
};
