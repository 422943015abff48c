// Starts the built `wright` in tmux for a workspace, talking to the scripted model server.
import type { ModelServer } from '../../support/modelServer.js';
import { CLI, cliEnv, type Workspace } from '../harness.js';
import { TmuxSession } from './tmux.js';

export function startTui(workspace: Workspace, server: ModelServer, env: Record<string, string> = {}, args: string[] = []): TmuxSession {
  return TmuxSession.start({
    command: [process.execPath, CLI, ...args],
    cwd: workspace.repo,
    env: { ...cliEnv({ workspace, server, provider: 'anthropic' }), TERM: 'xterm-256color', ...env },
  });
}

/** Types a line, waits until the prompt shows it, then presses Enter. */
export async function submitLine(tui: TmuxSession, line: string): Promise<void> {
  tui.type(line);
  await tui.waitFor(`> ${line}`, 30_000, { history: false });
  tui.keys('Enter');
}
