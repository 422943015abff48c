// The tool context an Agent under test runs its tools with: a real directory, nothing to ask.
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
