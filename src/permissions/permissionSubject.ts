/**
 * A tool call as the pipeline stages see it, built once per call: a Bash command with its analysis,
 * a file access with its path resolved through symlinks, or anything else. Also what each stage
 * returns: a decision, plus what decided it for `wright permissions check`.
 */
import { approveBashCommands, describeBash, type BashApproval, type BashSubject } from './bashPolicy.js';
import { fileAccessOfTool, toolInputPath, type FileAccess } from './pathRules.js';
import { resolvePolicyPath, type ResolvedPath } from './pathResolution.js';
import type { PermissionDecision, PermissionPolicy, PermissionRule, PermissionToolCall, PermissionTrace } from './types.js';

export type Subject =
  | { kind: 'bash'; call: PermissionToolCall; bash: BashSubject; approval: BashApproval }
  | { kind: 'file'; call: PermissionToolCall; access: FileAccess; path: ResolvedPath | undefined; written: string | undefined }
  | { kind: 'other'; call: PermissionToolCall };

export type StageResult = Omit<PermissionTrace, 'stage'>;
export type Stage = (subject: Subject, policy: PermissionPolicy) => StageResult | undefined;

export function describeCall(call: PermissionToolCall, policy: PermissionPolicy): Subject {
  const command = call.input['command'];
  if (call.toolName === 'Bash' && typeof command === 'string' && command.trim() !== '') {
    const bash = describeBash(command, policy);
    return { kind: 'bash', call, bash, approval: approveBashCommands(bash, policy) };
  }
  const access = fileAccessOfTool(call.toolName);
  if (access === undefined) return { kind: 'other', call };
  const written = toolInputPath(call.toolName, call.input, policy.cwd);
  const path = written === undefined ? undefined : resolvePolicyPath(written, policy.cwd, policy.home);
  return { kind: 'file', call, access, path, written };
}

export function fromRule(behavior: PermissionDecision['behavior'], rule: PermissionRule, reason: string): PermissionDecision {
  return { behavior, reason, rule: rule.raw, ruleSource: rule.source };
}

/** A path for reports: as written, and where symlinks lead when that differs. */
export function showPath(path: ResolvedPath): string {
  return path.lexical === path.real ? path.lexical : `${path.lexical} (→ ${path.real})`;
}

/** A phrase naming the call, written to start a sentence. */
export function describeTarget(subject: Subject): string {
  if (subject.kind === 'bash') return `The command \`${truncate(subject.bash.command)}\``;
  if (subject.kind === 'file' && subject.written !== undefined) return `${subject.call.toolName} on \`${subject.written}\``;
  return `The ${subject.call.toolName} call`;
}

/** The same phrase inside a sentence. */
export function mentionTarget(subject: Subject): string {
  const phrase = describeTarget(subject);
  return phrase.startsWith('The ') ? `the ${phrase.slice(4)}` : phrase;
}

export function truncate(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 120 ? `${oneLine.slice(0, 117)}...` : oneLine;
}
