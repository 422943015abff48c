/**
 * What `wright permissions check <Tool> --input '<json>' [--mode M]` prints: the decision the gate
 * would make, as one JSON object, without running anything.
 */
import { evaluatePermission } from './evaluatePermission.js';
import type { PermissionBehavior, PermissionMode, PermissionPolicy, PermissionToolCall } from './types.js';

export interface PermissionCheckReport {
  behavior: PermissionBehavior;
  reason: string;
  /** The deciding rule as written, or null when no rule decided. */
  rule: string | null;
  ruleSource?: string;
  mode: PermissionMode;
}

export function checkPermissionForCli(call: PermissionToolCall, policy: PermissionPolicy): PermissionCheckReport {
  const decision = evaluatePermission(call, policy);
  return {
    behavior: decision.behavior,
    reason: decision.reason,
    rule: decision.rule ?? null,
    ...(decision.ruleSource !== undefined ? { ruleSource: decision.ruleSource } : {}),
    mode: policy.mode,
  };
}
