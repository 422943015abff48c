/**
 * The Bash part of each pipeline stage (see evaluatePermission.ts for the order). Every stage reads
 * one `BashSubject`, built once per call: the analysis, per-command facts, and deny texts.
 */
import { analyzeBashCommand, type BashAnalysis } from './bashAnalysis.js';
import { isFileEditCommand } from './bashFileCommands.js';
import { collectBashFacts, collectNestedBashFacts, type BashCommandFacts, type BashPath } from './bashFacts.js';
import { bashCommandMatchesAllow, compileBashPattern, denyTextsFor } from './bashRuleMatch.js';
import { pathRuleApplies, pathRuleMatches, pathRuleScopes, type FileAccess } from './pathRules.js';
import { resolvePolicyPath } from './pathResolution.js';
import { protectedPartOf } from './protectedPaths.js';
import { ruleNameCoversTool } from './toolNames.js';
import type { PermissionBehavior, PermissionPolicy, PermissionRule } from './types.js';
import { isResolvedPathInside, isResolvedPathStrictlyInside, isWithin } from './workingDirectories.js';

export interface BashSubject {
  command: string;
  analysis: BashAnalysis;
  facts: BashCommandFacts[];
  nestedFacts: BashCommandFacts[];
  denyTexts: string[];
}

export function describeBash(command: string, policy: PermissionPolicy): BashSubject {
  const analysis = analyzeBashCommand(command);
  return {
    command,
    analysis,
    facts: collectBashFacts(analysis, policy.cwd, policy.home),
    nestedFacts: collectNestedBashFacts(analysis, policy.cwd, policy.home),
    denyTexts: denyTextsFor(analysis),
  };
}

const bashRules = (rules: readonly PermissionRule[], behavior: PermissionBehavior) =>
  rules.filter((rule) => ruleNameCoversTool(rule.toolName, 'Bash', behavior));

/** The simple command (nested ones included) a deny or ask rule matched, as written; the whole line when none alone does. */
export function bashPartMatching(subject: BashSubject, rule: PermissionRule): string {
  if (rule.specifier === undefined) return subject.command;
  const pattern = compileBashPattern(rule.specifier);
  const part = subject.analysis.allCommands.find((command) =>
    denyTextsFor({ ...subject.analysis, commandLines: [], allCommands: [command] }).some((text) => pattern.matches(text)),
  );
  return part === undefined ? subject.command : part.words.map((word) => word.raw).join(' ');
}

/** A deny or ask rule that matches the command, any part of it, or anything it would run. */
export function bashCommandRuleHit(rules: readonly PermissionRule[], subject: BashSubject, behavior: 'deny' | 'ask'): PermissionRule | undefined {
  return bashRules(rules, behavior).find((rule) => {
    if (rule.specifier === undefined) return true;
    const pattern = compileBashPattern(rule.specifier);
    return subject.denyTexts.some((text) => pattern.matches(text));
  });
}

export interface PathHit {
  rule: PermissionRule;
  path: BashPath;
  access: FileAccess;
}

/** A deny or ask path rule guarding a file the command reads, writes or removes. */
export function bashPathRuleHit(rules: readonly PermissionRule[], subject: BashSubject, behavior: 'deny' | 'ask', policy: PermissionPolicy): PathHit | undefined {
  for (const { path, access } of namedPaths([...subject.facts, ...subject.nestedFacts])) {
    if (path.resolved === undefined) continue;
    const resolved = path.resolved;
    const rule = rules.find((r) => pathRuleApplies(r, access, behavior) && pathRuleMatches(r, resolved, behavior, policy));
    if (rule !== undefined) return { rule, path, access };
  }
  return undefined;
}

/** Why deny or ask rules cannot be checked for this command, if they cannot. */
export function bashUncheckableReason(subject: BashSubject, policy: PermissionPolicy): string | undefined {
  const guarding = [...policy.rules.deny, ...policy.rules.ask];
  const commandRules = [...bashRules(policy.rules.deny, 'deny'), ...bashRules(policy.rules.ask, 'ask')].filter((r) => r.specifier !== undefined);
  const hidden = subject.analysis.hidden[0];
  if (hidden !== undefined && commandRules.length > 0) {
    return `Part of this command cannot be seen before it runs (${hidden}), so wright cannot check it against \`${commandRules[0]?.raw}\`.`;
  }
  for (const { path, access, tree } of namedPaths([...subject.facts, ...subject.nestedFacts])) {
    const rules = guarding.filter((rule) => pathRuleApplies(rule, access, 'deny'));
    const reached = path.resolved === undefined
      ? rules[0]
      : path.glob || tree ? rules.find((rule) => mayReachBelow(path, rule, policy)) : undefined;
    if (reached !== undefined) {
      const what = tree ? `everything under \`${path.word.raw}\`` : `\`${path.word.raw}\``;
      return `This command takes in ${what}, which may include files that \`${reached.raw}\` guards; wright cannot tell which until it runs.`;
    }
  }
  return undefined;
}

