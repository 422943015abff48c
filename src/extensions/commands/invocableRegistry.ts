// The commands and skills of one session, after precedence: for each name one definition wins and
// the others are reported. Order, first wins: the user's before the project's (extensionRoots.ts),
// within a scope a skill before a command of the same name (Claude Code: "a skill of the same name
// wins"), `.wright/` before `.claude/`, and a top-level command before a namespaced one. A shadowed
// namespaced command stays reachable as `/namespace:name`; plugins' definitions come after
// everyone else's, and are reachable as `/plugin:name` (the Skill tool takes `plugin:name` too). Invalid allowed-tools rules are dropped
// with a warning; the definition still loads.
import { parseRule } from '../../permissions/ruleParser.js';
import type { InvocableDefinition } from './invocable.js';

export class InvocableRegistry {
  /** The definitions in effect, in precedence order. */
  readonly definitions: readonly InvocableDefinition[];
  /** Shadowed names and unreadable rules, one line each. */
  readonly warnings: readonly string[];
  private readonly byName = new Map<string, InvocableDefinition>();
  private readonly byQualifiedName = new Map<string, InvocableDefinition>();

  constructor(candidates: readonly InvocableDefinition[]) {
    const warnings: string[] = [];
    const ordered = [...candidates].sort((a, b) => rank(a) - rank(b));
    const winners: InvocableDefinition[] = [];
    for (const candidate of ordered) {
      const definition = withValidRules(candidate, warnings);
      if (definition.namespace !== '') {
        const qualified = `${definition.namespace}:${definition.name}`;
        if (!this.byQualifiedName.has(qualified)) this.byQualifiedName.set(qualified, definition);
      }
      const winner = this.byName.get(definition.name);
      if (winner !== undefined) {
        const reachable = definition.namespace !== '' && this.byQualifiedName.get(`${definition.namespace}:${definition.name}`) === definition;
        warnings.push(`/${definition.name} from ${definition.path} is shadowed by ${winner.path}${reachable ? `; run it as /${definition.namespace}:${definition.name}` : ''}.`);
        continue;
      }
      this.byName.set(definition.name, definition);
      winners.push(definition);
    }
    this.definitions = winners;
    this.warnings = warnings;
  }

  /** What `/name` (or `/namespace:name`) runs, if the user may run it. */
  forUser(name: string): InvocableDefinition | undefined {
    const found = this.byName.get(name) ?? this.byQualifiedName.get(name);
    return found?.userInvocable ? found : undefined;
  }

  /** What the Skill tool loads for `name`, if the model may load it. */
  forModel(name: string): InvocableDefinition | undefined {
    const wanted = name.replace(/^\//, '');
    const found = this.byName.get(wanted) ?? this.byQualifiedName.get(wanted);
    return found?.modelInvocable ? found : undefined;
  }

  userInvocable(): InvocableDefinition[] {
    return this.definitions.filter((definition) => definition.userInvocable);
  }

  modelInvocable(): InvocableDefinition[] {
    return this.definitions.filter((definition) => definition.modelInvocable);
  }

  /** One warning per custom command a built-in command of the front end hides. */
  builtinConflicts(builtins: Iterable<string>): string[] {
    const names = new Set(builtins);
    return this.userInvocable()
      .filter((definition) => names.has(definition.name))
      .map((definition) => `/${definition.name} is a built-in command; the custom one in ${definition.path} is not used.`);
  }
}

/** A plugin's definitions come last: the user's and the project's own win a clash of names. */
const SCOPE_RANK = { user: 0, project: 2, plugin: 4 } as const;

function rank(definition: InvocableDefinition): number {
  return SCOPE_RANK[definition.scope] + (definition.kind === 'skill' ? 0 : 1);
}

function withValidRules(definition: InvocableDefinition, warnings: string[]): InvocableDefinition {
  const valid = definition.allowedTools.filter((rule) => {
    const parsed = parseRule(rule, definition.path, '/');
    if (!parsed.ok) warnings.push(`Ignored allowed-tools rule "${rule}" in ${definition.path}: ${parsed.error}`);
    return parsed.ok;
  });
  return valid.length === definition.allowedTools.length ? definition : { ...definition, allowedTools: valid };
}
