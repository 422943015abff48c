import { z } from 'zod';
import { maxOutputChars } from './bashLimits.js';
import type { ShellStatus } from './backgroundShells.js';
import type { Tool, ToolContext, ToolResult } from './types.js';

const inputSchema = z.object({
  bash_id: z.string().describe('The id of the background shell, from Bash with run_in_background'),
  filter: z
    .string()
    .optional()
    .describe('Optional regular expression: only output lines matching it are returned (the others are still consumed)'),
});

type BashOutputInput = z.infer<typeof inputSchema>;

export interface BashOutputData {
  shellId: string;
  status: ShellStatus;
  exitCode: number | null;
  output: string;
  outputFile: string;
}

const description = `Returns the new output of a background shell started by Bash with run_in_background, and its status.

- Each call returns only what the shell wrote (stdout and stderr together) since the previous BashOutput call for it, with its status: running, completed, failed or killed, and the exit code once it ended.
- filter is a JavaScript regular expression; lines that do not match are dropped, and are not returned later either.
- Poll with BashOutput instead of sleeping; stop a shell with KillShell.`;

function unknownShell(id: string, ctx: ToolContext): ToolResult {
  const known = ctx.session.shells?.background.describeKnown() ?? 'No background shells were started in this session.';
  return { content: `No background shell with id "${id}". ${known}`, isError: true };
}

function compileFilter(filter: string | undefined): RegExp | undefined | { error: string } {
  if (filter === undefined || filter === '') return undefined;
  try {
    return new RegExp(filter);
  } catch (error) {
    return { error: `Invalid filter: ${(error as Error).message}. Pass a JavaScript regular expression, e.g. "error|warn".` };
  }
}

async function runBashOutput(input: BashOutputInput, ctx: ToolContext): Promise<ToolResult> {
  const background = ctx.session.shells?.background;
  const shell = background?.get(input.bash_id);
  if (!background || !shell) return unknownShell(input.bash_id, ctx);
  const filter = compileFilter(input.filter);
  if (filter && 'error' in filter) return { content: filter.error, isError: true };

  const limit = maxOutputChars(ctx.env);
  let read;
  try {
    read = await background.readNew(shell, { maxChars: limit, ...(filter ? { filter } : {}) });
  } catch (error) {
    return { content: `Could not read the output of ${shell.id} from ${shell.outputFile}: ${(error as Error).message}`, isError: true };
  }
  const output = read.text.replace(/\n+$/, '');
  const parts = [`<status>${read.status}</status>`];
  if (read.status !== 'running' && shell.exitCode !== null) parts.push(`<exit_code>${shell.exitCode}</exit_code>`);
  parts.push(output === '' ? '(no new output)' : `<output>\n${output}\n</output>`);
  if (filter) parts.push(`(filter kept ${read.linesKept} of ${read.linesRead} new lines)`);
  if (read.totalChars > limit) {
    parts.push(`(New output was ${read.totalChars} characters; its middle was cut. The full log is ${shell.outputFile}.)`);
  }
  const data: BashOutputData = { shellId: shell.id, status: read.status, exitCode: shell.exitCode, output, outputFile: shell.outputFile };
  return { content: parts.join('\n'), data };
}

export const bashOutputTool: Tool<typeof inputSchema> = {
  name: 'BashOutput',
  description,
  inputSchema,
  isReadOnly: () => true,
  repeatable: true,
  run: runBashOutput,
};
