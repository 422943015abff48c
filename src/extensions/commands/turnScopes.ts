// What a command or skill grants lasts for one turn (one `agent.run`, to its result): its
// allowed-tools are added to the live permission policy as allow rules and removed when the turn
// ends, however it ends; a command's model is used for that turn's requests. Nothing is saved to
// settings. A front end queues a command's scope just before it submits the command's prompt, and
// runs every turn through `around`, which takes the queued scopes for that turn. A skill the model
// loads mid-turn adds its rules to the turn in progress.
import type { AgentEvent } from '../../agent/events.js';
import { parseRule } from '../../permissions/ruleParser.js';
import type { PermissionPolicy, PermissionRule } from '../../permissions/types.js';
import type { SwitchableModelClient } from './turnModel.js';

export interface TurnScope {
  /** Allow rules as written in allowed-tools. */
  allowedTools: readonly string[];
  /** Where they come from, shown in permission reasons (`/review (.claude/commands/review.md)`). */
  source: string;
  /** The model id for the turn, already resolved. */
  model?: string;
}

export class TurnScopes {
  private pending: TurnScope[] = [];
  /** Rules added for the turn in flight; null between turns. */
  private current: PermissionRule[] | null = null;

  constructor(
    private readonly policy: PermissionPolicy,
    /** What `/path` specifiers in the rules are relative to (the project root). */
    private readonly root: string,
    private readonly model?: SwitchableModelClient,
  ) {}

  /** Applies `scope` to the next turn that starts. */
  queue(scope: TurnScope): void {
    this.pending.push(scope);
  }

  /** Runs one turn's events with the queued scopes in force, and removes them when it ends. */
  async *around(events: AsyncIterable<AgentEvent>): AsyncGenerator<AgentEvent> {
    const scopes = this.pending.splice(0);
    const added: PermissionRule[] = [];
    const outer = this.current;
    this.current = added;
    for (const scope of scopes) added.push(...this.addRules(scope.allowedTools, scope.source));
    const model = [...scopes].reverse().find((scope) => scope.model !== undefined)?.model;
    const previousModel = this.model?.override;
    if (this.model && model !== undefined) this.model.override = model;
    try {
      yield* events;
    } finally {
      this.removeRules(added);
      if (this.model) this.model.override = previousModel;
      this.current = outer;
    }
  }

  /** Adds rules for the rest of the turn in flight (a skill the model loaded); false when no turn is running. */
  addToCurrentTurn(rules: readonly string[], source: string): boolean {
    if (this.current === null) return false;
    this.current.push(...this.addRules(rules, source));
    return true;
  }

  /** Runs `task` with `rules` in force (a command's `!` blocks, checked before its turn starts). */
  async withRules<T>(rules: readonly string[], source: string, task: () => Promise<T>): Promise<T> {
    const added = this.addRules(rules, source);
    try {
      return await task();
    } finally {
      this.removeRules(added);
    }
  }

  private addRules(rules: readonly string[], source: string): PermissionRule[] {
    const parsed = rules.flatMap((text) => {
      const result = parseRule(text, source, this.root);
      return result.ok ? [result.rule] : [];
    });
    // The policy is shared with every permission check; its list is replaced, not edited, as elsewhere.
    if (parsed.length > 0) this.policy.rules.allow = [...this.policy.rules.allow, ...parsed];
    return parsed;
  }

  private removeRules(rules: readonly PermissionRule[]): void {
    if (rules.length === 0) return;
    const gone = new Set(rules);
    this.policy.rules.allow = this.policy.rules.allow.filter((rule) => !gone.has(rule));
  }
}
