// `/context`: where the context window goes — system prompt, tool definitions, memory files and the
// conversation — estimated from their sizes (≈ 4 characters a token), and scaled to the real count
// when the last response reported one.
import type { Message, ToolDefinition } from '../model/types.js';
import { estimateMessagesTokens, estimateTextTokens } from './tokenEstimate.js';

export interface ContextUsageInput {
  systemPrompt: string;
  tools: readonly ToolDefinition[];
  memory: string | null;
  messages: readonly Message[];
  contextWindow: number;
  /** Input tokens (cached included) the provider counted for the latest request, if any. */
  reportedInputTokens?: number;
}

export interface ContextUsage {
  categories: Array<{ name: string; tokens: number }>;
  usedTokens: number;
  contextWindow: number;
  percentUsed: number;
}

export function contextUsage(input: ContextUsageInput): ContextUsage {
  const estimated = [
    { name: 'System prompt', tokens: estimateTextTokens(input.systemPrompt) },
    { name: 'Tools', tokens: estimateTextTokens(JSON.stringify(input.tools)) },
    { name: 'Memory files', tokens: input.memory ? estimateTextTokens(input.memory) : 0 },
    { name: 'Messages', tokens: estimateMessagesTokens(input.messages) },
  ];
  const estimatedTotal = estimated.reduce((sum, category) => sum + category.tokens, 0);
  const reported = input.reportedInputTokens;
  const scale = reported !== undefined && reported > 0 && estimatedTotal > 0 ? reported / estimatedTotal : 1;
  const categories = estimated.map((category) => ({ name: category.name, tokens: Math.round(category.tokens * scale) }));
  const usedTokens = reported !== undefined && reported > 0 ? reported : estimatedTotal;
  return { categories, usedTokens, contextWindow: input.contextWindow, percentUsed: (usedTokens / input.contextWindow) * 100 };
}

export function formatContextUsage(usage: ContextUsage): string {
  const k = (tokens: number) => (tokens >= 1000 ? `${(tokens / 1000).toFixed(1)}k` : String(tokens));
  const percent = (tokens: number) => `${((tokens / usage.contextWindow) * 100).toFixed(1)}%`;
  const lines = [`Context: ${k(usage.usedTokens)} of ${k(usage.contextWindow)} tokens (${usage.percentUsed.toFixed(1)}%)`];
  for (const category of usage.categories) lines.push(`  ${category.name.padEnd(14)} ${k(category.tokens).padStart(7)}  ${percent(category.tokens)}`);
  const free = Math.max(0, usage.contextWindow - usage.usedTokens);
  lines.push(`  ${'Free'.padEnd(14)} ${k(free).padStart(7)}  ${percent(free)}`);
  return lines.join('\n');
}
