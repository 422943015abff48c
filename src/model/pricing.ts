// What a response cost, in US dollars. Prices are per million tokens; a model ID matches the entry
// whose family name it starts with (the longest such), so dated IDs like
// `claude-sonnet-4-5-20250929` and `gpt-4o-mini-2024-07-18` find their family.
import type { Usage } from './types.js';

export interface ModelPrice {
  input: number;
  output: number;
  /** Writing the prompt cache (5-minute TTL). */
  cacheWrite: number;
  cacheRead: number;
}

/** Anthropic bills cache writes at 1.25× input and cache reads at 0.1× input. */
const claude = (input: number, output: number): ModelPrice => ({
  input,
  output,
  cacheWrite: input * 1.25,
  cacheRead: input * 0.1,
});

/** OpenAI has no cache-write charge; its cached-input discount differs by model. */
const openai = (input: number, output: number, cacheRead: number): ModelPrice => ({
  input,
  output,
  cacheWrite: input,
  cacheRead,
});

const CLAUDE_FAMILIES: Array<[family: string, price: ModelPrice]> = [
  // Opus 4 and 4.1; Opus 4.5 and later are priced by version in newerClaudePrice.
  ['claude-opus-4', claude(15, 75)],
  ['claude-haiku-4-5', claude(1, 5)],
  ['claude-3-5-haiku', claude(0.8, 4)],
  ['claude-3-haiku', claude(0.25, 1.25)],
  ['claude-3-7-sonnet', claude(3, 15)],
  ['claude-3-5-sonnet', claude(3, 15)],
  ['claude-3-opus', claude(15, 75)],
];

const OPENAI_FAMILIES: Array<[family: string, price: ModelPrice]> = [
  ['gpt-4.1', openai(2, 8, 0.5)],
  ['gpt-4.1-mini', openai(0.4, 1.6, 0.1)],
  ['gpt-4.1-nano', openai(0.1, 0.4, 0.025)],
  ['gpt-4o', openai(2.5, 10, 1.25)],
  ['gpt-4o-mini', openai(0.15, 0.6, 0.075)],
  ['gpt-5', openai(1.25, 10, 0.125)],
  ['gpt-5-mini', openai(0.25, 2, 0.025)],
  ['gpt-5-nano', openai(0.05, 0.4, 0.005)],
  ['o3', openai(2, 8, 0.5)],
  ['o3-mini', openai(1.1, 4.4, 0.55)],
  ['o4-mini', openai(1.1, 4.4, 0.275)],
];

/** The price of a model, or null when we do not know it (local models, new families). */
export function priceOfModel(model: string): ModelPrice | null {
  const id = canonicalModelId(model);
  return newerClaudePrice(id) ?? longestFamilyMatch(id, [...CLAUDE_FAMILIES, ...OPENAI_FAMILIES]);
}

export function costOfUsage(model: string, usage: Usage): { usd: number; priced: boolean } {
  const price = priceOfModel(model);
  if (!price) return { usd: 0, priced: false };
  const usd =
    (usage.input_tokens * price.input +
      usage.output_tokens * price.output +
      usage.cache_creation_input_tokens * price.cacheWrite +
      usage.cache_read_input_tokens * price.cacheRead) /
    1_000_000;
  return { usd, priced: true };
}

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    input_tokens: a.input_tokens + b.input_tokens,
    output_tokens: a.output_tokens + b.output_tokens,
    cache_creation_input_tokens: a.cache_creation_input_tokens + b.cache_creation_input_tokens,
    cache_read_input_tokens: a.cache_read_input_tokens + b.cache_read_input_tokens,
  };
}

/**
 * Lower-case, without a router's `vendor/` prefix or a cloud's `us.anthropic.` prefix, so
 * `anthropic/claude-sonnet-4-5` and `us.anthropic.claude-sonnet-4-5-20250929-v1:0` price like the bare ID.
 */
function canonicalModelId(model: string): string {
  const bare = model.trim().toLowerCase().split('/').pop() ?? '';
  const claudeAt = bare.indexOf('claude-');
  return claudeAt > 0 ? bare.slice(claudeAt) : bare;
}

/**
 * Families priced by version rather than by name (published list prices, checked 2026-11):
 * Sonnet 4–4.x cost 3/15 and Sonnet 5 and 5.x 2/10; Opus 4.5 to 5 cost 5/25 and Opus 5.5 4/20;
 * Haiku 5.5 costs 0.10/0.50 for prompts up to 100k tokens (the long-prompt tier is not modelled);
 * Fable and Mythos 5.x cost 10/50. A one- or two-digit number after the major version is a minor
 * version; an eight-digit one is a date. Anything newer is reported as unpriced, not guessed.
 */
function newerClaudePrice(id: string): ModelPrice | null {
  const match = /^claude-(opus|sonnet|haiku|fable|mythos)-(\d+)(?:-(\d{1,2}))?(?:$|[-@:])/.exec(id);
  if (!match) return null;
  const [, family, majorText, minorText] = match;
  const version = Number(majorText) + (minorText === undefined ? 0 : Number(minorText) / 10);
  switch (family) {
    case 'sonnet':
      if (version >= 4 && version < 5) return claude(3, 15);
      if (version >= 5 && version < 6) return claude(2, 10);
      return null;
    case 'opus':
      if (version >= 4.5 && version <= 5) return claude(5, 25);
      if (version === 5.5) return claude(4, 20);
      return null;
    case 'haiku':
      return version === 5.5 ? claude(0.1, 0.5) : null;
    default:
      return version >= 5 && version < 6 ? claude(10, 50) : null;
  }
}

function longestFamilyMatch(id: string, families: Array<[string, ModelPrice]>): ModelPrice | null {
  let best: [string, ModelPrice] | null = null;
  for (const entry of families) {
    const [family] = entry;
    const matches = id === family || id.startsWith(`${family}-`) || id.startsWith(`${family}@`);
    if (matches && (!best || family.length > best[0].length)) best = entry;
  }
  return best ? best[1] : null;
}
