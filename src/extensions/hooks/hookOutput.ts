// What one hook's run means (Claude Code §6.4): exit 0 succeeds and its stdout may be JSON; exit 2
// blocks, its stderr going to the model or the user depending on the event; any other exit is a
// non-blocking error the user is told about; a timeout decides nothing.
import type { HookEventName } from './hookEvents.js';

/** Hook strings (reasons, context, messages) longer than this are cut. */
export const HOOK_TEXT_LIMIT = 10_000;

export type HookMessageLevel = 'info' | 'warning' | 'error' | 'verbose';

/** Something for the user to see: a systemMessage, an error, stderr meant for the user. */
export interface HookMessage {
  event: HookEventName;
  level: HookMessageLevel;
  text: string;
  /** The command (or prompt) of the hook it came from. */
  hook?: string;
}

export type ToolPermissionBehavior = 'allow' | 'deny' | 'ask' | 'defer';

/** Permission rules a PermissionRequest hook adds along with its allow (`addRules` updates), as rule text. */
export interface PermissionRuleUpdate {
  behavior: 'allow' | 'deny' | 'ask';
  rules: string[];
}

export interface PermissionRequestAnswer {
  behavior: 'allow' | 'deny';
  message?: string;
  updatedInput?: Record<string, unknown>;
  /** With allow: rules that hold for the rest of the session. */
  updatedPermissions?: PermissionRuleUpdate[];
  /** With deny: stop the turn as well. */
  interrupt?: boolean;
}

/** One handler's verdict. */
export interface HandlerVerdict {
  /** Blocks the action (exit 2, `decision: "block"`, a prompt hook's `ok: false`): why. */
  block?: string;
  /** `continue: false`: stop everything; the stopReason ('' when none was given). */
  stop?: string;
  messages: HookMessage[];
  /** Text for the model's context. */
  context: string[];
  permission?: { behavior: ToolPermissionBehavior; reason: string };
  updatedInput?: Record<string, unknown>;
  permissionRequest?: PermissionRequestAnswer;
  /** PostToolUse `hookSpecificOutput.updatedMCPToolOutput`, as given (MCP tools only; checked by the caller). */
  updatedMCPToolOutput?: unknown;
}

export interface HandlerRun {
  event: HookEventName;
  /** Shown in messages: the command or the prompt. */
  hook: string;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  timeoutSeconds: number;
  aborted?: boolean;
  /** The hook could not run at all (shell missing, model unreachable, bad reply). */
  failure?: string;
}

/** Events whose exit-2 stderr goes to the user only (classic semantics). */
const EXIT_2_TO_USER: ReadonlySet<HookEventName> = new Set(['Notification', 'SessionStart', 'SessionEnd', 'PreCompact']);

/** Events whose plain stdout is added to the model's context. */
const STDOUT_IS_CONTEXT: ReadonlySet<HookEventName> = new Set(['UserPromptSubmit', 'SessionStart']);

/** Events where a top-level `decision: "block"` means something. */
const DECISION_BLOCKS: ReadonlySet<HookEventName> = new Set(['UserPromptSubmit', 'PostToolUse', 'Stop', 'SubagentStop', 'PreCompact']);

/** Events whose `hookSpecificOutput.additionalContext` reaches the model. */
const TAKES_CONTEXT: ReadonlySet<HookEventName> = new Set(['PreToolUse', 'UserPromptSubmit', 'PostToolUse', 'SessionStart', 'Stop']);

