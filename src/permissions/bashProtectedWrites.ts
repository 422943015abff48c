/**
 * Protected paths (protectedPaths.ts) a Bash command would write, and whether an allow rule names
 * each one. Targets only known at run time are not listed here: they already keep the command from
 * being approved automatically, and inside the OS sandbox the sandbox guards protected files.
 */
import { basename } from 'node:path';
import type { BashCommand } from './bashAnalysis.js';
import type { BashSubject } from './bashPolicy.js';
import { allowTextsFor, compileBashPattern } from './bashRuleMatch.js';
import { bashCommandSites, type BashCommandSite } from './bashCommandSites.js';
import { bashWriteTargets, type WrittenWord } from './bashWriteTargets.js';
import { expandWordPath, globStart, splitGlob } from './bashWordPath.js';
import { pathRuleApplies, pathRuleMatches } from './pathRules.js';
import { resolvePolicyPath, type ResolvedPath } from './pathResolution.js';
import { protectedNameMatching, protectedPartOf, specifierNamesProtected } from './protectedPaths.js';
import { ruleNameCoversTool } from './toolNames.js';
import type { PermissionPolicy, PermissionRule } from './types.js';

export interface ProtectedWrite {
  site: BashCommandSite;
  /** The word as written. */
  raw: string;
  /** Resolved, when the word is not a glob. */
  path: ResolvedPath | undefined;
  /** The protected name it touches (`.git`, `.env.local`, `.bashrc`). */
  name: string;
}

export function bashProtectedWrites(subject: BashSubject, policy: PermissionPolicy): ProtectedWrite[] {
  const writes: ProtectedWrite[] = [];
  for (const site of bashCommandSites(subject.analysis, subject.facts, policy.cwd)) {
    for (const written of bashWriteTargets(site.command)) {
      for (const cwd of site.cwds) {
        const hit = protectedTarget(written, cwd, policy);
        if (hit !== undefined) writes.push({ site, raw: written.word.raw, ...hit });
      }
    }
  }
  return writes;
}

function protectedTarget(written: WrittenWord, cwd: string | undefined, policy: PermissionPolicy): Omit<ProtectedWrite, 'site' | 'raw'> | undefined {
  const expanded = expandWordPath(written.word, cwd, policy.home);
  if ('unknown' in expanded) return undefined;
  const globAt = globStart(written.word, expanded.path);
  if (globAt !== -1) {
    const { directory, segments } = splitGlob(expanded.path, globAt);
    const name = protectedPartOf(resolvePolicyPath(directory, '/', policy.home), policy.workingDirectories) ?? segments.map(protectedNameMatching).find((n) => n !== undefined);
    return name === undefined ? undefined : { path: undefined, name };
  }
  const source = written.intoDirectoryFrom;
  const target = source === undefined ? expanded.path : `${expanded.path}/${basename(source.value)}`;
  const path = resolvePolicyPath(target, '/', policy.home);
  const name = protectedPartOf(path, policy.workingDirectories);
  return name === undefined ? undefined : { path, name };
}

/**
 * An allow rule that names this protected write: an `Edit(…)` path rule matching the path whose
 * specifier contains the protected name, or a `Bash(…)` rule matching the command that spells out
 * the written word.
 */
export function ruleNamingProtectedWrite(write: ProtectedWrite, policy: PermissionPolicy): PermissionRule | undefined {
  return policy.rules.allow.find((rule) => {
    if (rule.specifier === undefined) return false;
    if (ruleNameCoversTool(rule.toolName, 'Bash', 'allow')) {
      const pattern = compileBashPattern(rule.specifier);
      return rule.specifier.includes(write.raw) && commandTexts(write.site.command).some((text) => pattern.matches(text));
    }
    const path = write.path;
    return (
      path !== undefined &&
      pathRuleApplies(rule, 'edit', 'allow') &&
      pathRuleMatches(rule, path, 'allow', policy) &&
      specifierNamesProtected(rule.specifier, write.name)
    );
  });
}

/** The command as allow rules see it, and again with its redirections spelled out (`echo x >> .env`). */
function commandTexts(command: BashCommand): string[] {
  const words = command.effective.map((word) => word.raw);
  const redirects = command.redirects.map((r) => `${r.fd ?? ''}${r.operator}${r.target ? ' ' + r.target.raw : ''}`);
  return [...allowTextsFor(command), [...words, ...redirects].join(' '), [...words, ...redirects.map((r) => r.replace(' ', ''))].join(' ')];
}
