// When the conversation is compacted on its own: once the next request would fill a share of the
// context window (settings `autoCompactThreshold`, a percentage, default 80), leaving room for the
// answer. `autoCompactEnabled: false` or DISABLE_AUTO_COMPACT turns it off; the
// WRIGHT_AUTOCOMPACT_PCT_OVERRIDE (or CLAUDE_AUTOCOMPACT_PCT_OVERRIDE) variable overrides the share.

export const DEFAULT_AUTO_COMPACT_PERCENT = 80;

export interface AutoCompactSettings {
  autoCompactEnabled?: boolean;
  autoCompactThreshold?: number;
}

const isOn = (value: string | undefined) => value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';

function percentFrom(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const percent = Number(value);
  return Number.isFinite(percent) && percent > 0 && percent <= 100 ? percent : undefined;
}

/** The input size (tokens) at which to compact before sending, or null when auto-compaction is off. */
export function autoCompactThresholdTokens(
  contextWindow: number,
  maxOutputTokens: number,
  settings: AutoCompactSettings,
  env: Record<string, string | undefined>,
): number | null {
  if (settings.autoCompactEnabled === false || isOn(env.DISABLE_AUTO_COMPACT) || isOn(env.WRIGHT_DISABLE_AUTO_COMPACT)) return null;
  const percent =
    percentFrom(env.WRIGHT_AUTOCOMPACT_PCT_OVERRIDE) ??
    percentFrom(env.CLAUDE_AUTOCOMPACT_PCT_OVERRIDE) ??
    settings.autoCompactThreshold ??
    DEFAULT_AUTO_COMPACT_PERCENT;
  // The answer has to fit too: never let input plus the reserved output overflow the window.
  const roomForAnswer = contextWindow - Math.min(maxOutputTokens, Math.floor(contextWindow / 4));
  return Math.max(1, Math.min(Math.floor((contextWindow * percent) / 100), roomForAnswer));
}
