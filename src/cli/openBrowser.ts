// Opening a URL in the user's browser: `$BROWSER` when set (a command; `%s` stands for the URL,
// otherwise the URL is appended), else `open` on macOS and `xdg-open` elsewhere. The browser runs
// detached; wright does not wait for it.
import { spawn } from 'node:child_process';

export function browserCommand(url: string, env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform): string[] {
  const configured = env.BROWSER?.trim();
  if (configured) {
    const words = configured.split(/\s+/);
    return words.some((word) => word.includes('%s')) ? words.map((word) => word.replaceAll('%s', url)) : [...words, url];
  }
  return [platform === 'darwin' ? 'open' : 'xdg-open', url];
}

/** Starts the browser; rejects when it cannot be started (no such command). */
export function openBrowser(url: string, env: Record<string, string | undefined>): Promise<void> {
  const [command, ...args] = browserCommand(url, env);
  return new Promise((resolve, reject) => {
    const child = spawn(command!, args, { detached: true, stdio: 'ignore', env: env as NodeJS.ProcessEnv });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
