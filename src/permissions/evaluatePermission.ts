/**
 * The permission pipeline: one pure function from a tool call and a policy to a decision.
 *
 * Precedence — stages run in the order of `PIPELINE`, and the first that decides wins:
 *   1. deny rules        — a matching deny rule denies, however specific any allow rule is. For Bash
 *                          this includes anything the command would run (parts, wrappers, payloads)
 *                          and files its recognised commands name, checked against Read/Edit deny rules.
 *   2. destructive guard — a Bash command that would delete, move or overwrite `/`, a top-level
 *                          directory, the home directory, a working directory or a parent of one (also
 *                          through variables, globs, `..`, symlinks, nesting), or `git reset --hard`,
 *                          `git clean -f`, `mkfs`, asks — in every mode, bypassPermissions included —
 *                          unless an allow rule names it (destructiveGuard.ts). Plan mode defers to 3.
 *   3. ask rules         — a matching ask rule asks; so does a Bash command whose hidden parts or globs
 *                          mean deny/ask rules cannot be checked.
 *   3½. auto memory      — the file tools read and write `*.md` in the project's auto-memory directory
 *                          (real path inside it) without asking, in every mode.
 *   4. protected paths   — outside bypassPermissions, writing `.git/`, `.wright/`, `.claude/`, `.env*`,
 *                          shell rc files, `.gitconfig`, `.npmrc`, `.mcp.json`, … asks unless an allow
 *                          rule names the path (protectedPaths.ts); file tools and Bash alike.
 *   5. mode              — bypassPermissions allows; plan denies whatever is not read-only; acceptEdits
 *                          allows file edits (and mkdir/touch/rm/rmdir/mv/cp/sed) inside the working
 *                          directories.
 *   6. sandbox           — with `sandboxAutoAllowsBash`, a Bash call not asking to leave the sandbox
 *                          (`dangerouslyDisableSandbox`) is allowed.
 *   7. allow rules       — for Bash, every simple command must be covered by an allow rule or be
 *                          read-only inside the working directories; unanalysable commands need a bare
 *                          `Bash` rule. A bare file-tool rule (`Edit`, `Read`) covers only paths inside
 *                          the working directories; a path rule (`Edit(//etc/hosts)`) may reach outside.
 *   8. defaults          — Read, Glob, Grep, LS, NotebookRead and read-only Bash are allowed inside the
 *                          working directories, and the session tools (TodoWrite, BashOutput, KillShell,
 *                          AskUserQuestion) always; everything else, unknown tools included, asks.
 */
import {
  bashCommandRuleHit, bashIsReadOnly, bashPartMatching, bashPathRuleHit, bashUncheckableReason, editInside, approveBashCommands,
} from './bashPolicy.js';
import { pathRuleApplies, pathRuleMatches } from './pathRules.js';
import {
  describeCall, describeTarget, fromRule, mentionTarget, showPath, type Stage, type StageResult, type Subject,
} from './permissionSubject.js';
import { protectedPartOf } from './protectedPaths.js';
import { autoMemoryStage, destructiveGuardStage, protectedPathStage, sandboxStage } from './safetyStages.js';
import { EDIT_FILE_TOOLS, READ_ONLY_TOOLS, SESSION_TOOLS, canonicalToolName, ruleNameCoversTool } from './toolNames.js';
import { toolSpecifierMatches } from './toolSpecifiers.js';
import type { PermissionBehavior, PermissionDecision, PermissionPolicy, PermissionRule, PermissionRuleSet, PermissionToolCall, PermissionTrace } from './types.js';
import { isResolvedPathInside } from './workingDirectories.js';

export const PIPELINE: ReadonlyArray<{ name: string; decide: Stage }> = [
  { name: 'deny rules', decide: denyStage },
  { name: 'destructive guard', decide: destructiveGuardStage },
  { name: 'ask rules', decide: askStage },
  { name: 'auto memory', decide: autoMemoryStage },
  { name: 'protected paths', decide: protectedPathStage },
  { name: 'mode', decide: modeStage },
  { name: 'sandbox', decide: sandboxStage },
  { name: 'allow rules', decide: allowStage },
  { name: 'defaults', decide: defaultStage },
];

const WORKING_DIRECTORIES = 'working directories';

export function evaluatePermission(call: PermissionToolCall, policy: PermissionPolicy): PermissionDecision {
  return tracePermission(call, policy).decision;
}

