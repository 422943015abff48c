import type { OutputSpill } from './outputSpill.js';
import { splitBudget } from './outputTruncation.js';
import type { ShellRunResult } from './shellProcess.js';
import type { ToolResult } from './types.js';

export interface BashData {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  interrupted: boolean;
  timedOut: boolean;
  /** The file with the whole output, when it was longer than the result shows (or a background log). */
  outputFile?: string;
  /** The id of a command started with run_in_background. */
  backgroundTaskId?: string;
}

export interface ForegroundOutcome {
  run: ShellRunResult;
  maxOutputChars: number;
  timeoutMs: number;
  spill: OutputSpill;
  notes: string[];
}

function spillNote(spill: OutputSpill, totalChars: number, maxOutputChars: number): string | undefined {
  if (totalChars <= maxOutputChars) return undefined;
  if (spill.error !== undefined) return `The full output (${totalChars} characters) could not be saved: ${spill.error}`;
  if (spill.path === undefined) return undefined;
  return `Output was ${totalChars} characters, more than the ${maxOutputChars} shown; the full output (stdout and stderr) is in ${spill.path}. Read it with offset/limit or Grep it instead of rerunning the command.`;
}

export function formatForegroundResult({ run, maxOutputChars, timeoutMs, spill, notes }: ForegroundOutcome): ToolResult {
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
  const spilled = spillNote(spill, run.stdout.totalLength + run.stderr.totalLength, maxOutputChars);
  if (spilled) parts.push(spilled);
  parts.push(...notes);

  const failed = run.timedOut || run.interrupted || run.spawnError !== undefined || run.exitCode !== 0;
  const data: BashData = { stdout, stderr, exitCode: run.exitCode, interrupted: run.interrupted, timedOut: run.timedOut };
  if (spilled && spill.path !== undefined && spill.error === undefined) data.outputFile = spill.path;
  return failed ? { content: parts.join('\n'), isError: true, data } : { content: parts.join('\n'), data };
}
