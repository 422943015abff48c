// `wright mcp add|add-json|list|get|remove|login|logout|serve`: managing MCP servers (Claude Code's
// `claude mcp`), signing in to remote ones with OAuth, and serving wright's own tools over MCP.
import { effectiveServerEntries, managedMcpFileFor, MCP_SCOPES, projectServerApproval, readAllServerEntries, type McpLocations, type McpScope, type RawServerEntry } from '../extensions/mcp/mcpConfigFiles.js';
import { addServer, removeServer } from '../extensions/mcp/mcpConfigWriter.js';
import { McpHub, mcpLimits } from '../extensions/mcp/mcpHub.js';
import { loginToMcpServer } from '../extensions/mcp/mcpOAuthLogin.js';
import { isValidServerName, parseServerConfig } from '../extensions/mcp/mcpServerConfig.js';
import { McpTokenStore, mcpOAuthFile } from '../extensions/mcp/mcpTokenStore.js';
import { openBrowser } from './openBrowser.js';
import { ConfigurationError, UsageError } from './errors.js';
import { sessionSecrets } from './sessionSecrets.js';
import { EXIT } from './exitCodes.js';
import { loadSubcommandSettings } from './subcommandSettings.js';
import { loadSessionPlugins } from './sessionPlugins.js';
import { pluginAdmission } from '../extensions/plugins/pluginSignature.js';

const USAGE = `Usage: wright mcp add [--scope local|project|user] [--transport stdio|http|sse] [-e KEY=VALUE]… [-H "Key: Value"]… <name> <url | -- command [args…]>
       wright mcp add-json [--scope local|project|user] <name> '<json>'
       wright mcp list
       wright mcp get <name>
       wright mcp remove [--scope local|project|user] <name>
       wright mcp login <name>     sign in to a remote (http/sse) server with OAuth in the browser
       wright mcp logout <name>    forget the server's stored OAuth credentials
       wright mcp serve`;

interface Context {
  locations: McpLocations;
  settings: Record<string, unknown>;
  env: Record<string, string | undefined>;
  /** What stdio servers inherit: the environment without wright's own credentials. */
  serverEnv: Record<string, string | undefined>;
  cwd: string;
  /** The enabled plugins' servers (loaded only when asked for). */
  pluginServers(): RawServerEntry[];
}

function context(): Context {
  const { cwd, projectRoot, boot, settings, env, environment } = loadSubcommandSettings();
  const serverEnv = sessionSecrets(env, settings).toolEnv;
  return {
    locations: { projectRoot, configDir: environment.configDir, home: environment.home, managedMcpFile: managedMcpFileFor(boot.managedSettingsPath) },
    settings: settings.raw,
    env,
    serverEnv,
    cwd,
    pluginServers: () =>
      loadSessionPlugins({ configDir: environment.configDir, home: environment.home, enabledPlugins: settings.enabledPlugins, pluginDirs: [], cwd, admit: pluginAdmission(settings) }).mcpServers,
  };
}

export async function runMcpCommand(argv: string[], version: string): Promise<number> {
  const [subcommand, ...rest] = argv;
  switch (subcommand) {
    case 'add':
      return add(rest);
    case 'add-json':
      return addJson(rest);
    case 'list':
      return list(version);
    case 'get':
      return get(rest);
    case 'remove':
      return remove(rest);
    case 'login':
      return login(rest, version);
    case 'logout':
      return logout(rest);
    case 'serve': {
      const { runMcpServe } = await import('./mcpServe.js');
      return runMcpServe(version);
    }
    default:
      throw new UsageError(USAGE);
  }
}

function scopeNamed(value: string | undefined): McpScope {
  if (value === undefined || !(MCP_SCOPES as readonly string[]).includes(value)) throw new UsageError(`--scope must be local, project or user.\n${USAGE}`);
  return value as McpScope;
}

function checkName(name: string | undefined): string {
  if (name === undefined) throw new UsageError(`Missing server name.\n${USAGE}`);
  if (!isValidServerName(name)) throw new UsageError(`Server name "${name}" may use only letters, digits, "_" and "-".`);
  return name;
}

