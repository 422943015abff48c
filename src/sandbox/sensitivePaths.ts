// What the sandbox protects without being told: secrets no command needs to read, and files inside
// the working directories that would let a command escape the sandbox later (git hooks run by the
// user's next commit, settings that grant permissions, MCP servers and shell rc files that wright or
// the user's shell would execute outside it).
import { join } from 'node:path';

export interface SensitivePathOptions {
  home: string;
  /** wright's config directory (`WRIGHT_CONFIG_DIR`, default `~/.wright`). */
  configDir: string;
  env: Record<string, string | undefined>;
}

/** Credentials in the home directory, by well-known tool. */
const HOME_SECRETS = [
  '.ssh',
  '.aws',
  '.gnupg',
  '.config/gcloud',
  '.azure',
  '.kube',
  '.docker/config.json',
  '.netrc',
  '.git-credentials',
  '.npmrc',
  '.pypirc',
  // Claude Code's credentials and state (API keys, OAuth session).
  '.claude.json',
  '.claude/.credentials.json',
  '.claude/settings.json',
];

/** wright's own files: settings may hold API keys in `env`; transcripts hold other sessions. */
const CONFIG_SECRETS = ['settings.json', '.credentials.json', 'projects'];

/** Sockets that hand out more power than the sandbox takes away (a container runtime is root). */
const HOST_SOCKETS = ['/var/run/docker.sock', '/run/docker.sock', '/run/containerd/containerd.sock', '/run/podman/podman.sock'];

export function defaultDeniedReads(options: SensitivePathOptions): string[] {
  const paths = [
    ...HOME_SECRETS.map((path) => join(options.home, path)),
    ...CONFIG_SECRETS.map((path) => join(options.configDir, path)),
    ...HOST_SOCKETS,
  ];
  // The user's ssh agent and session bus (and rootless podman) live here.
  for (const name of ['SSH_AUTH_SOCK', 'XDG_RUNTIME_DIR']) {
    const value = options.env[name];
    if (value !== undefined && value.startsWith('/')) paths.push(value);
  }
  return paths;
}

export interface ProtectedDirectory {
  path: string;
  /**
   * Also protect it while missing: an empty read-only directory is mounted there, so a command cannot
   * create it. (bubblewrap leaves the empty mount point behind; git ignores empty directories.)
   */
  maskWhenMissing: boolean;
}

/** Kept read-only inside every writable directory, whole: `.wright` holds settings, agents, commands, skills. */
export const PROTECTED_DIRECTORIES: readonly ProtectedDirectory[] = [
  { path: '.git/hooks', maskWhenMissing: true },
  { path: '.wright', maskWhenMissing: true },
  { path: '.claude', maskWhenMissing: true },
  { path: '.vscode', maskWhenMissing: false },
  { path: '.idea', maskWhenMissing: false },
  { path: '.husky', maskWhenMissing: false },
];

/**
 * Kept read-only inside every writable directory when they exist. Missing files are not masked: the
 * mount point would be an empty file that `git status` lists and `git add -A` chokes on.
 */
export const PROTECTED_FILES = [
  '.git/config',
  '.gitmodules',
  '.mcp.json',
  '.gitconfig',
  '.bashrc',
  '.bash_profile',
  '.bash_login',
  '.profile',
  '.zshrc',
  '.zprofile',
  '.zshenv',
  '.zlogin',
  '.ripgreprc',
  '.npmrc',
];
