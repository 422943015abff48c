import { z } from 'zod';
import { analyzeBashCommand } from '../permissions/bashAnalysis.js';
import { isReadOnlyBashCommand } from '../permissions/bashReadOnly.js';
import { commandName } from '../permissions/bashWrappers.js';
import { bashTimeoutMs, DEFAULT_BASH_MAX_OUTPUT_CHARS, DEFAULT_BASH_TIMEOUT_MS, MAX_BASH_TIMEOUT_MS, maxOutputChars } from './bashLimits.js';
import { type BashData, formatForegroundResult } from './bashResult.js';
import { OutputSpill } from './outputSpill.js';
import { isExistingDirectory, newCwdCaptureFile, settleShellCwd } from './shellCwd.js';
import { envFileNote } from './shellEnvFile.js';
import { prepareShellSetup } from './shellEnvironment.js';
import { runShellScript } from './shellProcess.js';
import { buildCommandScript } from './shellScript.js';
import { shellSessionOf } from './shellSession.js';
import type { BashSandbox } from '../sandbox/bashSandbox.js';
import type { Tool, ToolContext, ToolResult } from './types.js';

export type { BashData } from './bashResult.js';
export { DEFAULT_BASH_MAX_OUTPUT_CHARS, DEFAULT_BASH_TIMEOUT_MS, MAX_BASH_TIMEOUT_MS } from './bashLimits.js';

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
  run_in_background: z
    .boolean()
    .optional()
    .describe('Run the command in the background and return at once with a shell id; read its output with BashOutput'),
  dangerouslyDisableSandbox: z
    .boolean()
    .optional()
    .describe('Run outside the OS sandbox (the user is asked to approve). Only after the sandbox blocked a command you need'),
});

type BashInput = z.infer<typeof inputSchema>;

const description = `Runs a shell command with bash and returns its output.

- Each call runs in a new shell process. The working directory carries over between calls as long as it stays inside the project's working directories (otherwise it is reset to the launch directory); environment variables set by a command do not carry over. Aliases and functions from the user's shell startup files are available.
- Prefer absolute paths over cd. Quote paths that contain spaces with double quotes.
- Commands time out after ${DEFAULT_BASH_TIMEOUT_MS} ms unless you pass timeout (up to ${MAX_BASH_TIMEOUT_MS} ms); on timeout the command and everything it started is killed.
- For dev servers, watchers and long builds or test runs, set run_in_background: the call returns at once with a shell id. Poll it with BashOutput (returns only new output; filter takes a regex) instead of sleeping, and stop it with KillShell. Background shells end with the session.
- Output combines stdout and stderr (marked). Beyond ${DEFAULT_BASH_MAX_OUTPUT_CHARS} characters the result keeps the start and end, and the full output is saved to a file whose path is given: Read or Grep that file rather than rerunning the command.
- Commands get no input: avoid anything interactive (editors, pagers, prompts, \`git rebase -i\`); pass flags such as --yes or --no-pager instead.
- Use the dedicated tools instead of shell equivalents: Glob instead of find/ls for finding files, Grep instead of grep/rg, Read instead of cat/head/tail, Edit/Write instead of sed/awk/echo redirection.
- Chain dependent commands with && (or ; when a failure should not stop the rest). Independent commands can be separate Bash calls in one response; read-only ones (ls, git status, grep…) run in parallel.
- Before creating files or directories, check that the parent directory exists.
- Never commit, push, or change git configuration unless the user asked for it. When committing, pass the message with a here-document so its formatting survives.`;

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

/** Moves the session back to the launch directory when its directory was deleted; the note says so. */
async function checkShellCwd(ctx: ToolContext): Promise<string | undefined> {
  if (await isExistingDirectory(ctx.session.shellCwd)) return undefined;
  const launchDirectory = ctx.workingDirectories[0] ?? ctx.cwd;
  ctx.session.shellCwd = launchDirectory;
  return `Shell cwd was reset to ${launchDirectory} (the previous directory no longer exists).`;
}

function notRunData(interrupted: boolean): BashData {
  return { stdout: '', stderr: '', exitCode: null, interrupted, timedOut: false };
}