export function interpretHandlerRun(run: HandlerRun): HandlerVerdict {
  const verdict: HandlerVerdict = { messages: [], context: [] };
  const tell = (level: HookMessageLevel, text: string) => verdict.messages.push({ event: run.event, level, text: capText(text), hook: run.hook });
  if (run.aborted) return verdict;
  if (run.failure !== undefined) {
    tell('error', `${run.event} hook error: ${run.failure}`);
    return verdict;
  }
  if (run.timedOut) {
    tell('warning', `${run.event} hook timed out after ${run.timeoutSeconds}s and was cancelled: ${shortHook(run.hook)}`);
    return verdict;
  }
  if (run.exitCode === 2) return blockingError(run, verdict, tell);
  if (run.exitCode !== 0) {
    const firstLine = run.stderr.split('\n').find((line) => line.trim() !== '')?.trim();
    tell('error', `${run.event} hook error: ${firstLine ?? `${shortHook(run.hook)} exited with ${run.exitCode === null ? 'a signal' : `code ${run.exitCode}`}`}`);
    return verdict;
  }
  const stdout = run.stdout.trim();
  if (stdout.startsWith('{')) {
    const parsed = parseJsonObject(stdout);
    if (parsed !== undefined) {
      applyJsonOutput(run, parsed, verdict, tell);
      return verdict;
    }
    tell('warning', `${run.event} hook printed output that starts with "{" but is not a JSON object; it is taken as plain text.`);
  }
  if (stdout !== '') {
    if (STDOUT_IS_CONTEXT.has(run.event)) verdict.context.push(capText(stdout));
    else tell('verbose', `${run.event} hook output: ${stdout}`);
  }
  return verdict;
}

function blockingError(run: HandlerRun, verdict: HandlerVerdict, tell: (level: HookMessageLevel, text: string) => void): HandlerVerdict {
  const stderr = run.stderr.trim();
  const reason = capText(stderr || `${shortHook(run.hook)} exited with code 2`);
  if (EXIT_2_TO_USER.has(run.event)) {
    tell('warning', `${run.event} hook: ${reason}`);
    return verdict;
  }
  if (run.event === 'PreToolUse') verdict.permission = { behavior: 'deny', reason };
  else if (run.event === 'PermissionRequest') verdict.permissionRequest = { behavior: 'deny', message: reason };
  else verdict.block = reason;
  return verdict;
}

function applyJsonOutput(run: HandlerRun, output: Record<string, unknown>, verdict: HandlerVerdict, tell: (level: HookMessageLevel, text: string) => void): void {
  const text = (key: string): string | undefined => (typeof output[key] === 'string' ? capText(output[key] as string) : undefined);
  if (output.continue === false) verdict.stop = text('stopReason') ?? '';
  const systemMessage = text('systemMessage');
  if (systemMessage !== undefined && systemMessage !== '') tell('warning', systemMessage);

  const decision = output.decision;
  const reason = text('reason') ?? '';
  if (run.event === 'PreToolUse' && (decision === 'approve' || decision === 'block')) {
    // Claude Code's deprecated form of permissionDecision.
    verdict.permission = { behavior: decision === 'approve' ? 'allow' : 'deny', reason };
  } else if (decision === 'block' && DECISION_BLOCKS.has(run.event)) {
    verdict.block = reason || `Blocked by a ${run.event} hook.`;
  } else if (decision !== undefined && decision !== null && decision !== 'approve' && decision !== 'block') {
    tell('error', `${run.event} hook error: "decision" must be "block", got ${JSON.stringify(decision)}.`);
  }

  const specific = output.hookSpecificOutput;
  if (specific === undefined || specific === null) return;
  if (!isObject(specific)) {
    tell('error', `${run.event} hook error: "hookSpecificOutput" must be an object.`);
    return;
  }
  if (specific.hookEventName !== undefined && specific.hookEventName !== run.event) {
    tell('error', `${run.event} hook error: hookSpecificOutput is for ${String(specific.hookEventName)}, not ${run.event}; ignored.`);
    return;
  }
  const context = specific.additionalContext;
  if (typeof context === 'string' && context.trim() !== '' && TAKES_CONTEXT.has(run.event)) verdict.context.push(capText(context));
  if (run.event === 'PreToolUse') applyPreToolUseOutput(run, specific, verdict, tell);
  if (run.event === 'PermissionRequest') applyPermissionRequestOutput(run, specific, verdict, tell);
  if (run.event === 'PostToolUse' && specific.updatedMCPToolOutput !== undefined && specific.updatedMCPToolOutput !== null) verdict.updatedMCPToolOutput = specific.updatedMCPToolOutput;
}

