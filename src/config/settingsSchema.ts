// The settings keys wright understands. Objects are loose: keys we do not know (Claude Code's
// outputStyle, sandbox.network.httpProxyPort…) are kept in `raw` and ignored, so its settings files load.
import { z } from 'zod';

import { PERMISSION_MODES, permissionModeNamed, type PermissionMode } from './permissionModes.js';

export type SettingsPermissionMode = PermissionMode;

export const PROVIDER_NAMES = ['anthropic', 'openai'] as const;
export type SettingsProvider = (typeof PROVIDER_NAMES)[number];

const ruleList = z.array(z.string());

export const permissionsSchema = z.looseObject({
  allow: ruleList.optional(),
  ask: ruleList.optional(),
  deny: ruleList.optional(),
  additionalDirectories: z.array(z.string()).optional(),
  defaultMode: z
    .enum([...PERMISSION_MODES, 'manual'])
    .transform((name) => permissionModeNamed(name) as PermissionMode)
    .optional(),
  disableBypassPermissionsMode: z.literal('disable').optional(),
});

export const WEB_SEARCH_PROVIDERS = ['searxng', 'brave'] as const;

/** Where WebSearch sends queries when not through the model provider's own search. */
export const webSearchSchema = z
  .looseObject({
    provider: z.enum(WEB_SEARCH_PROVIDERS),
    /** SearXNG: the instance (required). Brave: the API base, default https://api.search.brave.com. */
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    /** Brave: the environment variable holding the API key (default BRAVE_API_KEY). */
    apiKeyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name').optional(),
  })
  .superRefine((value, ctx) => {
    if (value.provider === 'searxng' && value.url === undefined) {
      ctx.addIssue({ code: 'custom', path: ['provider'], message: 'SearXNG needs the instance URL in "url", e.g. "https://search.example.org"' });
    }
  });

export type WebSearchSettings = z.infer<typeof webSearchSchema>;

/**
 * A command whose output replaces the default status line (Claude Code's `statusLine`). Each key is
 * optional in one file, since layers merge key by key; the merged value needs a command.
 */
export const statusLineSchema = z.looseObject({
  type: z.literal('command').optional(),
  command: z.string().trim().min(1, 'must not be empty').optional(),
  padding: z.number().int().min(0).optional(),
});

export interface StatusLineSettings {
  type: 'command';
  command: string;
  padding?: number;
}

/** `example.com`, `*.example.com` (subdomains only), an IPv4 address, or an IPv6 address. */
const DOMAIN_PATTERN = /^(?:(?:\*\.)?[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*|\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\]?)$/;
const domainList = z.array(
  z.string().regex(DOMAIN_PATTERN, 'must be a host name such as "example.com" or "*.example.com" (no scheme, port or path)'),
);
const pathList = z.array(z.string().min(1, 'must not be empty'));

/** `sandbox.*` (Claude Code's keys): the OS sandbox Bash commands run in. Loose: Claude Code has more keys. */
export const sandboxSchema = z.looseObject({
  enabled: z.boolean().optional(),
  failIfUnavailable: z.boolean().optional(),
  autoAllowBashIfSandboxed: z.boolean().optional(),
  allowUnsandboxedCommands: z.boolean().optional(),
  /** Commands that always run outside the sandbox: `docker`, `docker compose *`. */
  excludedCommands: z.array(z.string().trim().min(1, 'must not be empty')).optional(),
  filesystem: z
    .looseObject({
      allowWrite: pathList.optional(),
      denyWrite: pathList.optional(),
      denyRead: pathList.optional(),
      allowRead: pathList.optional(),
    })
    .optional(),
  network: z
    .looseObject({
      allowedDomains: domainList.optional(),
      deniedDomains: domainList.optional(),
      allowLocalBinding: z.boolean().optional(),
    })
    .optional(),
  /** The bubblewrap binary; default `bwrap` from PATH. */
  bwrapPath: z.string().min(1, 'must not be empty').optional(),
});

export type SandboxSettingsFile = z.infer<typeof sandboxSchema>;

/** `plugins.*`: whether plugins must carry a signature by a trusted key (base64 raw key, key id or PEM). */
export const pluginsSchema = z.looseObject({
  requireSignature: z.boolean().optional(),
  trustedKeys: z.array(z.string().trim().min(1, 'must not be empty')).optional(),
});

export const settingsFileSchema = z.looseObject({
  $schema: z.string().optional(),
  model: z.string().optional(),
  provider: z.enum(PROVIDER_NAMES).optional(),
  env: z.record(z.string(), z.string()).optional(),
  permissions: permissionsSchema.optional(),
  maxRetries: z.number().int().min(0).optional(),
  cleanupPeriodDays: z.number().int().min(0).optional(),
  includeCoAuthoredBy: z.boolean().optional(),
  // The hooks module validates the inside; here it only has to be an object keyed by event name.
  hooks: z.record(z.string(), z.unknown()).optional(),
  /** Turns every hook off. */
  disableAllHooks: z.boolean().optional(),
  /** Honoured only in managed settings: hooks from every other source are ignored. */
  allowManagedHooksOnly: z.boolean().optional(),
  /** Honoured only in managed settings: only the managed `allowedMcpServers` counts. */
  allowManagedMcpServersOnly: z.boolean().optional(),
  apiKeyHelper: z.string().optional(),
  webSearch: webSearchSchema.optional(),
  statusLine: statusLineSchema.optional(),
  sandbox: sandboxSchema.optional(),
  /** Compact the conversation on its own when it nears the context window (default true). */
  autoCompactEnabled: z.boolean().optional(),
  /** Keep the agent's own notes on the project between sessions (default true). */
  autoMemoryEnabled: z.boolean().optional(),
  /** The share of the context window, in percent, at which auto-compaction starts (default 80). */
  autoCompactThreshold: z.number().min(10).max(100).optional(),
  /** Honoured only in managed settings: permission rules from every other source are ignored. */
  allowManagedPermissionRulesOnly: z.boolean().optional(),
  /** The output style of the main conversation (`Default`, `Explanatory`, `Learning` or a custom one). */
  outputStyle: z.string().optional(),
  /** Installed plugins that load, by `name@marketplace`: true enables, false (in a higher layer) disables. */
  enabledPlugins: z.record(z.string(), z.boolean()).optional(),
  /** Plugin signature policy; read from user and managed settings only (see settings.ts). */
  plugins: pluginsSchema.optional(),
});

/** One settings file after validation. */
export type SettingsFile = z.infer<typeof settingsFileSchema>;
