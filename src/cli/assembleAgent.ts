// Puts one session together from flags, environment and settings: the model client, the tools,
// the permission policy, the transcript, memory and the system prompt. Every failure here is a
// configuration problem the user can fix, reported as a message and exit code 2.
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Agent } from '../agent/agent.js';
import type { CanUseTool } from '../agent/executeToolCall.js';
import { readEnvironment, type WrightEnvironment } from '../config/env.js';
import { findProjectRoot, transcriptDir } from '../config/paths.js';
import { permissionModeNamed } from '../config/permissionModes.js';
import { detectRuntimeEnvironment, hostRuntimeProbe } from '../config/runtimeEnvironment.js';
import { loadSettings, type MergedSettings } from '../config/settings.js';
import { gitSnapshot } from '../context/gitSnapshot.js';
import { NestedMemory } from '../context/nestedMemory.js';
import { autoMemoryDirectory, autoMemoryEnabled } from '../context/autoMemory.js';
import { loadSessionMemory } from '../context/sessionMemory.js';
import { buildSystemPrompt, localDate } from '../context/systemPrompt.js';
import { createModelClient } from '../model/createModelClient.js';
import { resolveModelConfig, resolveSmallFastModel } from '../model/modelConfig.js';
import type { HookConfig } from '../extensions/hooks/hookConfig.js';
import type { AgentHooks } from '../extensions/hooks/agentHooks.js';
import type { SessionStartSource } from '../extensions/hooks/hookEvents.js';
import { createSessionHooks, prepareSessionEnvFile, loadHookConfig } from './sessionHooks.js';
import { initBashParser } from '../permissions/bashAnalysis.js';
import { parseRuleList } from '../permissions/ruleParser.js';
import { toolsRemovedByDenyRules } from '../permissions/evaluatePermission.js';
import type { StatusLineSettings } from '../config/settingsSchema.js';
import { PERMISSION_MODES, type PermissionMode, type PermissionPolicy, type PermissionRuleSet } from '../permissions/types.js';
import { denyingPathRule } from '../permissions/pathDenial.js';
import { setUpSessionSandbox } from '../sandbox/sessionSandbox.js';
import type { Redactor } from '../secrets/redactor.js';
import { openSession, type OpenedSession } from '../session/openSession.js';
import { pastSessionSearch } from '../session/search/pastSessionSearch.js';
import { FileReadLedger } from '../tools/fileReadLedger.js';
import { createCoreTools, createToolSessionState } from '../tools/index.js';
import type { AnyTool, PermissionModeControl, ToolContext, ToolSessionState, UserInteraction } from '../tools/types.js';
import { policyModeControl } from '../permissions/modeControl.js';
import type { CliOptions } from './args.js';
import { ConfigurationError } from './errors.js';
import { sessionSecrets } from './sessionSecrets.js';
import { checkRootBypass } from './rootBypass.js';
import { webToolOptions } from './webToolOptions.js';
import { autoCompactThresholdTokens } from '../context/compaction/autoCompactPolicy.js';
import { withSkillListing } from '../extensions/skills/skillListing.js';
import { loadSessionCustomizations, type SessionCustomizations } from './sessionCustomizations.js';
import { contextWindowOf } from '../model/contextWindow.js';
import { McpHub } from '../extensions/mcp/mcpHub.js';
import { managedMcpFileFor } from '../extensions/mcp/mcpConfigFiles.js';
import { mcpPromptCommands } from '../extensions/mcp/mcpPromptCommands.js';
import { PRINT_MODE_BUILTINS } from './printCustomCommands.js';
import { isToolRemovedByDenyRules } from '../permissions/evaluatePermission.js';
import { loadOutputStyleCatalog, type OutputStyleCatalog } from '../extensions/outputStyles/outputStyleCatalog.js';
import { AgentsFlagError, parseAgentsFlag } from '../extensions/agents/sessionAgents.js';
import { loadAgentRegistry, type AgentRegistry } from '../extensions/agents/agentRegistry.js';
import { listedName } from '../extensions/commands/invocable.js';
import type { LoadedPlugin } from '../extensions/plugins/pluginLoader.js';
import { withPathAppended } from '../extensions/plugins/pluginBin.js';
import { loadSessionPlugins } from './sessionPlugins.js';
import { pluginAdmission } from '../extensions/plugins/pluginSignature.js';