function applyPreToolUseOutput(run: HandlerRun, specific: Record<string, unknown>, verdict: HandlerVerdict, tell: (level: HookMessageLevel, text: string) => void): void {
  const decision = specific.permissionDecision;
  const reason = typeof specific.permissionDecisionReason === 'string' ? capText(specific.permissionDecisionReason) : '';
  if (decision === 'allow' || decision === 'deny' || decision === 'ask' || decision === 'defer') verdict.permission = { behavior: decision, reason };
  else if (decision !== undefined) tell('error', `${run.event} hook error: permissionDecision must be "allow", "deny" or "ask", got ${JSON.stringify(decision)}.`);
  const updated = specific.updatedInput;
  if (isObject(updated)) verdict.updatedInput = updated;
  else if (updated !== undefined) tell('error', `${run.event} hook error: updatedInput must be an object of the tool's input fields.`);
}

function applyPermissionRequestOutput(run: HandlerRun, specific: Record<string, unknown>, verdict: HandlerVerdict, tell: (level: HookMessageLevel, text: string) => void): void {
  const decision = specific.decision;
  if (decision === undefined) return;
  if (!isObject(decision) || (decision.behavior !== 'allow' && decision.behavior !== 'deny')) {
    tell('error', `${run.event} hook error: decision must be {"behavior": "allow" | "deny", …}.`);
    return;
  }
  const updates = decision.behavior === 'allow' && decision.updatedPermissions !== undefined ? permissionUpdates(run, decision.updatedPermissions, tell) : [];
  verdict.permissionRequest = {
    behavior: decision.behavior,
    ...(typeof decision.message === 'string' ? { message: capText(decision.message) } : {}),
    ...(isObject(decision.updatedInput) ? { updatedInput: decision.updatedInput } : {}),
    ...(updates.length > 0 ? { updatedPermissions: updates } : {}),
    ...(decision.behavior === 'deny' && decision.interrupt === true ? { interrupt: true } : {}),
  };
}

/**
 * `decision.updatedPermissions`: Claude Code's permission updates. wright applies `addRules` (rules
 * `{toolName, ruleContent?}` with a behavior) to the live session, whatever the `destination`: a hook
 * never writes settings files. Other update types are reported and ignored.
 */
function permissionUpdates(run: HandlerRun, raw: unknown, tell: (level: HookMessageLevel, text: string) => void): PermissionRuleUpdate[] {
  const fail = (why: string): PermissionRuleUpdate[] => {
    tell('error', `${run.event} hook error: updatedPermissions ${why}; ignored.`);
    return [];
  };
  if (!Array.isArray(raw)) return fail('must be a list of updates such as {"type": "addRules", "rules": [{"toolName": "Bash", "ruleContent": "npm test"}], "behavior": "allow", "destination": "session"}');
  const updates: PermissionRuleUpdate[] = [];
  for (const update of raw) {
    if (!isObject(update)) return fail('entries must be objects');
    if (update.type !== 'addRules') {
      tell('warning', `${run.event} hook: permission update type ${JSON.stringify(update.type)} is not supported by wright; ignored.`);
      continue;
    }
    const behavior = update.behavior ?? 'allow';
    if (behavior !== 'allow' && behavior !== 'deny' && behavior !== 'ask') return fail('behavior must be "allow", "deny" or "ask"');
    if (!Array.isArray(update.rules)) return fail('addRules needs "rules": [{"toolName": "…", "ruleContent": "…"}]');
    const rules: string[] = [];
    for (const rule of update.rules) {
      if (!isObject(rule) || typeof rule.toolName !== 'string' || !/^[A-Za-z0-9_-]+$/.test(rule.toolName)) return fail('rules need a "toolName" such as "Bash" or "mcp__server__tool"');
      if (rule.ruleContent !== undefined && typeof rule.ruleContent !== 'string') return fail('"ruleContent" must be a string');
      rules.push(rule.ruleContent === undefined || rule.ruleContent === '' ? rule.toolName : `${rule.toolName}(${rule.ruleContent})`);
    }
    if (rules.length > 0) updates.push({ behavior, rules });
  }
  return updates;
}

export function capText(text: string): string {
  if (text.length <= HOOK_TEXT_LIMIT) return text;
  return `${text.slice(0, HOOK_TEXT_LIMIT)}… (${text.length - HOOK_TEXT_LIMIT} more characters cut)`;
}

export function shortHook(hook: string): string {
  const line = hook.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
