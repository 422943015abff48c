/**
 * The permission pipeline: one pure function from a tool call and a policy to a decision.
 *
 * Precedence — stages run in the order of `PIPELINE`, and the first that decides wins:
 *   1. deny rules  — a matching deny rule denies, however specific any allow rule is. For Bash this
 *                    includes anything the command would run (parts, wrappers, payloads) and files
 *                    its recognised commands name, checked against Read/Edit deny rules.
 *   2. ask rules   — a matching ask rule asks; so does a Bash command whose hidden parts or globs
 *                    mean deny/ask rules cannot be checked.
 *   3. mode        — bypassPermissions allows; plan denies whatever is not read-only; acceptEdits
 *                    allows file edits (and mkdir/touch/rm/rmdir/mv/cp/sed) inside the working
 *                    directories, except protected paths such as `.git/`.
 *   4. allow rules — for Bash, every simple command must be covered by an allow rule or be read-only
 *                    inside the working directories; unanalysable commands need a bare `Bash` rule.
 *   5. defaults    — Read, Glob, Grep, LS, NotebookRead and read-only Bash are allowed inside the
 *                    working directories, and the session tools (TodoWrite, BashOutput, KillShell,
 *                    AskUserQuestion) always; everything else, unknown tools included, asks.
 */
import {
  approveBashCommands, bashCommandRuleHit, bashIsReadOnly, bashPathRuleHit, bashUncheckableReason, describeBash, editInside,
  type BashApproval, type BashSubject,
} from './bashPolicy.js';
import { fileAccessOfTool, pathRuleApplies, pathRuleMatches, toolInputPath, type FileAccess } from './pathRules.js';
import { resolvePolicyPath, type ResolvedPath } from './pathResolution.js';
import { protectedPartOf } from './protectedPaths.js';
import { EDIT_FILE_TOOLS, READ_ONLY_TOOLS, SESSION_TOOLS, canonicalToolName, ruleNameCoversTool } from './toolNames.js';
import { toolSpecifierMatches } from './toolSpecifiers.js';
import type { PermissionBehavior, PermissionDecision, PermissionPolicy, PermissionRule, PermissionRuleSet, PermissionToolCall } from './types.js';
import { isResolvedPathInside } from './workingDirectories.js';

type Subject =
  | { kind: 'bash'; call: PermissionToolCall; bash: BashSubject; approval: BashApproval }
  | { kind: 'file'; call: PermissionToolCall; access: FileAccess; path: ResolvedPath | undefined; written: string | undefined }
  | { kind: 'other'; call: PermissionToolCall };

type Stage = (subject: Subject, policy: PermissionPolicy) => PermissionDecision | undefined;

export const PIPELINE: ReadonlyArray<{ name: string; decide: Stage }> = [
  { name: 'deny rules', decide: denyStage },
  { name: 'ask rules', decide: askStage },
  { name: 'mode', decide: modeStage },
  { name: 'allow rules', decide: allowStage },
  { name: 'defaults', decide: defaultStage },
];

export function evaluatePermission(call: PermissionToolCall, policy: PermissionPolicy): PermissionDecision {
  const subject = describeCall(call, policy);
  for (const stage of PIPELINE) {
    const decision = stage.decide(subject, policy);
    if (decision !== undefined) return decision;
  }
  throw new Error('the defaults stage always decides');
}

/** Tools a bare deny rule (`Bash`, `WebFetch`) removes from the model's tool list. */
export function toolsRemovedByDenyRules(rules: PermissionRuleSet): Set<string> {
  const removed = new Set<string>();
  for (const rule of rules.deny) {
    if (rule.specifier !== undefined) continue;
    removed.add(rule.toolName);
    removed.add(canonicalToolName(rule.toolName));
    if (canonicalToolName(rule.toolName) === 'Agent') removed.add('Task');
  }
  return removed;
}

/** The same question for one tool, covering server-wide and wildcard names (`mcp__github`, `mcp__*`). */
export function isToolRemovedByDenyRules(toolName: string, rules: PermissionRuleSet): boolean {
  return rules.deny.some((rule) => rule.specifier === undefined && ruleNameCoversTool(rule.toolName, toolName, 'deny'));
}