export const DEFAULT_MAX_OUTPUT_TOKENS = 32000;

export interface AssembledSession {
  agent: Agent;
  session: OpenedSession;
  cwd: string;
  environment: WrightEnvironment;
  warnings: string[];
  /** The tools' per-session state; dispose it (background shells) when the session ends. */
  toolSession: ToolSessionState;
  /** The session's permission mode, shared with the policy every check reads (the TUI cycles it). */
  permissionMode: PermissionModeControl;
  /** The model id the session talks to. */
  model: string;
  /** The permission policy every check reads (its workingDirectories are the tools' too). */
  policy: PolicyInputs;
  /** What each request carries besides the conversation (for /context). */
  systemPrompt: string;
  tools: AnyTool[];
  memory: string | null;
  /** Where this project's transcripts live (and its prompt history). */
  transcriptDir: string;
  /** The settings in effect and the files they came from, for /config. */
  settings: MergedSettings;
  settingsSources: string[];
  projectRoot: string;
  /** The memory files given to the model, for /memory. */
  memoryFiles: Array<{ path: string; scope: string }>;
  /** What the session's tools run with (the user's own `!` commands use it too). */
  toolContext: Omit<ToolContext, 'signal'>;
  /** The environment tools' child processes get (wright's own credentials removed). */
  toolEnv: Record<string, string | undefined>;
  /** Settings `statusLine`: a command whose output replaces the footer's session details. */
  statusLine?: StatusLineSettings;
  /** Custom commands and skills, and the per-turn scopes their allowed-tools and model apply in. */
  customizations: SessionCustomizations;
  /** The front end's permission gate (what `/name` runs its `!` blocks through). */
  canUseTool: CanUseTool;
  /** The hooks in effect (every settings file's), for /hooks. */
  hookConfig: HookConfig;
  /** The session's hooks, when any are configured (front ends fire Notification through them). */
  hooks?: AgentHooks;
  /** The session's MCP servers; close it when the session ends. */
  mcp: McpHub;
  /** The output styles and the one applied to the system prompt, for /output-style. */
  outputStyles: OutputStyleCatalog;
  /** Subagent definitions (files and `--agents`), for /agents and subagents. */
  agents: AgentRegistry;
  /** The enabled plugins this session loaded, for /plugin. */
  plugins: LoadedPlugin[];
}

export type PolicyInputs = PermissionPolicy;