/** Whether a glob's matches, or a whole directory tree, may include something the rule guards. */
function mayReachBelow(path: BashPath, rule: PermissionRule, policy: PermissionPolicy): boolean {
  const directories = path.resolved ? [path.resolved.lexical, path.resolved.real] : [];
  return pathRuleScopes(rule, policy).some((scope) => directories.some((dir) => isWithin(scope, dir) || isWithin(dir, scope)));
}

interface NamedPath {
  path: BashPath;
  access: FileAccess;
  /** The access covers the whole tree below the path. */
  tree: boolean;
}

function namedPaths(facts: readonly BashCommandFacts[]): NamedPath[] {
  return facts.flatMap((fact) => [
    ...fact.reads.map((path) => ({ path, access: 'read' as const, tree: fact.recursiveReads.some((tree) => tree.word === path.word) })),
    ...fact.writes.map((path) => ({ path, access: 'edit' as const, tree: false })),
    ...fact.removes.map((path) => ({ path, access: 'edit' as const, tree: true })),
  ]);
}

/** Whether plan mode may run it: every command understood and read-only. */
export function bashIsReadOnly(subject: BashSubject): boolean {
  return subject.analysis.unanalysable.length === 0 && subject.facts.every((fact) => fact.readOnly.readOnly);
}

/**
 * Read-only, running inside the working directories, and every file it names either inside them
 * or covered by a Read (or Edit) allow rule.
 */
export function readOnlyInside(fact: BashCommandFacts, policy: PermissionPolicy): boolean {
  return fact.readOnly.readOnly && runsInside(fact, policy) && fact.reads.every((path) => inside(path, policy) || allowRuleCovers(path, 'read', policy));
}

/**
 * One of acceptEdits' file commands, or a read-only command writing through redirections, touching
 * only unprotected paths inside the working directories.
 */
export function editInside(fact: BashCommandFacts, policy: PermissionPolicy): boolean {
  const readsAndRedirects = fact.readOnlyBesidesRedirections && fact.redirectWrites.length > 0;
  if (!(fact.fileEdit.eligible || readsAndRedirects) || !runsInside(fact, policy)) return false;
  const dirs = policy.workingDirectories;
  const unprotected = (path: BashPath) => path.resolved !== undefined && protectedPartOf(path.resolved, dirs) === undefined;
  return (
    fact.reads.every((path) => inside(path, policy)) &&
    fact.writes.every((path) => inside(path, policy) && unprotected(path)) &&
    fact.removes.every((path) => path.resolved !== undefined && isResolvedPathStrictlyInside(path.resolved, dirs) && unprotected(path))
  );
}

/** acceptEdits may let a redirection write here. */
export function redirectWriteInside(path: BashPath, policy: PermissionPolicy): boolean {
  return inside(path, policy) && path.resolved !== undefined && protectedPartOf(path.resolved, policy.workingDirectories) === undefined;
}

function runsInside(fact: BashCommandFacts, policy: PermissionPolicy): boolean {
  return fact.cwd !== undefined && isResolvedPathInside(resolvePolicyPath(fact.cwd, '/', policy.home), policy.workingDirectories);
}

function inside(path: BashPath, policy: PermissionPolicy): boolean {
  return path.resolved !== undefined && isResolvedPathInside(path.resolved, policy.workingDirectories);
}

export type BashApproval = { approved: true; rule?: PermissionRule } | { approved: false; reason: string; subcommand?: string };

/**
 * Whether every top-level command is covered — by an allow rule, by being read-only inside the
 * working directories, or (in acceptEdits mode) by being a file edit inside them — with every
 * redirection target allowed too.
 */
