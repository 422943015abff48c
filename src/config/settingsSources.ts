// Which settings files exist in principle, highest precedence first, and what root each one's
// `/path` permission rules are relative to.
import { isAbsolute, join, resolve } from 'node:path';

export type SettingsScope = 'managed' | 'cli' | 'local' | 'project' | 'user';

export interface SettingsLocation {
  /** Absolute file path, or `--settings` for inline JSON given on the command line. */
  label: string;
  scope: SettingsScope;
  /** Directory that `/path` rule specifiers and relative directories are resolved against. */
  root: string;
  /** A file to read, or the inline JSON text itself. */
  content: { kind: 'file'; path: string; required: boolean } | { kind: 'inline'; text: string };
}

export interface SettingsLocationOptions {
  cwd: string;
  projectRoot: string;
  configDir: string;
  home: string;
  managedPath: string;
  /** `--settings`: a file path, or JSON text when it starts with `{`. */
  cliSettings?: string;
}

export const INLINE_SETTINGS_LABEL = '--settings';

export function settingsLocations(options: SettingsLocationOptions): SettingsLocation[] {
  const { cwd, projectRoot, configDir, home } = options;
  const file = (path: string, scope: SettingsScope, root: string, required = false): SettingsLocation => ({
    label: path,
    scope,
    root,
    content: { kind: 'file', path, required },
  });
  const claudeUserDir = join(home, '.claude');

  const locations: SettingsLocation[] = [file(resolve(options.managedPath), 'managed', '/')];
  const cli = options.cliSettings;
  if (cli !== undefined && cli.trim() !== '') {
    locations.push(
      cli.trimStart().startsWith('{')
        ? { label: INLINE_SETTINGS_LABEL, scope: 'cli', root: cwd, content: { kind: 'inline', text: cli } }
        : file(expandPath(cli, cwd, home), 'cli', cwd, true),
    );
  }
  locations.push(
    file(join(projectRoot, '.wright', 'settings.local.json'), 'local', projectRoot),
    file(join(projectRoot, '.wright', 'settings.json'), 'project', projectRoot),
    file(join(projectRoot, '.claude', 'settings.local.json'), 'local', projectRoot),
    file(join(projectRoot, '.claude', 'settings.json'), 'project', projectRoot),
    file(join(configDir, 'settings.json'), 'user', configDir),
    file(join(claudeUserDir, 'settings.json'), 'user', claudeUserDir),
  );
  return withoutRepeatedFiles(locations);
}

/** `~` and `~/x` → home; relative paths → against `base`. */
export function expandPath(path: string, base: string, home: string): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return join(home, path.slice(2));
  return isAbsolute(path) ? resolve(path) : resolve(base, path);
}

// The same file can appear twice (the project is the home directory, or WRIGHT_CONFIG_DIR points
// at ~/.claude); it is read once, at its highest precedence.
function withoutRepeatedFiles(locations: SettingsLocation[]): SettingsLocation[] {
  const seen = new Set<string>();
  return locations.filter((location) => {
    if (location.content.kind !== 'file') return true;
    if (seen.has(location.content.path)) return false;
    seen.add(location.content.path);
    return true;
  });
}
