import { z } from 'zod';
import { groupIsAlive } from './processGroup.js';
import type { Tool, ToolContext, ToolResult } from './types.js';

const inputSchema = z.object({
  shell_id: z.string().describe('The id of the background shell to kill'),
});

type KillShellInput = z.infer<typeof inputSchema>;

const description = `Kills a background shell started by Bash with run_in_background, together with every process it started (SIGTERM, then SIGKILL if they do not stop), and returns its final status. Use it for dev servers or watchers you no longer need.`;

function exitText(exitCode: number | null): string {
  return exitCode === null ? '' : `, exit code ${exitCode}`;
}

async function runKillShell(input: KillShellInput, ctx: ToolContext): Promise<ToolResult> {
  const background = ctx.session.shells?.background;
  const shell = background?.get(input.shell_id);
  if (!background || !shell) {
    const known = background?.describeKnown() ?? 'No background shells were started in this session.';
    return { content: `No background shell with id "${input.shell_id}". ${known}`, isError: true };
  }
  const wasRunning = shell.status === 'running';
  if (!wasRunning && !groupIsAlive(shell.pid)) {
    return {
      content: `Shell ${shell.id} is not running (${shell.status}${exitText(shell.exitCode)}); there is nothing to kill.`,
      isError: true,
      data: { shellId: shell.id, status: shell.status, exitCode: shell.exitCode },
    };
  }
  await background.kill(shell);
  const content = wasRunning
    ? `Killed shell ${shell.id} (${shell.command}). Status: ${shell.status}${exitText(shell.exitCode)}.`
    : `Shell ${shell.id} had already ${shell.status === 'completed' ? 'completed' : 'ended'}${exitText(shell.exitCode)}; killed the processes it left running.`;
  return { content, data: { shellId: shell.id, status: shell.status, exitCode: shell.exitCode } };
}

export const killShellTool: Tool<typeof inputSchema> = {
  name: 'KillShell',
  description,
  inputSchema,
  isReadOnly: () => false,
  run: runKillShell,
};