export function approveBashCommands(subject: BashSubject, policy: PermissionPolicy): BashApproval {
  const unanalysable = subject.analysis.unanalysable;
  if (unanalysable.length > 0) {
    return {
      approved: false,
      reason: `wright cannot analyse this command (${unanalysable.join(', ')}), so only a bare \`Bash\` allow rule or your approval can let it run; rewriting it without that construct may help.`,
    };
  }
  const acceptEdits = policy.mode === 'acceptEdits';
  const allowRules = bashRules(policy.rules.allow, 'allow').filter((rule) => rule.specifier !== undefined);
  let firstRule: PermissionRule | undefined;
  for (const fact of subject.facts) {
    const text = fact.command.words.map((word) => word.raw).join(' ');
    const redirectRule = fact.redirectWrites.length > 0 ? allowRuleNamingRedirects(allowRules, fact) : undefined;
    const rule = redirectRule ?? allowRules.find((r) => bashCommandMatchesAllow(fact.command, compileBashPattern(r.specifier as string)));
    if (rule === undefined && !readOnlyInside(fact, policy) && !(acceptEdits && editInside(fact, policy))) {
      return { approved: false, reason: notApprovedReason(fact, text, acceptEdits, policy), subcommand: text };
    }
    firstRule ??= rule;
    for (const path of fact.redirectWrites) {
      const byRule = redirectRule !== undefined || allowRuleCovers(path, 'edit', policy);
      if (!byRule && !(acceptEdits && redirectWriteInside(path, policy))) {
        return { approved: false, reason: `\`${text}\` writes \`${path.word.raw}\`; approve it, or add an allow rule such as \`Edit(${path.word.value})\`.`, subcommand: text };
      }
    }
  }
  return firstRule === undefined ? { approved: true } : { approved: true, rule: firstRule };
}

/**
 * An allow rule that spells out the redirection itself (`Bash(echo ran >> count.txt)`) covers the
 * write it names. Only rules containing `>` count: a rule like `Bash(echo *)` says nothing about
 * where output may go, so its `*` must not stretch over `> ~/.bashrc`.
 */
function allowRuleNamingRedirects(allowRules: readonly PermissionRule[], fact: BashCommandFacts): PermissionRule | undefined {
  const redirects = fact.command.redirects.map((r) => `${r.fd ?? ''}${r.operator}${r.target ? ' ' + r.target.raw : ''}`);
  const texts = [
    [...fact.command.effective.map((word) => word.raw), ...redirects].join(' '),
    [...fact.command.effective.map((word) => word.raw), ...redirects.map((r) => r.replace(' ', ''))].join(' '),
  ];
  return allowRules.find((rule) => {
    const specifier = rule.specifier as string;
    if (!specifier.includes('>')) return false;
    const pattern = compileBashPattern(specifier);
    return texts.some((text) => pattern.matches(text));
  });
}

function allowRuleCovers(path: BashPath, access: FileAccess, policy: PermissionPolicy): boolean {
  const resolved = path.resolved;
  if (resolved === undefined || path.glob) return false;
  return policy.rules.allow.some((rule) => pathRuleApplies(rule, access, 'allow') && pathRuleMatches(rule, resolved, 'allow', policy));
}

function notApprovedReason(fact: BashCommandFacts, text: string, acceptEdits: boolean, policy: PermissionPolicy): string {
  const suggestion = suggestRules(fact);
  if (acceptEdits && (fact.fileEdit.eligible || (fact.readOnlyBesidesRedirections && fact.redirectWrites.length > 0))) {
    return `\`${text}\` touches a path acceptEdits mode does not change on its own (outside the working directories, a working directory itself, a protected path such as .git, or one only known when it runs); approve it, or add an allow rule such as ${suggestion}.`;
  }
  if (acceptEdits && !fact.fileEdit.eligible && isFileEditCommand(fact.command)) {
    return `\`${text}\` needs approval: ${fact.fileEdit.reason}; approve it, or add an allow rule such as ${suggestion}.`;
  }
  if (fact.readOnly.readOnly) {
    const outside = fact.reads.find((path) => !inside(path, policy));
    if (fact.cwd === undefined) return `\`${text}\` runs in a directory only known when it runs; approve it, or add an allow rule such as ${suggestion}.`;
    if (outside !== undefined && outside.resolved === undefined) {
      return `\`${text}\` reads \`${outside.word.raw}\`, a path only known when it runs; approve it, or add an allow rule such as ${suggestion}.`;
    }
    const where = outside === undefined ? `runs in \`${fact.cwd}\`` : `reads \`${outside.word.raw}\``;
    return `\`${text}\` ${where}, outside the working directories; approve it, add the directory with --add-dir, or add an allow rule such as ${suggestion}.`;
  }
  return `\`${text}\` needs approval: ${fact.readOnly.reason}, and no allow rule covers it; approve it, or add an allow rule such as ${suggestion}.`;
}

function suggestRules(fact: BashCommandFacts): string {
  const words = fact.command.effective.map((word) => word.raw);
  const exact = `\`Bash(${words.join(' ')})\``;
  return words.length > 1 ? `${exact} or \`Bash(${words[0]} *)\`` : exact;
}
