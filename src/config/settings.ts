// Layered settings: managed > --settings > project local > project > user, wright's own files
// before Claude Code's at each level. Missing files are skipped; the first broken one stops loading.
import type { SettingsError } from './settingsError.js';
import { readSettingsLocation } from './settingsFile.js';
import { mergeSettingsLayers, withoutRepeats, type JsonObject } from './settingsMerge.js';
import {
  settingsFileSchema,
  type SettingsFile,
  type SettingsPermissionMode,
  type SettingsProvider,
  type SandboxSettingsFile,
  type StatusLineSettings,
  type WebSearchSettings,
} from './settingsSchema.js';
import { expandPath, settingsLocations, type SettingsLocation, type SettingsLocationOptions, type SettingsScope } from './settingsSources.js';

export type { SettingsError } from './settingsError.js';

/** A permission rule as written, with where it came from. */
export interface RuleEntry {
  rule: string;
  /** Settings file path, or `--settings` for inline JSON. */
  source: string;
  /** What `/path` specifiers are relative to: the project root for project and local files, the
   * config directory for user files, `/` for managed settings, cwd for `--settings`. */
  root: string;
}

export interface PermissionRuleEntries {
  allow: RuleEntry[];
  ask: RuleEntry[];
  deny: RuleEntry[];
}

/**
 * `sandbox.*` with defaults applied. Scalars come from the highest layer that sets them (so managed
 * settings win); lists are the union of every layer. Paths are absolute: `~/` against home, relative
 * ones (`./x`) against the project root.
 */
export interface SandboxSettings {
  enabled: boolean;
  failIfUnavailable: boolean;
  autoAllowBashIfSandboxed: boolean;
  allowUnsandboxedCommands: boolean;
  excludedCommands: string[];
  filesystem: { allowWrite: string[]; denyWrite: string[]; denyRead: string[]; allowRead: string[] };
  network: { allowedDomains: string[]; deniedDomains: string[]; allowLocalBinding: boolean };
  bwrapPath?: string;
}

export interface PluginSettings {
  requireSignature: boolean;
  trustedKeys: string[];
}

export interface MergedSettings {
  model?: string;
  provider?: SettingsProvider;
  /** Environment variables for the session and its subprocesses. */
  env: Record<string, string>;
  maxRetries?: number;
  apiKeyHelper?: string;
  cleanupPeriodDays?: number;
  includeCoAuthoredBy?: boolean;
  autoCompactEnabled?: boolean;
  autoMemoryEnabled?: boolean;
  /** Percent of the context window at which the conversation is compacted on its own. */
  autoCompactThreshold?: number;
  /** The output style's name, as written. */
  outputStyle?: string;
  /** Taken whole from the highest layer that sets it: its fields only make sense together. */
  webSearch?: WebSearchSettings;
  /** Taken from the highest layer that sets it. */
  statusLine?: StatusLineSettings;
  sandbox: SandboxSettings;
  permissions: {
    rules: PermissionRuleEntries;
    /** Absolute; relative entries are resolved against their file's root, `~/` against home. */
    additionalDirectories: string[];
    defaultMode?: SettingsPermissionMode;
    /** True when any layer sets `disableBypassPermissionsMode: "disable"`. */
    bypassPermissionsDisabled: boolean;
    /**
     * Managed settings set `allowManagedPermissionRulesOnly`: `rules` holds only managed rules, and
     * rules from flags (`--allowedTools`, `--disallowedTools`) must be ignored too.
     */
    managedRulesOnly: boolean;
  };
  /**
   * Each file's `hooks`, highest precedence first, as written: hooks from every scope run, so they
   * are kept per file (with where they came from) rather than merged. Validated by the hooks module.
   */
  hookLayers: Array<{ source: string; scope: SettingsScope; hooks: unknown }>;
  /** `disableAllHooks` from the highest layer that sets it. */
  disableAllHooks: boolean;
  /** Managed settings set `allowManagedHooksOnly`. */
  managedHooksOnly: boolean;
  /** `enabledPlugins`, merged key by key (a higher layer's false disables a plugin a lower one enables). */
  enabledPlugins: Record<string, boolean>;
  /**
   * `plugins.*` from user and managed settings only: project, local and `--settings` files are
   * ignored here. A cloned repository could otherwise vouch for its own plugins (add its key to
   * trustedKeys) or switch requireSignature off. Scalars: managed wins over user; trustedKeys: both.
   */
  plugins: PluginSettings;
  /** Every layer merged, unknown keys included (hooks, statusLine, …). */
  raw: JsonObject;
}

