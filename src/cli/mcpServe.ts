// `wright mcp serve`: wright's tools over MCP on stdin/stdout for another agent. Calls go through the
// configured PreToolUse/PostToolUse hooks and permission rules with print-mode semantics: what would
// need approval is refused, with the reason. What hooks add for the model follows the result; what
// they say for the user goes to stderr. Nothing but the protocol is written to stdout.
import { randomUUID } from 'node:crypto';
import { executeToolCall } from '../agent/executeToolCall.js';
import { serveTools } from '../extensions/mcp/toolServer.js';
import { toolsRemovedByDenyRules } from '../permissions/evaluatePermission.js';
import { denyingPathRule } from '../permissions/pathDenial.js';
import { policyModeControl } from '../permissions/modeControl.js';
import { setUpSessionSandbox } from '../sandbox/sessionSandbox.js';
import { FileReadLedger } from '../tools/fileReadLedger.js';
import { createCoreTools, createToolSessionState, disposeToolSessionState } from '../tools/index.js';
import type { ToolContext } from '../tools/types.js';
import { loadPolicy, readyBashParser } from './assembleAgent.js';
import { EXIT } from './exitCodes.js';
import { printModeInteraction } from './printInteraction.js';
import { printModeCanUseTool } from './printPermissions.js';
import { sessionSecrets } from './sessionSecrets.js';
import { createSessionHooks, loadHookConfig } from './sessionHooks.js';
import { withHookVerdicts } from './hookPermissionGate.js';
import type { MergedSettings } from '../config/settings.js';
import { SessionHooks } from '../extensions/hooks/agentHooks.js';
import type { HookConfig } from '../extensions/hooks/hookConfig.js';
import { HookRunner, type HookSession } from '../extensions/hooks/hookRunner.js';
import { createModelClient } from '../model/createModelClient.js';
import { resolveModelConfig, resolveSmallFastModel } from '../model/modelConfig.js';
import type { ToolResultBlock } from '../model/types.js';

/** Tools that need a person or a conversation, which an MCP client cannot provide. */
const NOT_SERVED = new Set(['AskUserQuestion', 'EnterPlanMode', 'ExitPlanMode']);

export async function runMcpServe(version: string): Promise<number> {
  const { settings, env, environment, policy, projectRoot } = loadPolicy(
    { permissionMode: undefined, dangerouslySkipPermissions: false, allowedTools: [], disallowedTools: [], addDir: [] },
    process.env,
  );
  const secrets = sessionSecrets(env, settings);
  const [sandboxing] = await Promise.all([
    setUpSessionSandbox({ settings: settings.sandbox, workingDirectories: policy.workingDirectories, home: environment.home, configDir: environment.configDir, env }),
    readyBashParser(),
  ]);
  for (const warning of sandboxing.warnings) process.stderr.write(`wright: warning: ${warning}\n`);
  policy.sandboxAutoAllowsBash = sandboxing.autoAllowsBash;
  const sandbox = sandboxing.sandbox;
  if (sandbox) policy.runsOutsideSandbox = (command) => sandbox.runsOutside(command);
  const toolSession = createToolSessionState(policy.cwd);
  policy.scratchDirectories = toolSession.scratchDirectories;
  const removed = toolsRemovedByDenyRules(policy.rules);
  const tools = createCoreTools({ version }).filter((tool) => !NOT_SERVED.has(tool.name) && !removed.has(tool.name));
  const context: Omit<ToolContext, 'signal'> = {
    cwd: policy.cwd,
    workingDirectories: policy.workingDirectories,
    readLedger: new FileReadLedger(),
    session: toolSession,
    env: secrets.toolEnv,
    isReadDenied: (path) => denyingPathRule(path, 'read', policy) !== undefined,
    modelFeatures: { provider: 'anthropic', documentBlocks: false },
    interaction: printModeInteraction,
    permissionMode: policyModeControl(policy),
    ...(sandbox ? { sandbox } : {}),
  };
  const hooks = await serveHooks(loadHookConfig(settings, undefined), settings, env, {
    sessionId: randomUUID(),
    transcriptPath: null,
    cwd: policy.cwd,
    projectDir: projectRoot,
    permissionMode: () => context.permissionMode.current(),
    env: secrets.toolEnv,
  });
  const gate = hooks ? withHookVerdicts(printModeCanUseTool(policy), policy, { promptsUser: false }) : printModeCanUseTool(policy);
  const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
  const transport = new StdioServerTransport();
  // The client going away ends the server (the SDK's stdio transport does not watch for it).
  process.stdin.once('end', () => void transport.close());
  try {
    await serveTools(
      tools,
      async (tool, input, signal) => {
        const use = { type: 'tool_use' as const, id: `toolu_${randomUUID().replace(/-/g, '')}`, name: tool.name, input };
        const outcome = await executeToolCall(use, tool, gate, { ...context, signal }, hooks);
        for (const message of outcome.hookMessages ?? []) process.stderr.write(`wright: ${message.event} hook: ${message.text}\n`);
        return withHookContext(outcome.block, outcome.hookContext);
      },
      transport,
      version,
    );
  } finally {
    await disposeToolSessionState(toolSession);
  }
  return EXIT.success;
}

/**
 * The hooks for served calls, or undefined when none are configured. Prompt hooks need a model:
 * the one the settings and environment name, else they fail as non-blocking errors.
 */
async function serveHooks(config: HookConfig, settings: MergedSettings, env: Record<string, string | undefined>, session: HookSession): Promise<SessionHooks | undefined> {
  if (config.entries.length === 0) return undefined;
  const model = resolveModelConfig({
    env,
    settings: { ...(settings.model !== undefined ? { model: settings.model } : {}), ...(settings.provider !== undefined ? { provider: settings.provider } : {}) },
    flags: {},
  });
  const withoutModel = () => new SessionHooks(new HookRunner(config, session, {}));
  if (!model.ok) return withoutModel();
  try {
    const client = await createModelClient(model.config);
    return createSessionHooks(config, session, { client, smallModel: resolveSmallFastModel(model.config.provider, env), model: model.config.model });
  } catch {
    return withoutModel();
  }
}

/** What hooks added for the model follows the result, as it would in a session. */
function withHookContext(block: ToolResultBlock, context: string | undefined): ToolResultBlock {
  if (context === undefined) return block;
  const content = typeof block.content === 'string' ? [{ type: 'text' as const, text: block.content }] : block.content;
  return { ...block, content: [...content, { type: 'text', text: context }] };
}
