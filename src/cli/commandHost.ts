// The interactive session as the slash commands see it: built from the assembled session and the
// app's controller (usage totals), read afresh each time a command runs.
import { join } from 'node:path';
import { loginSessionServer, logoutSessionServer } from './mcpSessionLogin.js';
import { formatDoctorReport, runDoctorChecks } from './doctorChecks.js';
import type { AssembledSession } from './assembleAgent.js';
import { contextWindowOf } from '../model/contextWindow.js';
import { addLocalPermissionRules, LOCAL_SETTINGS_RELATIVE_PATH, setLocalSettingsValue } from '../config/localSettingsWriter.js';
import { bashTool } from '../tools/bashTool.js';
import { applyRulesToPolicy } from '../ui/permissions/applyAllowRules.js';
import { toolInputJsonSchema } from '../tools/jsonSchema.js';
import { SLASH_COMMANDS, type CustomCommandInfo, type SlashCommandContext } from '../ui/commands/slashCommands.js';
import { listedName, originLabel } from '../extensions/commands/invocable.js';
import type { CommandHost } from '../ui/app/commandHost.js';
import type { SessionController } from '../ui/app/sessionController.js';
import { addWorkingDirectory } from '../ui/app/workingDirectories.js';
import { formatHookListing } from '../extensions/hooks/hooksListing.js';
import { formatMcpServers } from '../extensions/mcp/mcpListing.js';
import { resourceMentionBlocks } from '../extensions/mcp/resourceMentions.js';
import { expandMcpPrompt, findMcpPromptCommand, mcpPromptCommands } from '../extensions/mcp/mcpPromptCommands.js';
import { formatOutputStyles } from '../extensions/outputStyles/outputStyleCatalog.js';
import { formatAgentListing } from '../extensions/agents/agentRegistry.js';
import { formatPluginListing } from '../extensions/plugins/pluginListing.js';

export const promptHistoryFile = (transcriptDir: string): string => join(transcriptDir, 'prompt-history.jsonl');