function add(argv: string[]): number {
  let scope: McpScope = 'local';
  let transport = 'stdio';
  const env: Record<string, string> = {};
  const headers: Record<string, string> = {};
  const positional: string[] = [];
  let command: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value.\n${USAGE}`);
      return next;
    };
    if (arg === '--') {
      command = argv.slice(i + 1);
      break;
    }
    if (positional.length >= 2 && transport === 'stdio') {
      // After `<name> <command>` everything is the command's arguments.
      positional.push(arg);
    } else if (arg === '-s' || arg === '--scope') scope = scopeNamed(value());
    else if (arg === '-t' || arg === '--transport') transport = value();
    else if (arg === '-e' || arg === '--env') {
      const pair = value();
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new UsageError(`--env expects KEY=VALUE, got "${pair}".`);
      env[pair.slice(0, eq)] = pair.slice(eq + 1);
    } else if (arg === '-H' || arg === '--header') {
      const header = value();
      const colon = header.indexOf(':');
      if (colon <= 0) throw new UsageError(`--header expects "Key: Value", got "${header}".`);
      headers[header.slice(0, colon).trim()] = header.slice(colon + 1).trim();
    } else if (arg.startsWith('-') && positional.length < 2) throw new UsageError(`Unknown option ${arg}.\n${USAGE}`);
    else positional.push(arg);
  }
  const name = checkName(positional[0]);
  const target = command ?? positional.slice(1);
  if (target.length === 0) throw new UsageError(`Missing ${transport === 'stdio' ? 'command' : 'URL'} for "${name}".\n${USAGE}`);
  let entry: Record<string, unknown>;
  if (transport === 'stdio') {
    entry = { type: 'stdio', command: target[0], args: target.slice(1), env };
  } else if (transport === 'http' || transport === 'sse' || transport === 'streamable-http') {
    if (target.length > 1) throw new UsageError(`A ${transport} server takes one URL, got: ${target.join(' ')}`);
    entry = { type: transport === 'sse' ? 'sse' : 'http', url: target[0], ...(Object.keys(headers).length > 0 ? { headers } : {}) };
  } else {
    throw new UsageError(`--transport must be stdio, http or sse, got "${transport}".`);
  }
  return save(scope, name, entry);
}

function addJson(argv: string[]): number {
  const parsed = scopeAndPositional(argv);
  const scope: McpScope = parsed.scope ?? 'local';
  const positional = parsed.positional;
  const name = checkName(positional[0]);
  if (positional.length !== 2) throw new UsageError(`add-json takes a name and one JSON object.\n${USAGE}`);
  let entry: unknown;
  try {
    entry = JSON.parse(positional[1]!);
  } catch (error) {
    throw new UsageError(`The server JSON is not valid: ${(error as Error).message}`);
  }
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new UsageError('The server JSON must be an object.');
  return save(scope, name, entry as Record<string, unknown>);
}

function save(scope: McpScope, name: string, entry: Record<string, unknown>): number {
  const checked = parseServerConfig(entry, {});
  if (!checked.ok) throw new UsageError(`Server "${name}" ${checked.error}.`);
  const ctx = context();
  const path = addServer(scope, name, entry, ctx.locations);
  process.stdout.write(`Added ${String(entry.type ?? 'stdio')} MCP server "${name}" to ${scope} config (${path}).\n`);
  if (scope === 'project') process.stdout.write('Project servers start once approved: /mcp in a session, or settings "enabledMcpjsonServers".\n');
  return EXIT.success;
}

function describe(entry: RawServerEntry): string {
  const raw = entry.raw as Record<string, unknown>;
  if (typeof raw.url === 'string') return `${raw.url} (${String(raw.type ?? 'http')})`;
  return [raw.command, ...(Array.isArray(raw.args) ? raw.args : [])].map(String).join(' ');
}

async function list(version: string): Promise<number> {
  const ctx = context();
  const warnings: string[] = [];
  const pluginServers = ctx.pluginServers();
  const entries = effectiveServerEntries([...pluginServers, ...readAllServerEntries(ctx.locations, warnings)]);
  for (const warning of warnings) process.stderr.write(`wright: warning: ${warning}\n`);
  if (entries.length === 0) {
    process.stdout.write('No MCP servers configured. Add one with `wright mcp add`.\n');
    return EXIT.success;
  }
  const hub = await McpHub.start({ locations: ctx.locations, settings: ctx.settings, env: ctx.env, serverEnv: ctx.serverEnv, cwd: ctx.cwd, version, pluginServers });
  try {
    const status = new Map(hub.servers().map((server) => [server.name, server]));
    const store = oauthStore(ctx);
    for (const entry of entries) {
      const server = status.get(entry.name);
      let state = server === undefined ? 'invalid' : server.status === 'connected' ? `connected (${server.tools} tools)` : server.status;
      if (server?.status === 'needs-auth') state = `needs auth: ${server.detail ?? ''}`;
      else if (server?.status === 'disabled' && server.detail !== undefined) state = `disabled (${server.detail})`;
      else if (server?.status === 'connected' && storedAuth(ctx, store, entry)?.tokens !== undefined) state += ' · authenticated';
      process.stdout.write(`${entry.name}: ${describe(entry)} [${entry.scope}] - ${state}\n`);
    }
  } finally {
    await hub.close();
  }
  return EXIT.success;
}

function get(argv: string[]): number {
  const name = checkName(argv[0]);
  const ctx = context();
  const entry = configuredServer(ctx, name);
  if (entry === undefined) return EXIT.error;
  const raw = entry.raw as Record<string, unknown>;
  const lines = [`${name}:`, `  Scope: ${entry.scope} (${entry.source})`, `  Type: ${String(raw.type ?? 'stdio')}`];
  if (typeof raw.url === 'string') lines.push(`  URL: ${raw.url}`);
  else lines.push(`  Command: ${String(raw.command)}`, `  Args: ${Array.isArray(raw.args) ? raw.args.join(' ') : ''}`);
  for (const [label, key] of [['Environment', 'env'], ['Headers', 'headers']] as const) {
    const map = raw[key];
    if (typeof map === 'object' && map !== null && Object.keys(map).length > 0) {
      lines.push(`  ${label}:`, ...Object.entries(map).map(([k, v]) => `    ${k}=${String(v)}`));
    }
  }
  if (entry.scope === 'project') lines.push(`  Approval: ${projectServerApproval(name, ctx.settings)}`);
  if (typeof raw.url === 'string') {
    const tokens = storedAuth(ctx, oauthStore(ctx), entry)?.tokens;
    lines.push(
      tokens !== undefined
        ? `  Auth: authenticated (OAuth${tokens.scope ? `, scopes: ${tokens.scope}` : ''}); \`wright mcp logout ${name}\` forgets it`
        : `  Auth: not authenticated; if the server needs auth, run \`wright mcp login ${name}\``,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.success;
}