async function runInForeground(input: BashInput, ctx: ToolContext, sandbox: BashSandbox | undefined): Promise<ToolResult> {
  const timeoutMs = bashTimeoutMs(input.timeout, ctx.env);
  const maxChars = maxOutputChars(ctx.env);
  const cwdNote = await checkShellCwd(ctx);
  const setup = await prepareShellSetup(ctx);
  const shells = shellSessionOf(ctx.session);
  const captureFile = newCwdCaptureFile();
  const envErrorFile = setup.envFile ? shells.tempDir.newFile('env-file-errors') : undefined;
  const spill = new OutputSpill(maxChars, () => shells.tempDir.newFile('bash-output', '.txt'));
  const script = buildCommandScript({
    command: input.command,
    cwdCaptureFile: captureFile,
    ...(setup.snapshotFile ? { snapshotFile: setup.snapshotFile } : {}),
    ...(setup.envFile ? { envFile: { path: setup.envFile.path, ...(envErrorFile ? { errorFile: envErrorFile } : {}) } } : {}),
  });
  // The wrapper writes these from inside the sandbox.
  const filesWritten = envErrorFile ? [captureFile, envErrorFile] : [captureFile];
  const blockedMark = sandbox?.blockedMark() ?? 0;
  let run;
  try {
    run = await runShellScript({
      script,
      cwd: ctx.session.shellCwd,
      env: setup.env,
      ...(sandbox ? { wrap: (launch) => sandbox.wrap(launch, filesWritten) } : {}),
      timeoutMs,
      signal: ctx.signal,
      maxOutputChars: maxChars,
      onOutput: (raw, chars) => spill.write(raw, chars),
    });
  } finally {
    spill.close();
  }
  const notes = cwdNote ? [cwdNote, ...setup.notes] : [...setup.notes];
  if (setup.envFile && envErrorFile) {
    const note = await envFileNote(setup.envFile, envErrorFile);
    if (note) notes.push(note);
  }
  const settled = await settleShellCwd(captureFile, ctx.session.shellCwd, ctx.workingDirectories);
  ctx.session.shellCwd = settled.cwd;
  if (settled.resetTo) notes.push(`Shell cwd was reset to ${settled.resetTo}`);
  const failedOnItsOwn = run.exitCode !== 0 && !run.timedOut && !run.interrupted && run.spawnError === undefined;
  if (sandbox && failedOnItsOwn) {
    const note = sandbox.denialNote(`${run.stdout.view()}\n${run.stderr.view()}`, blockedMark);
    if (note) notes.push(note);
  }
  return formatForegroundResult({ run, maxOutputChars: maxChars, timeoutMs, spill, notes });
}

async function runInBackground(input: BashInput, ctx: ToolContext, sandbox: BashSandbox | undefined): Promise<ToolResult> {
  const cwdNote = await checkShellCwd(ctx);
  const setup = await prepareShellSetup(ctx);
  const shells = shellSessionOf(ctx.session);
  shells.guardProcessExit();
  const started = shells.background.start({
    command: input.command,
    script: buildCommandScript({
      command: input.command,
      ...(setup.snapshotFile ? { snapshotFile: setup.snapshotFile } : {}),
      ...(setup.envFile ? { envFile: { path: setup.envFile.path } } : {}),
    }),
    cwd: ctx.session.shellCwd,
    env: setup.env,
    ...(sandbox ? { wrap: (launch) => sandbox.wrap(launch) } : {}),
  });
  const notes = cwdNote ? [cwdNote, ...setup.notes] : setup.notes;
  if ('error' in started) return { content: [started.error, ...notes].join('\n'), isError: true, data: notRunData(false) };
  const content = [
    `Command running in background with ID: ${started.id}. Its output (stdout and stderr) goes to ${started.outputFile}.`,
    `Use BashOutput with bash_id "${started.id}" to read new output, and KillShell to stop it.`,
    ...notes,
  ].join('\n');
  const data: BashData = { ...notRunData(false), backgroundTaskId: started.id, outputFile: started.outputFile };
  return { content, data };
}

async function runBash(input: BashInput, ctx: ToolContext): Promise<ToolResult> {
  if (ctx.signal.aborted) {
    return { content: 'Command was not run: interrupted by the user.', isError: true, data: notRunData(true) };
  }
  const plan = ctx.sandbox?.plan(input.command, input.dangerouslyDisableSandbox === true);
  if (plan?.mode === 'refused') return { content: plan.message, isError: true, data: notRunData(false) };
  const sandbox = plan?.mode === 'sandboxed' ? ctx.sandbox : undefined;
  if (sandbox) {
    try {
      await sandbox.prepare();
    } catch (error) {
      const message = `Command was not run: the sandbox could not start its network proxy: ${(error as Error).message}`;
      return { content: message, isError: true, data: notRunData(false) };
    }
  }
  return input.run_in_background ? runInBackground(input, ctx, sandbox) : runInForeground(input, ctx, sandbox);
}

export const bashTool: Tool<typeof inputSchema> = {
  name: 'Bash',
  description,
  inputSchema,
  isReadOnly: isReadOnlyBash,
  run: runBash,
};