/** Loads settings, the environment they set, the permission policy, and the working directories. */
export function loadPolicy(
  options: Pick<CliOptions, 'settings' | 'permissionMode' | 'dangerouslySkipPermissions' | 'allowedTools' | 'disallowedTools' | 'addDir'>,
  processEnv: NodeJS.ProcessEnv,
): { settings: MergedSettings; settingsSources: string[]; env: NodeJS.ProcessEnv; environment: WrightEnvironment; policy: PolicyInputs; projectRoot: string } {
  const cwd = realpathSync(process.cwd());
  const bootEnvironment = readEnvironment(processEnv);
  const projectRoot = findProjectRoot(cwd);
  const loaded = loadSettings({
    cwd,
    projectRoot,
    configDir: bootEnvironment.configDir,
    home: bootEnvironment.home,
    managedPath: bootEnvironment.managedSettingsPath,
    ...(options.settings !== undefined ? { cliSettings: options.settings } : {}),
  });
  if (!loaded.ok) throw new ConfigurationError(`Invalid settings: ${loaded.error.format()}`);
  const settings = loaded.settings;
  const env = { ...processEnv, ...settings.env };
  const environment = readEnvironment(env);

  const mode = choosePermissionMode(options, settings);
  const flagRules = (list: string[], source: string) => list.map((rule) => ({ rule, source, root: cwd }));
  const parse = (entries: Array<{ rule: string; source: string; root: string }>) => {
    const { rules, errors } = parseRuleList(entries);
    if (errors.length > 0) {
      const first = errors[0]!;
      throw new ConfigurationError(`Invalid permission rule "${first.rule}" in ${first.source}: ${first.error}`);
    }
    return rules;
  };
  // Under allowManagedPermissionRulesOnly, rules from flags are ignored like any non-managed rule.
  const fromFlags = (list: string[], source: string) => (settings.permissions.managedRulesOnly ? [] : flagRules(list, source));
  const rules: PermissionRuleSet = {
    allow: parse([...settings.permissions.rules.allow, ...fromFlags(options.allowedTools, '--allowedTools')]),
    ask: parse(settings.permissions.rules.ask),
    deny: parse([...settings.permissions.rules.deny, ...fromFlags(options.disallowedTools, '--disallowedTools')]),
  };

  const workingDirectories = [cwd];
  for (const dir of [...options.addDir.map((d) => resolve(cwd, d)), ...settings.permissions.additionalDirectories]) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new ConfigurationError(`Additional working directory does not exist or is not a directory: ${dir}`);
    }
    const real = realpathSync(dir);
    if (!workingDirectories.includes(real)) workingDirectories.push(real);
  }
  return { settings, settingsSources: loaded.sources, env, environment, projectRoot, policy: { cwd, home: environment.home, mode, rules, workingDirectories } };
}

function choosePermissionMode(
  options: Pick<CliOptions, 'permissionMode' | 'dangerouslySkipPermissions'>,
  settings: MergedSettings,
): PermissionMode {
  const requested = options.dangerouslySkipPermissions ? 'bypassPermissions' : (options.permissionMode ?? settings.permissions.defaultMode ?? 'default');
  const mode = permissionModeNamed(requested);
  if (mode === undefined) {
    throw new ConfigurationError(`Unknown permission mode "${requested}". Use one of: ${PERMISSION_MODES.join(', ')}.`);
  }
  if (mode === 'bypassPermissions' && settings.permissions.bypassPermissionsDisabled) {
    throw new ConfigurationError('bypassPermissions mode is disabled by settings (permissions.disableBypassPermissionsMode).');
  }
  return mode;
}

function readPromptFile(path: string | undefined, flag: string): string | undefined {
  if (path === undefined) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigurationError(`${flag}: cannot read ${path}: ${(error as Error).message}`);
  }
}

/** Loads the Bash parser, turning a broken installation into a start-up error rather than a mid-turn one. */
export async function readyBashParser(): Promise<void> {
  try {
    await initBashParser();
  } catch (error) {
    throw new ConfigurationError((error as Error).message);
  }
}