function remove(argv: string[]): number {
  const { scope, positional } = scopeAndPositional(argv);
  const name = checkName(positional[0]);
  const ctx = context();
  const warnings: string[] = [];
  // The files users write to, even when a managed-mcp.json overrides them.
  const { managedMcpFile: _managed, ...userFiles } = ctx.locations;
  const found = readAllServerEntries(userFiles, warnings).filter((entry): entry is RawServerEntry & { scope: McpScope } => entry.name === name && (scope === undefined || entry.scope === scope));
  const scopes = [...new Set(found.map((entry) => entry.scope))];
  if (scopes.length > 1) {
    throw new UsageError(`"${name}" is configured in several scopes (${scopes.join(', ')}); choose one with --scope.`);
  }
  const chosen = scope ?? scopes[0];
  const path = chosen === undefined ? null : removeServer(chosen, name, ctx.locations);
  if (path === null) {
    const elsewhere = found.find((entry) => entry.source.endsWith('.claude.json'));
    process.stderr.write(
      elsewhere ? `wright: "${name}" comes from ${elsewhere.source}, which wright only reads; remove it with Claude Code.\n` : `wright: no MCP server named "${name}"${scope ? ` in ${scope} scope` : ''}.\n`,
    );
    return EXIT.error;
  }
  process.stdout.write(`Removed MCP server "${name}" from ${chosen} config (${path}).\n`);
  // Its OAuth credentials go too, unless the same name is still configured somewhere else.
  const stillConfigured = readAllServerEntries(userFiles, []).some((entry) => entry.name === name);
  if (!stillConfigured && oauthStore(ctx).removeServer(name) > 0) process.stdout.write(`Removed its stored OAuth credentials.\n`);
  return EXIT.success;
}