export type SettingsResult =
  | { ok: true; settings: MergedSettings; sources: string[] }
  | { ok: false; error: SettingsError };

export type LoadSettingsOptions = SettingsLocationOptions;

interface LoadedLayer {
  location: SettingsLocation;
  settings: SettingsFile;
}

export function loadSettings(options: LoadSettingsOptions): SettingsResult {
  const layers: LoadedLayer[] = [];
  for (const location of settingsLocations(options)) {
    const result = readSettingsLocation(location);
    if (!result.ok) return result;
    if (result.settings !== null) layers.push({ location, settings: result.settings });
  }
  return {
    ok: true,
    settings: mergeLayers(layers, options.home, options.projectRoot),
    sources: layers.map((layer) => layer.location.label),
  };
}

function mergeLayers(layers: readonly LoadedLayer[], home: string, projectRoot: string): MergedSettings {
  const raw = mergeSettingsLayers(layers.map((layer) => layer.settings));
  // Each layer was valid and merging keeps types, so this cannot fail; parsing gives us the types.
  const merged = settingsFileSchema.parse(raw);
  const permissions = merged.permissions ?? {};
  const managedRulesOnly = layers.some((layer) => layer.location.scope === 'managed' && layer.settings.allowManagedPermissionRulesOnly === true);
  const ruleLayers = managedRulesOnly ? layers.filter((layer) => layer.location.scope === 'managed') : layers;
  return {
    ...(merged.model !== undefined && { model: merged.model }),
    ...(merged.provider !== undefined && { provider: merged.provider }),
    env: merged.env ?? {},
    ...(merged.maxRetries !== undefined && { maxRetries: merged.maxRetries }),
    ...(merged.apiKeyHelper !== undefined && { apiKeyHelper: merged.apiKeyHelper }),
    ...(merged.cleanupPeriodDays !== undefined && { cleanupPeriodDays: merged.cleanupPeriodDays }),
    ...(merged.includeCoAuthoredBy !== undefined && { includeCoAuthoredBy: merged.includeCoAuthoredBy }),
    ...(merged.autoCompactEnabled !== undefined && { autoCompactEnabled: merged.autoCompactEnabled }),
    ...(merged.autoMemoryEnabled !== undefined && { autoMemoryEnabled: merged.autoMemoryEnabled }),
    ...(merged.autoCompactThreshold !== undefined && { autoCompactThreshold: merged.autoCompactThreshold }),
    ...(merged.outputStyle !== undefined && { outputStyle: merged.outputStyle }),
    ...webSearchOf(layers),
    ...statusLineOf(merged.statusLine),
    sandbox: sandboxOf(merged.sandbox ?? {}, layers, home, projectRoot),
    permissions: {
      rules: {
        allow: ruleEntries(ruleLayers, 'allow'),
        ask: ruleEntries(ruleLayers, 'ask'),
        deny: ruleEntries(ruleLayers, 'deny'),
      },
      additionalDirectories: additionalDirectories(layers, home),
      ...(permissions.defaultMode !== undefined && { defaultMode: permissions.defaultMode }),
      bypassPermissionsDisabled: permissions.disableBypassPermissionsMode === 'disable',
      managedRulesOnly,
    },
    hookLayers: layers.flatMap(({ location, settings }) => (settings.hooks !== undefined ? [{ source: location.label, scope: location.scope, hooks: settings.hooks }] : [])),
    disableAllHooks: merged.disableAllHooks === true,
    managedHooksOnly: layers.some((layer) => layer.location.scope === 'managed' && layer.settings.allowManagedHooksOnly === true),
    enabledPlugins: merged.enabledPlugins ?? {},
    plugins: pluginsOf(layers),
    raw: withManagedMcpAllowlist(raw, layers),
  };
}

/**
 * `allowManagedMcpServersOnly` in managed settings: only the managed file's `allowedMcpServers`
 * counts, so no other file can widen it (`deniedMcpServers` still merges from every file).
 */
