/**
 * For tools that walk directories (Glob, Grep): whether one file they came across is guarded by a
 * deny rule, so it can be left out of results even though the directory itself was allowed.
 */
import { pathRuleApplies, pathRuleMatches, type FileAccess } from './pathRules.js';
import { resolvePolicyPath } from './pathResolution.js';
import type { PermissionPolicy, PermissionRule } from './types.js';

export function denyingPathRule(path: string, access: FileAccess, policy: PermissionPolicy): PermissionRule | undefined {
  const resolved = resolvePolicyPath(path, policy.cwd, policy.home);
  return policy.rules.deny.find((rule) => pathRuleApplies(rule, access, 'deny') && pathRuleMatches(rule, resolved, 'deny', policy));
}
