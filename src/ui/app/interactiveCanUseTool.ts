// The interactive permission gate: the same pipeline print mode uses, but a call that needs
// approval is put to the user instead of refused. "Yes, and don't ask again" saves the suggested
// rules to the project's local settings and adds them to the live policy, so they hold at once.
import { resolve } from 'node:path';
import type { CanUseTool } from '../../agent/executeToolCall.js';
import { addLocalAllowRules, LOCAL_SETTINGS_RELATIVE_PATH } from '../../config/localSettingsWriter.js';
import { evaluatePermission } from '../../permissions/evaluatePermission.js';
import type { PermissionPolicy } from '../../permissions/types.js';
import { applyAllowRulesToPolicy } from '../permissions/applyAllowRules.js';
import { suggestAllowRules } from '../permissions/suggestRule.js';
import type { InteractionBroker } from './interactionBroker.js';
import { permissionPreview } from './permissionPreview.js';

export const USER_DECLINED = 'The user declined.';

export const declinedWith = (feedback: string) => `The user declined and said: ${feedback}`;

export interface InteractiveGateOptions {
  /** Where remembered rules are saved (`.wright/settings.local.json` under it) and what they are relative to. */
  projectRoot: string;
  /** The terminal's width now, for the diff preview (80 when unknown). */
  columns?: () => number;
  /** Colour the diff preview (false under NO_COLOR). */
  color?: boolean;
  /** Writes rules to the local settings file; replaceable in tests. */
  saveRules?: (projectRoot: string, rules: string[]) => Promise<unknown>;
}

// The dialog's border and padding take four columns, and the last column is left free.
const DIALOG_CHROME = 5;

export function interactiveCanUseTool(policy: PermissionPolicy, broker: InteractionBroker, options: InteractiveGateOptions): CanUseTool {
  const columns = options.columns ?? (() => process.stdout.columns || 80);
  return async (tool, input, { signal, forceAsk }) => {
    const call = { toolName: tool.name, input };
    const evaluated = evaluatePermission({ ...call, isReadOnly: tool.isReadOnly(input) }, policy);
    // A hook may ask where the rules allow.
    const decision = evaluated.behavior === 'allow' && forceAsk !== undefined ? { behavior: 'ask' as const, reason: forceAsk } : evaluated;
    if (decision.behavior !== 'ask') return decision;
    const suggestedRules = suggestionsFor(call, policy.cwd, options.projectRoot);
    const preview = await permissionPreview(tool.name, input, {
      cwd: policy.cwd,
      home: policy.home,
      width: Math.max(20, columns() - DIALOG_CHROME),
      color: options.color ?? true,
    });
    const answer = await broker.askPermission({ ...call, reason: decision.reason, suggestedRules, ...(preview !== undefined ? { preview } : {}) }, signal);
    if (answer.behavior === 'deny') {
      return { behavior: 'deny', reason: answer.feedback !== undefined && answer.feedback !== '' ? declinedWith(answer.feedback) : USER_DECLINED };
    }
    if (answer.remember !== undefined && answer.remember.length > 0) await remember(answer.remember, policy, broker, options);
    return { behavior: 'allow', reason: 'The user approved this call.' };
  };
}

function suggestionsFor(call: { toolName: string; input: Record<string, unknown> }, cwd: string, projectRoot: string): string[] {
  try {
    return suggestAllowRules(call, { cwd, projectRoot });
  } catch {
    // A suggestion is a convenience: without one the dialog still offers yes and no.
    return [];
  }
}

/** Adds the rules to the live policy, then saves them; a failed save leaves them for this session only. */
async function remember(rules: string[], policy: PermissionPolicy, broker: InteractionBroker, options: InteractiveGateOptions): Promise<void> {
  const source = resolve(options.projectRoot, LOCAL_SETTINGS_RELATIVE_PATH);
  const applied = applyAllowRulesToPolicy(policy, rules, source, options.projectRoot);
  // The policy object is shared with the agent and the mode control, so it is updated in place.
  policy.rules.allow = applied.policy.rules.allow;
  for (const { rule, error } of applied.errors) broker.notice(`Could not apply ${rule}: ${error}`, 'warning');
  try {
    await (options.saveRules ?? addLocalAllowRules)(options.projectRoot, rules);
    broker.notice(`Saved ${rules.join(', ')} to ${LOCAL_SETTINGS_RELATIVE_PATH}`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    broker.notice(`Could not save ${rules.join(', ')}: ${message}. They apply for this session only.`, 'warning');
  }
}
