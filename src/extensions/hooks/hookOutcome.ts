// Several hooks run for one event at once; their verdicts combine into one outcome. Blocking wins
// over not blocking, `continue: false` over everything, and among tool permission decisions
// deny > defer > ask > allow (the reasons of the winning kind are kept, in configuration order).
import type { HandlerVerdict, HookMessage, PermissionRequestAnswer, ToolPermissionBehavior } from './hookOutput.js';

export interface HookOutcome {
  /** How many handlers ran. */
  ran: number;
  messages: HookMessage[];
  block?: string;
  stop?: string;
  context: string[];
  permission?: { behavior: ToolPermissionBehavior; reason: string };
  updatedInput?: Record<string, unknown>;
  permissionRequest?: PermissionRequestAnswer;
  /** The first (in configuration order) PostToolUse replacement of an MCP tool's output. */
  updatedMCPToolOutput?: unknown;
}

export const NO_HOOKS: HookOutcome = { ran: 0, messages: [], context: [] };

const PERMISSION_RANK: Record<ToolPermissionBehavior, number> = { deny: 3, defer: 2, ask: 1, allow: 0 };

/** Verdicts in configuration order. */
export function combineVerdicts(verdicts: readonly HandlerVerdict[]): HookOutcome {
  const joined = (texts: string[]) => texts.filter((text) => text !== '').join('\n');
  const outcome: HookOutcome = {
    ran: verdicts.length,
    messages: verdicts.flatMap((verdict) => verdict.messages),
    context: verdicts.flatMap((verdict) => verdict.context),
  };
  const blocks = verdicts.flatMap((verdict) => (verdict.block !== undefined ? [verdict.block] : []));
  if (blocks.length > 0) outcome.block = joined(blocks);
  const stops = verdicts.flatMap((verdict) => (verdict.stop !== undefined ? [verdict.stop] : []));
  if (stops.length > 0) outcome.stop = joined(stops);

  const decided = verdicts.flatMap((verdict) => (verdict.permission ? [verdict.permission] : []));
  if (decided.length > 0) {
    const top = decided.reduce((best, next) => (PERMISSION_RANK[next.behavior] > PERMISSION_RANK[best.behavior] ? next : best)).behavior;
    outcome.permission = { behavior: top, reason: joined(decided.filter((decision) => decision.behavior === top).map((decision) => decision.reason)) };
  }
  // A rewrite only counts from a hook that did not deny; the first one in configuration order wins.
  const rewrite = verdicts.find((verdict) => verdict.updatedInput !== undefined && verdict.permission?.behavior !== 'deny');
  if (rewrite?.updatedInput && outcome.permission?.behavior !== 'deny') outcome.updatedInput = rewrite.updatedInput;

  const answers = verdicts.flatMap((verdict) => (verdict.permissionRequest ? [verdict.permissionRequest] : []));
  const answer = answers.find((candidate) => candidate.behavior === 'deny') ?? answers[0];
  if (answer) outcome.permissionRequest = answer;
  const replaced = verdicts.find((verdict) => verdict.updatedMCPToolOutput !== undefined);
  if (replaced) outcome.updatedMCPToolOutput = replaced.updatedMCPToolOutput;
  return outcome;
}