/** The entry a session would use for `name`, or undefined after saying there is none. */
function configuredServer(ctx: Context, name: string): RawServerEntry | undefined {
  const entry = effectiveServerEntries(readAllServerEntries(ctx.locations, [])).find((candidate) => candidate.name === name);
  if (entry === undefined) process.stderr.write(`wright: no MCP server named "${name}".\n`);
  return entry;
}

const oauthStore = (ctx: Context) => new McpTokenStore(mcpOAuthFile(ctx.locations.configDir));

/** The stored OAuth record of a remote entry at its current URL. */
function storedAuth(ctx: Context, store: McpTokenStore, entry: RawServerEntry) {
  const parsed = parseServerConfig(entry.raw, ctx.env);
  if (!parsed.ok || parsed.config.type === 'stdio') return undefined;
  return store.read(entry.name, parsed.config.url);
}

async function login(argv: string[], version: string): Promise<number> {
  const name = checkName(argv[0]);
  if (argv.length > 1) throw new UsageError(`login takes one server name.\n${USAGE}`);
  const ctx = context();
  const entry = configuredServer(ctx, name);
  if (entry === undefined) return EXIT.error;
  const parsed = parseServerConfig(entry.raw, ctx.env);
  if (!parsed.ok) throw new ConfigurationError(`MCP server "${name}" in ${entry.source} ${parsed.error}.`);
  if (parsed.config.type === 'stdio') {
    process.stderr.write(`wright: "${name}" is a stdio server; only http and sse servers sign in with OAuth.\n`);
    return EXIT.error;
  }
  const store = oauthStore(ctx);
  const controller = new AbortController();
  const interrupt = () => controller.abort(new Error('cancelled'));
  process.on('SIGINT', interrupt);
  try {
    const outcome = await loginToMcpServer({
      serverName: name,
      config: parsed.config,
      store,
      clientVersion: version,
      signal: controller.signal,
      connectTimeoutMs: mcpLimits(ctx.env).connectTimeoutMs,
      openAuthorizationUrl: async (url) => {
        process.stdout.write(`Sign in to MCP server "${name}" in your browser. If it does not open, visit:\n  ${url.href}\n`);
        await openBrowser(url.href, ctx.env).catch((error: Error) => {
          process.stderr.write(`wright: could not start a browser (${error.message}); open the URL above yourself.\n`);
        });
        process.stdout.write('Waiting for the sign-in to finish (Ctrl+C cancels)…\n');
      },
    });
    const tools = `${outcome.tools} tool${outcome.tools === 1 ? '' : 's'}`;
    if (outcome.kind === 'not-required') {
      process.stdout.write(`MCP server "${name}" did not ask for authorization; it is usable as it is (${tools}).\n`);
    } else {
      process.stdout.write(`Authenticated with MCP server "${name}" (scopes: ${outcome.scopes ?? 'none requested'}; ${tools}). Credentials saved in ${store.path}.\n`);
    }
    return EXIT.success;
  } catch (error) {
    if (controller.signal.aborted) {
      process.stderr.write('wright: sign-in cancelled.\n');
      return EXIT.interrupted;
    }
    process.stderr.write(`wright: signing in to MCP server "${name}" failed: ${(error as Error).message}\n`);
    return EXIT.error;
  } finally {
    process.off('SIGINT', interrupt);
  }
}

function logout(argv: string[]): number {
  const name = checkName(argv[0]);
  if (argv.length > 1) throw new UsageError(`logout takes one server name.\n${USAGE}`);
  const store = oauthStore(context());
  const removed = store.removeServer(name);
  process.stdout.write(removed > 0 ? `Removed the stored OAuth credentials of MCP server "${name}".\n` : `No stored OAuth credentials for MCP server "${name}".\n`);
  return EXIT.success;
}

/** `-s|--scope <scope>` anywhere among the arguments, and the rest in order. */
function scopeAndPositional(argv: string[]): { scope: McpScope | undefined; positional: string[] } {
  let scope: McpScope | undefined;
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-s' || arg === '--scope') scope = scopeNamed(argv[++i]);
    else positional.push(arg);
  }
  return { scope, positional };
}
