/**
 * The pipeline stages that are safety rails rather than rules: the destructive-command guard,
 * protected paths, and the sandbox's auto-allow. Their place in the order is set in
 * evaluatePermission.ts.
 */
import { bashProtectedWrites, ruleNamingProtectedWrite } from './bashProtectedWrites.js';
import { suggestedRuleFor, unapprovedDestructiveCommand } from './destructiveGuard.js';
import { pathRuleApplies, pathRuleMatches } from './pathRules.js';
import { describeTarget, showPath, type Stage } from './permissionSubject.js';
import { protectedPartOf, specifierNamesProtected } from './protectedPaths.js';
import { isResolvedPathInside } from './workingDirectories.js';

export const DESTRUCTIVE_GUARD = 'destructive-command guard';
export const PROTECTED_PATHS = 'protected paths';

/**
 * Asks before a destructive command in every mode but plan (where the mode stage denies anything
 * that is not read-only, which is stricter), unless an allow rule names it.
 */
export const destructiveGuardStage: Stage = (subject, policy) => {
  if (subject.kind !== 'bash' || policy.mode === 'plan') return undefined;
  const finding = unapprovedDestructiveCommand(subject.bash, policy);
  if (finding === undefined) return undefined;
  return {
    decision: {
      behavior: 'ask',
      reason:
        `The destructive-command guard stopped \`${finding.text}\`: ${finding.reason}. wright asks before this in every permission mode, ` +
        `bypassPermissions included. If it is really intended, approve it, or add an allow rule that names it exactly, such as \`${suggestedRuleFor(finding)}\`.`,
    },
    subcommand: finding.text,
    ...(finding.target !== undefined ? { path: finding.target } : {}),
    guard: DESTRUCTIVE_GUARD,
  };
};

/** Asks before writing a protected path outside bypassPermissions, unless an allow rule names it. */
export const protectedPathStage: Stage = (subject, policy) => {
  if (policy.mode === 'bypassPermissions' || policy.mode === 'plan') return undefined;
  if (subject.kind === 'file') {
    const path = subject.path;
    if (subject.access !== 'edit' || path === undefined) return undefined;
    const name = protectedPartOf(path, policy.workingDirectories);
    if (name === undefined) return undefined;
    const named = policy.rules.allow.some(
      (rule) => pathRuleApplies(rule, 'edit', 'allow') && pathRuleMatches(rule, path, 'allow', policy) && specifierNamesProtected(rule.specifier as string, name),
    );
    if (named) return undefined;
    return {
      decision: { behavior: 'ask', reason: protectedReason(`${describeTarget(subject)} changes \`${name}\``, `Edit(//${path.lexical.replace(/^\/+/, '')})`) },
      path: showPath(path),
      guard: PROTECTED_PATHS,
    };
  }
  if (subject.kind !== 'bash') return undefined;
  const write = bashProtectedWrites(subject.bash, policy).find((candidate) => ruleNamingProtectedWrite(candidate, policy) === undefined);
  if (write === undefined) return undefined;
  const text = write.site.command.words.map((word) => word.raw).join(' ');
  const suggestion = write.path === undefined ? `Edit(${write.raw})` : `Edit(//${write.path.lexical.replace(/^\/+/, '')})`;
  return {
    decision: { behavior: 'ask', reason: protectedReason(`\`${text}\` writes \`${write.raw}\`${write.raw === write.name ? '' : `, inside \`${write.name}\``}`, suggestion) },
    subcommand: text,
    ...(write.path !== undefined ? { path: showPath(write.path) } : {}),
    guard: PROTECTED_PATHS,
  };
};

function protectedReason(lead: string, suggestion: string): string {
  return (
    `${lead}, a protected path (it can run code later, hold secrets, or configure git, the shell or wright), ` +
    `which is never changed without asking outside bypassPermissions — not by acceptEdits, nor by a broad allow rule. ` +
    `Approve it, or add an allow rule that names it, such as \`${suggestion}\`.`
  );
}

/**
 * The auto-memory directory is the agent's own notebook for the project: its file tools read and
 * write Markdown there without asking, in every mode (deny and ask rules still apply first). Only
 * files whose real path stays inside the directory qualify, so a symlink planted there leads nowhere.
 */
export const autoMemoryStage: Stage = (subject, policy) => {
  const dir = policy.autoMemoryDirectory;
  if (dir === undefined || subject.kind !== 'file' || subject.path === undefined) return undefined;
  if (!isResolvedPathInside(subject.path, [dir]) || !subject.path.real.endsWith('.md')) return undefined;
  return {
    decision: { behavior: 'allow', reason: `\`${subject.written}\` is in the auto-memory directory, where wright keeps its notes on this project.` },
    path: showPath(subject.path),
  };
};

/** With the OS sandbox confining Bash, a sandboxed command runs without asking. */
export const sandboxStage: Stage = (subject, policy) => {
  if (subject.kind !== 'bash' || policy.sandboxAutoAllowsBash !== true) return undefined;
  // sandbox.excludedCommands run outside the sandbox, so nothing confines them.
  if (policy.runsOutsideSandbox?.(subject.bash.analysis.command) === true) return undefined;
  if (subject.call.input['dangerouslyDisableSandbox'] === true) return undefined;
  return {
    decision: { behavior: 'allow', reason: 'The OS sandbox confines this command to the working directories and the allowed network, so it runs without asking.' },
    guard: 'sandbox',
  };
};