function withManagedMcpAllowlist(raw: JsonObject, layers: readonly LoadedLayer[]): JsonObject {
  const managed = layers.filter((layer) => layer.location.scope === 'managed').map((layer) => layer.settings as Record<string, unknown>);
  if (!managed.some((settings) => settings.allowManagedMcpServersOnly === true)) return raw;
  const { allowedMcpServers: _merged, ...rest } = raw;
  const allowed = managed.find((settings) => settings.allowedMcpServers !== undefined)?.allowedMcpServers;
  return allowed === undefined ? rest : { ...rest, allowedMcpServers: allowed as JsonObject[string] };
}

// The same rule text means something different under different roots (`Edit(/src/**)`), so a
// repeat is only dropped when both match.
function ruleEntries(layers: readonly LoadedLayer[], list: 'allow' | 'ask' | 'deny'): RuleEntry[] {
  const entries = layers.flatMap(({ location, settings }) =>
    (settings.permissions?.[list] ?? []).map((rule) => ({ rule, source: location.label, root: location.root })),
  );
  return withoutRepeats(entries, (entry) => `${entry.root}\0${entry.rule}`);
}

function additionalDirectories(layers: readonly LoadedLayer[], home: string): string[] {
  const directories = layers.flatMap(({ location, settings }) =>
    (settings.permissions?.additionalDirectories ?? []).map((dir) => expandPath(dir, location.root, home)),
  );
  return withoutRepeats(directories, (dir) => dir);
}

function statusLineOf(merged: { command?: string | undefined; padding?: number | undefined } | undefined): { statusLine?: StatusLineSettings } {
  if (merged?.command === undefined) return {};
  return { statusLine: { type: 'command', command: merged.command, ...(merged.padding !== undefined ? { padding: merged.padding } : {}) } };
}

function webSearchOf(layers: readonly LoadedLayer[]): { webSearch?: WebSearchSettings } {
  const webSearch = layers.find((layer) => layer.settings.webSearch !== undefined)?.settings.webSearch;
  return webSearch === undefined ? {} : { webSearch };
}

function sandboxOf(merged: SandboxSettingsFile, layers: readonly LoadedLayer[], home: string, projectRoot: string): SandboxSettings {
  const list = (pick: (sandbox: SandboxSettingsFile) => string[] | undefined) =>
    withoutRepeats(layers.flatMap(({ settings }) => (settings.sandbox ? (pick(settings.sandbox) ?? []) : [])));
  const paths = (pick: (sandbox: SandboxSettingsFile) => string[] | undefined) =>
    withoutRepeats(list(pick).map((path) => expandPath(path, projectRoot, home)));
  const domains = (pick: (sandbox: SandboxSettingsFile) => string[] | undefined) =>
    withoutRepeats(list(pick).map((domain) => domain.toLowerCase()));
  return {
    enabled: merged.enabled ?? false,
    failIfUnavailable: merged.failIfUnavailable ?? false,
    autoAllowBashIfSandboxed: merged.autoAllowBashIfSandboxed ?? true,
    allowUnsandboxedCommands: merged.allowUnsandboxedCommands ?? true,
    excludedCommands: list((sandbox) => sandbox.excludedCommands),
    filesystem: {
      allowWrite: paths((sandbox) => sandbox.filesystem?.allowWrite),
      denyWrite: paths((sandbox) => sandbox.filesystem?.denyWrite),
      denyRead: paths((sandbox) => sandbox.filesystem?.denyRead),
      allowRead: paths((sandbox) => sandbox.filesystem?.allowRead),
    },
    network: {
      allowedDomains: domains((sandbox) => sandbox.network?.allowedDomains),
      deniedDomains: domains((sandbox) => sandbox.network?.deniedDomains),
      allowLocalBinding: merged.network?.allowLocalBinding ?? false,
    },
    // A bare name is looked up on PATH when the sandbox starts.
    ...(merged.bwrapPath !== undefined && {
      bwrapPath: merged.bwrapPath.includes('/') || merged.bwrapPath.startsWith('~') ? expandPath(merged.bwrapPath, projectRoot, home) : merged.bwrapPath,
    }),
  };
}

function pluginsOf(layers: readonly LoadedLayer[]): PluginSettings {
  const trusted = layers.filter((layer) => layer.location.scope === 'managed' || layer.location.scope === 'user').flatMap((layer) => (layer.settings.plugins ? [layer.settings.plugins] : []));
  return {
    requireSignature: trusted.find((plugins) => plugins.requireSignature !== undefined)?.requireSignature ?? false,
    trustedKeys: withoutRepeats(trusted.flatMap((plugins) => plugins.trustedKeys ?? [])),
  };
}