export async function assembleAgent(
  options: CliOptions,
  version: string,
  makeCanUseTool: (policy: PolicyInputs) => CanUseTool,
  interaction: UserInteraction,
  /** Learns this session's secret values; redacts the transcript. */
  redactor: Redactor,
  /** What SessionStart hooks are told (default: `resume` when resuming, else `startup`). */
  sessionStartSource?: SessionStartSource,
): Promise<AssembledSession> {
  const { settings, settingsSources, env, environment, policy, projectRoot } = loadPolicy(options, process.env);
  const { cwd } = policy;
  const plugins = loadSessionPlugins({ configDir: environment.configDir, home: environment.home, enabledPlugins: settings.enabledPlugins, pluginDirs: options.pluginDir, cwd, admit: pluginAdmission(settings) });
  const hookConfig = loadHookConfig(settings, options.settings, plugins.hookEntries);
  const secrets = sessionSecrets(env, settings);
  redactor.addValues(secrets.values);
  // The machine is judged from the environment wright was started with, not one settings files add to.
  checkRootBypass(policy.mode, detectRuntimeEnvironment(hostRuntimeProbe(process.env)), process.env);

  if (options.systemPrompt !== undefined && options.systemPromptFile !== undefined) {
    throw new ConfigurationError('Use either --system-prompt or --system-prompt-file, not both.');
  }
  if (options.appendSystemPrompt !== undefined && options.appendSystemPromptFile !== undefined) {
    throw new ConfigurationError('Use either --append-system-prompt or --append-system-prompt-file, not both.');
  }
  const customSystemPrompt = options.systemPrompt ?? readPromptFile(options.systemPromptFile, '--system-prompt-file');
  const appendSystemPrompt = options.appendSystemPrompt ?? readPromptFile(options.appendSystemPromptFile, '--append-system-prompt-file');
  const sessionAgents = readAgentsFlag(options.agents);

  const modelConfig = resolveModelConfig({
    env,
    settings: {
      ...(settings.model !== undefined ? { model: settings.model } : {}),
      ...(settings.provider !== undefined ? { provider: settings.provider } : {}),
      ...(settings.maxRetries !== undefined ? { maxRetries: settings.maxRetries } : {}),
    },
    flags: {
      ...(options.model !== undefined ? { model: options.model } : {}),
      ...(options.provider !== undefined ? { provider: options.provider } : {}),
    },
  });
  if (!modelConfig.ok) throw new ConfigurationError(modelConfig.message);

  const opened = openSession({
    configDir: environment.configDir,
    cwd,
    version,
    continueLatest: options.continue,
    ...(options.resume !== undefined ? { resume: options.resume } : {}),
    fork: options.forkSession,
    ...(options.sessionId !== undefined ? { sessionId: options.sessionId } : {}),
    persist: !options.noSessionPersistence,
    redact: (entry) => redactor.redact(entry),
  });
  if (!opened.ok) throw new ConfigurationError(opened.message);

  // Loading the provider SDK is the slowest part of start-up; let git, memory, the sandbox probe and
  // the Bash parser (needed before the first permission decision) load alongside it.
  const memoryDirectory = autoMemoryEnabled(settings, env) ? autoMemoryDirectory(transcriptDir(environment.configDir, projectRoot)) : undefined;
  const memoryOptions = { cwd, projectRoot, configDir: environment.configDir, home: environment.home, ...(memoryDirectory !== undefined ? { autoMemoryDirectory: memoryDirectory } : {}) };
  const [client, sessionMemory, git, sandboxing, mcp] = await Promise.all([
    createModelClient(modelConfig.config),
    loadSessionMemory(memoryOptions),
    gitSnapshot(cwd),
    setUpSessionSandbox({
      settings: settings.sandbox,
      workingDirectories: policy.workingDirectories,
      home: environment.home,
      configDir: environment.configDir,
      env,
    }),
    McpHub.start({
      // managed-mcp.json sits beside the managed settings wright was started with, not one settings `env` names.
      locations: { projectRoot, configDir: environment.configDir, home: environment.home, managedMcpFile: managedMcpFileFor(readEnvironment(process.env).managedSettingsPath) },
      settings: settings.raw,
      env,
      serverEnv: secrets.toolEnv,
      cwd,
      version,
      onSecrets: (values) => redactor.addValues(values),
      pluginServers: plugins.mcpServers,
    }),
    readyBashParser(),
  ]);
  policy.sandboxAutoAllowsBash = sandboxing.autoAllowsBash;
  const sandbox = sandboxing.sandbox;
  if (sandbox) policy.runsOutsideSandbox = (command) => sandbox.runsOutside(command);
  const removed = toolsRemovedByDenyRules(policy.rules);
  const coreTools = createCoreTools({
    ...webToolOptions({ client, config: modelConfig.config, env, webSearch: settings.webSearch, version }),
    pastSessions: pastSessionSearch(transcriptDir(environment.configDir, cwd), opened.session.sessionId),
  });
  const extensionRoots = {
    configDir: environment.configDir,
    home: environment.home,
    projectRoot,
    cwd,
    // Only the directories named with --add-dir bring their definitions; settings' additionalDirectories grant file access alone.
    addedDirectories: options.addDir.map((dir) => realpathSync(resolve(cwd, dir))),
  };
  const outputStyles = loadOutputStyleCatalog(extensionRoots, settings.outputStyle, plugins.styleDirectories);
  const systemPrompt = buildSystemPrompt({
    model: modelConfig.config.model,
    cwd,
    git,
    date: localDate(new Date()),
    ...(customSystemPrompt !== undefined ? { customSystemPrompt } : {}),
    ...(appendSystemPrompt !== undefined ? { appendSystemPrompt } : {}),
    allowedToolRules: policy.rules.allow.map((rule) => rule.raw),
    outputStyle: outputStyles.selected,
  });

  const toolSession = createToolSessionState(cwd);
  policy.scratchDirectories = toolSession.scratchDirectories;
  const permissionMode = policyModeControl(policy);
  if (memoryDirectory !== undefined) policy.autoMemoryDirectory = memoryDirectory;
  const nestedMemory = new NestedMemory({
    cwd,
    projectRoot,
    home: environment.home,
    loadedAtStart: sessionMemory.canonicalPaths,
    scopedRules: sessionMemory.scopedRules,
  });
  const sessionEnvFile = prepareSessionEnvFile({
    config: hookConfig,
    configDir: environment.configDir,
    sessionId: opened.session.sessionId,
    toolEnv: secrets.toolEnv,
    baseDirectory: policy.workingDirectories[0] ?? cwd,
  });
  const toolEnv = withPathAppended(sessionEnvFile?.toolEnv ?? secrets.toolEnv, plugins.binDirectories);
  const toolContext: Omit<ToolContext, 'signal'> = {
    cwd,
    workingDirectories: policy.workingDirectories,
    readLedger: new FileReadLedger(),
    session: toolSession,
    env: toolEnv,
    isReadDenied: (path) => denyingPathRule(path, 'read', policy) !== undefined,
    modelFeatures: {
      provider: modelConfig.config.provider,
      documentBlocks: modelConfig.config.provider === 'anthropic',
    },
    interaction,
    permissionMode,
    ...(sandboxing.sandbox ? { sandbox: sandboxing.sandbox } : {}),
  };
  const customizations = loadSessionCustomizations({
    roots: extensionRoots,
    policy,
    client,
    env,
    toolContext,
    pluginDefinitions: plugins.invocables,
  });
  // The Skill tool goes last: the built-in tools' definitions stay a stable cached prefix.
  // MCP tools follow: a bare deny rule removes them too, also by server (`mcp__github`) or wildcard.
  // An MCP server's tools can change (list_changed, a reconnect): the agent reads them before each
  // request, the same array while nothing changed.
  const staticTools = [...coreTools, ...customizations.tools].filter((tool) => !removed.has(tool.name));
  let mcpSource: AnyTool[] | undefined;
  let currentTools: AnyTool[] = staticTools;
  const toolsNow = (): AnyTool[] => {
    const from = mcp.tools();
    if (from !== mcpSource) {
      mcpSource = from;
      currentTools = staticTools.concat(from.filter((tool) => !isToolRemovedByDenyRules(tool.name, policy.rules)));
    }
    return currentTools;
  };
  const tools = toolsNow();
  const memory = withSkillListing(sessionMemory.reminder, customizations.listing);
  const agents = loadAgentRegistry({ roots: extensionRoots, toolNames: tools.map((tool) => tool.name), pluginDirectories: plugins.agentDirectories, ...(sessionAgents !== undefined ? { session: sessionAgents } : {}) });
  const canUseTool = makeCanUseTool(policy);
  const hooks =
    hookConfig.entries.length === 0
      ? undefined
      : createSessionHooks(
          hookConfig,
          {
            sessionId: opened.session.sessionId,
            transcriptPath: opened.session.writer?.path ?? null,
            cwd,
            projectDir: projectRoot,
            permissionMode: () => permissionMode.current(),
            env: toolEnv,
          },
          { client, smallModel: resolveSmallFastModel(modelConfig.config.provider, env), model: modelConfig.config.model },
          sessionEnvFile?.path,
        );
  const agent = new Agent({
    model: customizations.modelClient,
    modelId: modelConfig.config.model,
    maxTokens: DEFAULT_MAX_OUTPUT_TOKENS,
    tools,
    toolsProvider: toolsNow,
    systemPrompt,
    contextReminder: memory,
    canUseTool: customizations.gate(canUseTool),
    toolContext,
    transcript: opened.session.writer,
    history: opened.session.history,
    sessionId: opened.session.sessionId,
    ...(options.maxTurns !== undefined ? { maxTurns: options.maxTurns } : {}),
    ...(options.maxBudgetUsd !== undefined ? { maxBudgetUsd: options.maxBudgetUsd } : {}),
    contextWindow: contextWindowOf(modelConfig.config.model, env),
    nestedMemory,
    reloadMemory: async () => withSkillListing((await loadSessionMemory(memoryOptions)).reminder, customizations.listing),
    promptCaching: !['1', 'true'].includes(String(env.DISABLE_PROMPT_CACHING ?? '').toLowerCase()),
    autoCompactThresholdTokens: autoCompactThresholdTokens(contextWindowOf(modelConfig.config.model, env), DEFAULT_MAX_OUTPUT_TOKENS, settings, env),
    apiKeySource: modelConfig.config.credential?.source ?? 'none',
    version,
    mcpServers: () => mcp.servers().map((server) => ({ name: server.name, status: server.status })),
    slashCommands: () => [...PRINT_MODE_BUILTINS, ...customizations.registry.userInvocable().map(listedName), ...mcpPromptCommands(mcp).map((command) => command.name)],
    plugins: plugins.plugins.map((plugin) => ({ name: plugin.name, path: plugin.root })),
    // Claude Code reports the default style as `default`; others by their name.
    outputStyle: outputStyles.selected.name.toLowerCase() === 'default' ? 'default' : outputStyles.selected.name,
    ...(hooks ? { hooks, sessionStartSource: sessionStartSource ?? (options.continue || options.resume !== undefined ? 'resume' : 'startup') } : {}),
  });
  const warnings = [...plugins.warnings, ...sessionMemory.warnings, ...sandboxing.warnings, ...customizations.warnings, ...hookConfig.warnings, ...mcp.warnings, ...outputStyles.warnings, ...agents.warnings];
  if (opened.session.skippedLines > 0) {
    warnings.push(`Skipped ${opened.session.skippedLines} damaged line(s) in the resumed transcript.`);
  }
  return {
    agent,
    session: opened.session,
    cwd,
    environment,
    warnings,
    toolSession,
    permissionMode,
    model: modelConfig.config.model,
    policy,
    systemPrompt,
    tools,
    memory,
    transcriptDir: transcriptDir(environment.configDir, cwd),
    toolEnv,
    toolContext,
    settings,
    settingsSources,
    projectRoot,
    memoryFiles: sessionMemory.files.map((file) => ({ path: file.path, scope: file.scope })),
    ...(settings.statusLine ? { statusLine: settings.statusLine } : {}),
    customizations,
    canUseTool,
    hookConfig,
    ...(hooks ? { hooks } : {}),
    mcp,
    outputStyles,
    agents: agents.registry,
    plugins: plugins.plugins,
  };
}

/** `--agents` read before anything starts, so malformed JSON stops the session cleanly. */
function readAgentsFlag(json: string | undefined): ReturnType<typeof parseAgentsFlag> | undefined {
  if (json === undefined) return undefined;
  try {
    return parseAgentsFlag(json);
  } catch (error) {
    if (error instanceof AgentsFlagError) throw new ConfigurationError(error.message);
    throw error;
  }
}

