// The tool context an Agent under test runs its tools with (a real directory, nothing to ask), and
// the options such an Agent starts from.
import type { AgentOptions } from '../../src/agent/agent.js';
import type { ModelClient } from '../../src/model/types.js';
import { policyModeControl } from '../../src/permissions/modeControl.js';
import { FileReadLedger } from '../../src/tools/fileReadLedger.js';
import { createToolSessionState } from '../../src/tools/index.js';
import type { ToolContext } from '../../src/tools/types.js';

export function agentToolContext(dir: string): Omit<ToolContext, 'signal'> {
  return {
    cwd: dir,
    workingDirectories: [dir],
    readLedger: new FileReadLedger(),
    session: createToolSessionState(dir),
    env: {},
    modelFeatures: { provider: 'anthropic', documentBlocks: true },
    interaction: { askQuestions: async () => null },
    permissionMode: policyModeControl({ mode: 'default' }),
  };
}

/** Options for an Agent under test: a model, no transcript, every tool allowed; `overrides` win. */
export function testAgentOptions(model: ModelClient, dir: string, overrides: Partial<AgentOptions> = {}): AgentOptions {
  return {
    model,
    modelId: 'claude-sonnet-5-5',
    maxTokens: 1000,
    tools: [],
    systemPrompt: 'system',
    canUseTool: async () => ({ behavior: 'allow', reason: 'test' }),
    toolContext: agentToolContext(dir),
    transcript: null,
    sessionId: 'session-1',
    apiKeySource: 'none',
    version: 'test',
    ...overrides,
  };
}
