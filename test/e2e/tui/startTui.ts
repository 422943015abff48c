// Starts the built `wright` in tmux for a workspace, talking to the scripted model server.
import type { ModelServer } from '../../support/modelServer.js';
import { CLI, cliEnv, type Workspace } from '../harness.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TmuxSession } from './tmux.js';

/**
 * The workspace's repository is trusted, as if the user had answered the trust question before:
 * tests of other features start straight into the session. The trust question has its own test.
 */
export function startTui(workspace: Workspace, server: ModelServer, env: Record<string, string> = {}, args: string[] = []): TmuxSession {
  trustRepository(workspace);
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

/** Writes the trust store a "yes" to the trust question leaves behind. */
export function trustRepository(workspace: Workspace): void {
  writeFileSync(join(workspace.configDir, 'trusted-folders.json'), JSON.stringify({ version: 1, folders: [workspace.repo] }));
}
