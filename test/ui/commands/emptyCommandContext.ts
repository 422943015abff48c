// A session with nothing in it, as the slash commands see it; tests add what they look at.
import type { SlashCommandContext } from '../../../src/ui/commands/slashCommands.js';

export function emptyCommandContext(overrides: Partial<SlashCommandContext> = {}): SlashCommandContext {
  return {
    cwd: '/repo',
    version: '0.1.0',
    sessionId: 's',
    model: 'm',
    permissionMode: 'default',
    transcriptDir: '/nowhere',
    workingDirectories: ['/repo'],
    messages: () => [],
    usage: () => ({ totalCostUsd: 0, byModel: {}, durationMs: 0, apiDurationMs: 0 }),
    todos: () => [],
    context: () => ({ systemPrompt: '', tools: [], memory: null, messages: [], contextWindow: 200_000 }),
    rules: () => ({ allow: [], ask: [], deny: [] }),
    ...overrides,
  };
}