/** The decision with the stage that made it and what it looked at (rule, part, path, guard). */
export function tracePermission(call: PermissionToolCall, policy: PermissionPolicy): PermissionTrace {
  const subject = describeCall(call, policy);
  for (const stage of PIPELINE) {
    const result = stage.decide(subject, policy);
    if (result !== undefined) return { ...result, stage: stage.name };
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

function ruleMatches(rule: PermissionRule, subject: Subject, behavior: PermissionBehavior, policy: PermissionPolicy): boolean {
  const tool = subject.call.toolName;
  if (subject.kind === 'file' && rule.specifier !== undefined) {
    const path = subject.path;
    return path !== undefined && pathRuleApplies(rule, subject.access, behavior) && pathRuleMatches(rule, path, behavior, policy);
  }
  if (!ruleNameCoversTool(rule.toolName, tool, behavior)) return false;
  return subject.kind === 'other' ? toolSpecifierMatches(rule, tool, subject.call.input) : rule.specifier === undefined;
}

function decided(decision: PermissionDecision, extra: Omit<StageResult, 'decision'> = {}): StageResult {
  return { decision, ...extra };
}

function denyStage(subject: Subject, policy: PermissionPolicy): StageResult | undefined {
  return ruleStage('deny', subject, policy);
}

function askStage(subject: Subject, policy: PermissionPolicy): StageResult | undefined {
  const result = ruleStage('ask', subject, policy);
  if (result !== undefined || subject.kind !== 'bash') return result;
  const uncheckable = bashUncheckableReason(subject.bash, policy);
  return uncheckable === undefined ? undefined : decided({ behavior: 'ask', reason: `${uncheckable} Approve it only if you are sure.` });
}

function ruleStage(behavior: 'deny' | 'ask', subject: Subject, policy: PermissionPolicy): StageResult | undefined {
  const verb = behavior === 'deny' ? 'is denied by' : 'needs approval because of';
  const rules = policy.rules[behavior];
  const whole = subject.kind === 'bash' ? bashCommandRuleHit(rules, subject.bash, behavior) : rules.find((r) => ruleMatches(r, subject, behavior, policy));
  if (whole !== undefined) {
    const decision = fromRule(behavior, whole, `${describeTarget(subject)} ${verb} the ${behavior} rule \`${whole.raw}\` from ${whole.source}.`);
    if (subject.kind === 'bash') return decided(decision, { subcommand: bashPartMatching(subject.bash, whole) });
    return decided(decision, subject.kind === 'file' && subject.path !== undefined ? { path: showPath(subject.path) } : {});
  }
  if (subject.kind !== 'bash') return undefined;
  const hit = bashPathRuleHit(rules, subject.bash, behavior, policy);
  if (hit === undefined) return undefined;
  const action = hit.access === 'read' ? 'reads' : 'changes';
  const decision = fromRule(behavior, hit.rule, `${describeTarget(subject)} ${action} \`${hit.path.word.raw}\`, so it ${verb} the ${behavior} rule \`${hit.rule.raw}\` from ${hit.rule.source}.`);
  return decided(decision, { ...(hit.path.resolved !== undefined ? { path: showPath(hit.path.resolved) } : {}) });
}

function modeStage(subject: Subject, policy: PermissionPolicy): StageResult | undefined {
  switch (policy.mode) {
    case 'bypassPermissions':
      return decided({ behavior: 'allow', reason: 'bypassPermissions mode allows every call that no deny or ask rule or safety guard stops.' });
    case 'plan':
      if (isReadOnlyCall(subject)) return undefined;
      return decided({
        behavior: 'deny',
        reason: `Plan mode never mutates: ${mentionTarget(subject)} may change files or run programs. Finish the plan and leave plan mode to carry it out.`,
      });
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

function acceptEditsDecision(subject: Subject, policy: PermissionPolicy): StageResult | undefined {
  if (subject.kind === 'file' && subject.access === 'edit' && subject.path !== undefined) {
    if (!isResolvedPathInside(subject.path, policy.workingDirectories)) return undefined;
    const guarded = protectedPartOf(subject.path, policy.workingDirectories);
    if (guarded !== undefined) return undefined;
    return decided(
      { behavior: 'allow', reason: `acceptEdits mode allows editing \`${subject.written}\` inside the working directories.` },
      { path: showPath(subject.path) },
    );
  }
  if (subject.kind !== 'bash') return undefined;
  const withoutRules = { ...policy, rules: { ...policy.rules, allow: [] } };
  if (!subject.bash.facts.some((fact) => editInside(fact, policy))) return undefined;
  if (!approveBashCommands(subject.bash, withoutRules).approved) return undefined;
  return decided({ behavior: 'allow', reason: 'acceptEdits mode allows these file commands inside the working directories.' });
}

function allowStage(subject: Subject, policy: PermissionPolicy): StageResult | undefined {
  if (subject.kind === 'bash') {
    const bare = policy.rules.allow.find((rule) => rule.specifier === undefined && ruleNameCoversTool(rule.toolName, 'Bash', 'allow'));
    if (bare !== undefined) return decided(fromRule('allow', bare, `The allow rule \`${bare.raw}\` from ${bare.source} allows every Bash command.`));
    const approval = subject.approval;
    if (!approval.approved || approval.rule === undefined) return undefined;
    const rule = approval.rule;
    return decided(fromRule('allow', rule, `Every part of this command is covered by an allow rule (such as \`${rule.raw}\` from ${rule.source}) or is read-only inside the working directories.`));
  }
  const rule = policy.rules.allow.find((r) => ruleMatches(r, subject, 'allow', policy) && (r.specifier !== undefined || bareRuleReaches(subject, policy)));
  if (rule === undefined) return undefined;
  return decided(
    fromRule('allow', rule, `${describeTarget(subject)} is allowed by the rule \`${rule.raw}\` from ${rule.source}.`),
    subject.kind === 'file' && subject.path !== undefined ? { path: showPath(subject.path) } : {},
  );
}

/** A bare file-tool rule (`Edit`, `Read`) stands for the working directories, never beyond them. */
function bareRuleReaches(subject: Subject, policy: PermissionPolicy): boolean {
  return subject.kind !== 'file' || subject.path === undefined || isResolvedPathInside(subject.path, policy.workingDirectories);
}

function defaultStage(subject: Subject, policy: PermissionPolicy): StageResult {
  if (subject.kind === 'bash') {
    const approval = subject.approval;
    if (approval.approved) return decided({ behavior: 'allow', reason: 'Read-only command inside the working directories.' });
    return decided({ behavior: 'ask', reason: approval.reason }, approval.subcommand !== undefined ? { subcommand: approval.subcommand } : {});
  }
  const tool = subject.call.toolName;
  if (subject.kind === 'file' && READ_ONLY_TOOLS.has(tool)) {
    if (subject.path === undefined) return decided({ behavior: 'ask', reason: `${tool} was called without a path; approve it if that is expected.` });
    const path = { path: showPath(subject.path) };
    if (isResolvedPathInside(subject.path, policy.workingDirectories)) {
      return decided({ behavior: 'allow', reason: `${tool} only reads, and \`${subject.written}\` is inside the working directories.` }, path);
    }
    if (isResolvedPathInside(subject.path, policy.scratchDirectories ?? [])) {
      return decided({ behavior: 'allow', reason: `${tool} only reads, and \`${subject.written}\` is output this session's tools wrote.` }, path);
    }
    return decided(
      {
        behavior: 'ask',
        reason: `\`${subject.written}\` is outside the working directories${symlinkNote(subject.path)}; approve this ${tool}, add its directory with --add-dir, or add an allow rule such as \`Read(//${subject.path.lexical.replace(/^\/+/, '')})\`.`,
      },
      { ...path, guard: WORKING_DIRECTORIES },
    );
  }
  if (subject.kind === 'other' && READ_ONLY_TOOLS.has(tool)) return decided({ behavior: 'allow', reason: `${tool} changes nothing outside this session.` });
  if (subject.kind === 'file') {
    const outside = subject.path !== undefined && !isResolvedPathInside(subject.path, policy.workingDirectories);
    return decided(
      { behavior: 'ask', reason: editNeedsApproval(subject, policy) },
      { ...(subject.path !== undefined ? { path: showPath(subject.path) } : {}), ...(outside ? { guard: WORKING_DIRECTORIES } : {}) },
    );
  }
  return decided({ behavior: 'ask', reason: `${describeTarget(subject)} needs approval; approve it, or add an allow rule such as \`${tool}\`.` });
}

function symlinkNote(path: { lexical: string; real: string }): string {
  return path.lexical === path.real ? '' : ` (through a symlink it is \`${path.real}\`)`;
}

function editNeedsApproval(subject: Extract<Subject, { kind: 'file' }>, policy: PermissionPolicy): string {
  const path = subject.path;
  if (path === undefined) return `${describeTarget(subject)} has no path to check; approve it if that is expected.`;
  const hint = `\`Edit(//${path.lexical.replace(/^\/+/, '')})\``;
  if (!isResolvedPathInside(path, policy.workingDirectories)) {
    return `${describeTarget(subject)} changes a file outside the working directories${symlinkNote(path)}; approve it, add its directory with --add-dir, or add an allow rule such as ${hint}.`;
  }
  return `${describeTarget(subject)} needs approval; approve it, switch to acceptEdits mode, or add an allow rule such as ${hint}.`;
}
