// One prompt the user can run as `/name` or the model can load with the Skill tool: a custom command
// (`commands/**/*.md`) or a skill (`skills/<name>/SKILL.md`). Both are Markdown with front matter and
// expand the same way; they differ in where they come from and who may invoke them.

export type InvocableKind = 'command' | 'skill';
export type InvocableScope = 'user' | 'project' | 'plugin';

export interface InvocableDefinition {
  kind: InvocableKind;
  name: string;
  /**
   * A command's subfolder under `commands/` (`frontend`, `frontend:forms`), '' at the top. A plugin's
   * definitions start with the plugin's name (`my-plugin`, `my-plugin:frontend`).
   */
  namespace: string;
  scope: InvocableScope;
  /** The Markdown file. */
  path: string;
  /** A skill's folder (SKILL.md and the files it may point to). */
  baseDirectory?: string;
  description: string;
  /** True when `description` came from front matter (a command the model may invoke needs one). */
  describedInFrontmatter: boolean;
  argumentHint?: string;
  /** Permission rules (`Bash(git add:*)`) that hold without asking while the prompt runs. */
  allowedTools: string[];
  /** The model its turn uses (commands; an alias or a model id). */
  model?: string;
  /** `/name` works (skills: `user-invocable`, default true). */
  userInvocable: boolean;
  /** The model is told about it and may load it with the Skill tool (not `disable-model-invocation`). */
  modelInvocable: boolean;
  body: string;
}

/** The name the model is told: a plugin's definitions keep their plugin prefix (`my-plugin:review`). */
export function listedName(definition: InvocableDefinition): string {
  return definition.scope === 'plugin' ? `${definition.namespace}:${definition.name}` : definition.name;
}

/** How `/help` and completion show where a definition comes from: `(project)`, `(user:git)`, `(project skill)`. */
export function originLabel(definition: InvocableDefinition): string {
  const where = definition.namespace === '' ? definition.scope : `${definition.scope}:${definition.namespace}`;
  return definition.kind === 'skill' ? `(${where} skill)` : `(${where})`;
}
