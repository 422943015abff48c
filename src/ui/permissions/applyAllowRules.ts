/**
 * Remembered rules must apply at once, not only from the next session: the app adds them to the live
 * policy as well as to the local settings file. Rules already present (same text, same source) are
 * not added twice; rules that do not parse are returned rather than dropped silently.
 */
import { parseRule } from '../../permissions/ruleParser.js';
import type { PermissionPolicy } from '../../permissions/types.js';

export interface AppliedRules {
  policy: PermissionPolicy;
  /** Rules that did not parse, with why. */
  errors: Array<{ rule: string; error: string }>;
}

/**
 * A copy of `policy` whose allow list also holds `rules`, from `source` (the settings file path),
 * with `/path` specifiers relative to `root` (the project root for the local settings file).
 */
export function applyAllowRulesToPolicy(policy: PermissionPolicy, rules: readonly string[], source: string, root: string): AppliedRules {
  return applyRulesToPolicy(policy, 'allow', rules, source, root);
}

/** The same for any rule list: allow, ask or deny. */
export function applyRulesToPolicy(policy: PermissionPolicy, behavior: 'allow' | 'ask' | 'deny', rules: readonly string[], source: string, root: string): AppliedRules {
  const allow = [...policy.rules[behavior]];
  const errors: AppliedRules['errors'] = [];
  for (const text of rules) {
    const parsed = parseRule(text, source, root);
    if (!parsed.ok) {
      errors.push({ rule: text, error: parsed.error });
      continue;
    }
    if (allow.some((rule) => rule.raw === parsed.rule.raw && rule.source === source && rule.root === root)) continue;
    allow.push(parsed.rule);
  }
  return { policy: { ...policy, rules: { ...policy.rules, [behavior]: allow } }, errors };
}