export function sessionCommandHost(
  assembled: AssembledSession,
  version: string,
  env: Record<string, string | undefined>,
  controller: SessionController,
): CommandHost {
  const { policy, agent } = assembled;
  const { registry } = assembled.customizations;
  const builtins = new Set(SLASH_COMMANDS.map((command) => command.name));
  const fileCommands: CustomCommandInfo[] = registry
    .userInvocable()
    .filter((definition) => !builtins.has(definition.name))
    .map((definition) => ({
      name: listedName(definition),
      description: definition.description,
      origin: originLabel(definition),
      ...(definition.argumentHint !== undefined ? { argumentHint: definition.argumentHint } : {}),
    }));
  // MCP prompts come and go with their servers: read them each time.
  const customCommands = (): CustomCommandInfo[] => [
    ...fileCommands,
    ...mcpPromptCommands(assembled.mcp).map((command) => ({
      name: command.name,
      description: command.description,
      origin: `(MCP: ${command.server})`,
      ...(command.argumentHint !== undefined ? { argumentHint: command.argumentHint } : {}),
    })),
  ];
  const toolDefinitions = assembled.tools.map((tool) => ({ name: tool.name, description: tool.description, input_schema: toolInputJsonSchema(tool) }));
  const context = (): SlashCommandContext => ({
    cwd: assembled.cwd,
    version,
    sessionId: assembled.session.sessionId,
    model: assembled.model,
    permissionMode: assembled.permissionMode.current(),
    transcriptDir: assembled.transcriptDir,
    workingDirectories: policy.workingDirectories,
    messages: () => agent.messages,
    usage: () => controller.usage(),
    todos: () => assembled.toolSession.todos,
    context: () => {
      const reported = controller.getState().conversation.contextTokens;
      return {
        systemPrompt: assembled.systemPrompt,
        tools: toolDefinitions,
        memory: assembled.memory,
        messages: agent.messages,
        contextWindow: contextWindowOf(assembled.model, env),
        ...(reported > 0 ? { reportedInputTokens: reported } : {}),
      };
    },
    config: () => ({
      sources: assembled.settingsSources,
      summary: [
        ['model', assembled.model],
        ['permission mode', assembled.permissionMode.current()],
        ['working directories', policy.workingDirectories.join(', ')],
        ['sandbox', assembled.settings.sandbox.enabled ? 'enabled' : 'off'],
        ['web search', assembled.settings.webSearch?.provider ?? 'provider default'],
        ['status line', assembled.settings.statusLine?.command ?? 'default'],
        ['settings env', Object.keys(assembled.settings.env).join(', ') || '(none)'],
      ],
    }),
    memory: () => ({
      loaded: assembled.memoryFiles,
      paths: {
        project: join(assembled.projectRoot, 'WRIGHT.md'),
        local: join(assembled.projectRoot, 'WRIGHT.local.md'),
        user: join(assembled.environment.configDir, 'WRIGHT.md'),
      },
    }),
    customCommands,
    hasCustomCommand: (name) => !builtins.has(name) && (registry.forUser(name) !== undefined || findMcpPromptCommand(assembled.mcp, name) !== undefined),
    hooks: () => formatHookListing(assembled.hookConfig, { disabled: assembled.settings.disableAllHooks }),
    mcp: () => formatMcpServers(assembled.mcp.servers()),
    outputStyles: () => ({
      names: assembled.outputStyles.styles.map((style) => style.name),
      listing: formatOutputStyles(assembled.outputStyles.styles, assembled.outputStyles.selected.name),
    }),
    agents: () => formatAgentListing(assembled.agents),
    plugins: () => formatPluginListing(assembled.plugins),
    rules: () => ({
      allow: policy.rules.allow.map((rule) => rule.raw),
      ask: policy.rules.ask.map((rule) => rule.raw),
      deny: policy.rules.deny.map((rule) => rule.raw),
    }),
  });
  return {
    context,
    addRule: async (behavior, rule) => {
      const localSettings = join(assembled.projectRoot, LOCAL_SETTINGS_RELATIVE_PATH);
      const applied = applyRulesToPolicy(policy, behavior, [rule], localSettings, assembled.projectRoot);
      if (applied.errors.length > 0) throw new Error(`Not a valid rule: ${applied.errors[0]!.error}`);
      // The policy object is shared with every permission check: change its list in place.
      policy.rules[behavior] = applied.policy.rules[behavior];
      const { path, added } = await addLocalPermissionRules(assembled.projectRoot, behavior, [rule]);
      return added.length === 0 ? `${rule} is already in ${behavior} (${path}).` : `Added ${rule} to ${behavior} in ${path}; it applies now.`;
    },
    setOutputStyle: async (name) => {
      const path = await setLocalSettingsValue(assembled.projectRoot, 'outputStyle', name);
      // The system prompt is the cached prefix of every request: it changes with the next session.
      return `Output style set to ${name} in ${path}; it applies from the next session (or /clear).`;
    },
    runShell: async (command, signal) => {
      const result = await bashTool.run({ command }, { ...assembled.toolContext, signal });
      const output = typeof result.content === 'string' ? result.content : result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
      return { output, failed: result.isError === true };
    },
    runCustomCommand: async (name, args, text) => {
      const definition = registry.forUser(name);
      const mcpPrompt = definition === undefined ? findMcpPromptCommand(assembled.mcp, name) : undefined;
      if (mcpPrompt !== undefined) {
        const expanded = await expandMcpPrompt(assembled.mcp, mcpPrompt, args, new AbortController().signal);
        if (!expanded.ok) return expanded.error;
        controller.submit(text, expanded.prompt);
        return undefined;
      }
      if (definition === undefined) return `Unknown command /${name}.`;
      const { customizations } = assembled;
      const prepared = await customizations.prepareUserInvocation(definition, args, assembled.canUseTool, new AbortController().signal);
      if (!prepared.ok) return prepared.error;
      for (const note of prepared.notes) controller.notice(note, 'warning');
      // The scope is taken by the next turn to start: this one, or the one it is queued for.
      customizations.scopes.queue(prepared.scope);
      controller.submit(text, prepared.prompt);
      return undefined;
    },
    resourceMentions: () => assembled.mcp.resourceMentions(),
    onCustomCommandsChange: (listener) => assembled.mcp.onChange(listener),
    mentionAttachments: (text) => resourceMentionBlocks(text, assembled.mcp, new AbortController().signal),
    reconnectMcpServer: async (name) => {
      const known = assembled.mcp.servers();
      const server = known.find((candidate) => candidate.name === name);
      if (server === undefined) return `No MCP server named "${name}". Servers: ${known.map((candidate) => candidate.name).join(', ') || '(none)'}.`;
      if (assembled.mcp.connection(name) === undefined) return `MCP server "${name}" is ${server.status}${server.detail !== undefined ? `: ${server.detail}` : ''}; it cannot be reconnected.`;
      const [after] = await assembled.mcp.reconnect(name);
      if (after?.status === 'connected') return `Reconnected to ${name} · ${after.tools} tool${after.tools === 1 ? '' : 's'}.`;
      return `Could not reconnect to ${name}: ${after?.detail ?? after?.status ?? 'unknown error'}`;
    },
    loginMcpServer: (name, say) =>
      loginSessionServer(name, { hub: assembled.mcp, configDir: assembled.environment.configDir, env, version, say, signal: new AbortController().signal }),
    logoutMcpServer: (name) => logoutSessionServer(name, { hub: assembled.mcp, configDir: assembled.environment.configDir, env }),
    addDirectory: (path) => addWorkingDirectory(path, assembled.cwd, policy.workingDirectories),
    doctor: async () =>
      formatDoctorReport(
        await runDoctorChecks({
          cwd: assembled.cwd,
          env,
          platform: process.platform,
          nodeVersion: process.version,
          terminal: { isTTY: Boolean(process.stdout.isTTY), ...(process.stdout.columns ? { columns: process.stdout.columns } : {}), ...(process.stdout.rows ? { rows: process.stdout.rows } : {}) },
        }),
      ),
  };
}