function describeCall(call: PermissionToolCall, policy: PermissionPolicy): Subject {
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

function ruleMatches(rule: PermissionRule, subject: Subject, behavior: PermissionBehavior, policy: PermissionPolicy): boolean {
  const tool = subject.call.toolName;
  if (subject.kind === 'file' && rule.specifier !== undefined) {
    const path = subject.path;
    return path !== undefined && pathRuleApplies(rule, subject.access, behavior) && pathRuleMatches(rule, path, behavior, policy);
  }
  if (!ruleNameCoversTool(rule.toolName, tool, behavior)) return false;
  return subject.kind === 'other' ? toolSpecifierMatches(rule, tool, subject.call.input) : rule.specifier === undefined;
}

function fromRule(behavior: PermissionBehavior, rule: PermissionRule, reason: string): PermissionDecision {
  return { behavior, reason, rule: rule.raw, ruleSource: rule.source };
}

function denyStage(subject: Subject, policy: PermissionPolicy): PermissionDecision | undefined {
  return ruleStage('deny', subject, policy);
}

function askStage(subject: Subject, policy: PermissionPolicy): PermissionDecision | undefined {
  const decided = ruleStage('ask', subject, policy);
  if (decided !== undefined || subject.kind !== 'bash') return decided;
  const uncheckable = bashUncheckableReason(subject.bash, policy);
  return uncheckable === undefined ? undefined : { behavior: 'ask', reason: `${uncheckable} Approve it only if you are sure.` };
}

function ruleStage(behavior: 'deny' | 'ask', subject: Subject, policy: PermissionPolicy): PermissionDecision | undefined {
  const verb = behavior === 'deny' ? 'is denied by' : 'needs approval because of';
  const rules = policy.rules[behavior];
  const whole = subject.kind === 'bash' ? bashCommandRuleHit(rules, subject.bash, behavior) : rules.find((r) => ruleMatches(r, subject, behavior, policy));
  if (whole !== undefined) {
    return fromRule(behavior, whole, `${describeTarget(subject)} ${verb} the ${behavior} rule \`${whole.raw}\` from ${whole.source}.`);
  }
  if (subject.kind !== 'bash') return undefined;
  const hit = bashPathRuleHit(rules, subject.bash, behavior, policy);
  if (hit === undefined) return undefined;
  const action = hit.access === 'read' ? 'reads' : 'changes';
  return fromRule(behavior, hit.rule, `${describeTarget(subject)} ${action} \`${hit.path.word.raw}\`, so it ${verb} the ${behavior} rule \`${hit.rule.raw}\` from ${hit.rule.source}.`);
}

function modeStage(subject: Subject, policy: PermissionPolicy): PermissionDecision | undefined {
  switch (policy.mode) {
    case 'bypassPermissions':
      return { behavior: 'allow', reason: 'bypassPermissions mode allows every call that no deny or ask rule matches.' };
    case 'plan':
      if (isReadOnlyCall(subject)) return undefined;
      return {
        behavior: 'deny',
        reason: `Plan mode never mutates: ${mentionTarget(subject)} may change files or run programs. Finish the plan and leave plan mode to carry it out.`,
      };
    case 'acceptEdits':
      return acceptEditsDecision(subject, policy);
    case 'default':
      return undefined;
  }
}

function isReadOnlyCall(subject: Subject): boolean {
  if (subject.kind === 'bash') return subject.call.isReadOnly && bashIsReadOnly(subject.bash);
  if (EDIT_FILE_TOOLS.has(subject.call.toolName)) return false;
  return subject.call.isReadOnly || SESSION_TOOLS.has(subject.call.toolName);
}

function acceptEditsDecision(subject: Subject, policy: PermissionPolicy): PermissionDecision | undefined {
  if (subject.kind === 'file' && subject.access === 'edit' && subject.path !== undefined) {
    if (!isResolvedPathInside(subject.path, policy.workingDirectories)) return undefined;
    const guarded = protectedPartOf(subject.path, policy.workingDirectories);
    if (guarded !== undefined) return undefined;
    return { behavior: 'allow', reason: `acceptEdits mode allows editing \`${subject.written}\` inside the working directories.` };
  }
  if (subject.kind !== 'bash') return undefined;
  const withoutRules = { ...policy, rules: { ...policy.rules, allow: [] } };
  if (!subject.bash.facts.some((fact) => editInside(fact, policy))) return undefined;
  if (!approveBashCommands(subject.bash, withoutRules).approved) return undefined;
  return { behavior: 'allow', reason: 'acceptEdits mode allows these file commands inside the working directories.' };
}

function allowStage(subject: Subject, policy: PermissionPolicy): PermissionDecision | undefined {
  if (subject.kind === 'bash') {
    const bare = policy.rules.allow.find((rule) => rule.specifier === undefined && ruleNameCoversTool(rule.toolName, 'Bash', 'allow'));
    if (bare !== undefined) return fromRule('allow', bare, `The allow rule \`${bare.raw}\` from ${bare.source} allows every Bash command.`);
    const approval = subject.approval;
    if (!approval.approved || approval.rule === undefined) return undefined;
    const rule = approval.rule;
    return fromRule('allow', rule, `Every part of this command is covered by an allow rule (such as \`${rule.raw}\` from ${rule.source}) or is read-only inside the working directories.`);
  }
  const rule = policy.rules.allow.find((r) => ruleMatches(r, subject, 'allow', policy));
  return rule === undefined ? undefined : fromRule('allow', rule, `${describeTarget(subject)} is allowed by the rule \`${rule.raw}\` from ${rule.source}.`);
}

function defaultStage(subject: Subject, policy: PermissionPolicy): PermissionDecision {
  if (subject.kind === 'bash') {
    const approval = subject.approval;
    return approval.approved
      ? { behavior: 'allow', reason: 'Read-only command inside the working directories.' }
      : { behavior: 'ask', reason: approval.reason };
  }
  const tool = subject.call.toolName;
  if (subject.kind === 'file' && READ_ONLY_TOOLS.has(tool)) {
    if (subject.path === undefined) return { behavior: 'ask', reason: `${tool} was called without a path; approve it if that is expected.` };
    if (isResolvedPathInside(subject.path, policy.workingDirectories)) {
      return { behavior: 'allow', reason: `${tool} only reads, and \`${subject.written}\` is inside the working directories.` };
    }
    if (isResolvedPathInside(subject.path, policy.scratchDirectories ?? [])) {
      return { behavior: 'allow', reason: `${tool} only reads, and \`${subject.written}\` is output this session's tools wrote.` };
    }
    return {
      behavior: 'ask',
      reason: `\`${subject.written}\` is outside the working directories; approve this ${tool}, add its directory with --add-dir, or add an allow rule such as \`Read(//${subject.path.lexical.replace(/^\/+/, '')})\`.`,
    };
  }
  if (subject.kind === 'other' && READ_ONLY_TOOLS.has(tool)) return { behavior: 'allow', reason: `${tool} changes nothing outside this session.` };
  if (subject.kind === 'file') return { behavior: 'ask', reason: editNeedsApproval(subject, policy) };
  return { behavior: 'ask', reason: `${describeTarget(subject)} needs approval; approve it, or add an allow rule such as \`${tool}\`.` };
}

function editNeedsApproval(subject: Extract<Subject, { kind: 'file' }>, policy: PermissionPolicy): string {
  const path = subject.path;
  if (path === undefined) return `${describeTarget(subject)} has no path to check; approve it if that is expected.`;
  const hint = `\`Edit(//${path.lexical.replace(/^\/+/, '')})\``;
  if (!isResolvedPathInside(path, policy.workingDirectories)) {
    return `${describeTarget(subject)} changes a file outside the working directories; approve it, add its directory with --add-dir, or add an allow rule such as ${hint}.`;
  }
  const guarded = protectedPartOf(path, policy.workingDirectories);
  if (guarded !== undefined && policy.mode === 'acceptEdits') {
    return `${describeTarget(subject)} changes \`${guarded}\`, which acceptEdits mode never changes on its own; approve it, or add an allow rule such as ${hint}.`;
  }
  return `${describeTarget(subject)} needs approval; approve it, switch to acceptEdits mode, or add an allow rule such as ${hint}.`;
}

/** A phrase naming the call, written to start a sentence. */
function describeTarget(subject: Subject): string {
  if (subject.kind === 'bash') return `The command \`${truncate(subject.bash.command)}\``;
  if (subject.kind === 'file' && subject.written !== undefined) return `${subject.call.toolName} on \`${subject.written}\``;
  return `The ${subject.call.toolName} call`;
}

/** The same phrase inside a sentence. */
function mentionTarget(subject: Subject): string {
  const phrase = describeTarget(subject);
  return phrase.startsWith('The ') ? `the ${phrase.slice(4)}` : phrase;
}

function truncate(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 120 ? `${oneLine.slice(0, 117)}...` : oneLine;
}
