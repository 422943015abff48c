// `wright mcp serve`: wright's tools over MCP on stdin/stdout for another agent. Calls go through the
// configured permission rules with print-mode semantics: what would need approval is refused, with
// the reason. Nothing but the protocol is written to stdout.
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

/** Tools that need a person or a conversation, which an MCP client cannot provide. */
const NOT_SERVED = new Set(['AskUserQuestion', 'EnterPlanMode', 'ExitPlanMode']);

export async function runMcpServe(version: string): Promise<number> {
  const { settings, env, environment, policy } = loadPolicy(
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
  const gate = printModeCanUseTool(policy);
  const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
  const transport = new StdioServerTransport();
  // The client going away ends the server (the SDK's stdio transport does not watch for it).
  process.stdin.once('end', () => void transport.close());
  try {
    await serveTools(
      tools,
      async (tool, input, signal) => {
        const use = { type: 'tool_use' as const, id: `toolu_${randomUUID().replace(/-/g, '')}`, name: tool.name, input };
        return (await executeToolCall(use, tool, gate, { ...context, signal })).block;
      },
      transport,
      version,
    );
  } finally {
    await disposeToolSessionState(toolSession);
  }
  return EXIT.success;
}
