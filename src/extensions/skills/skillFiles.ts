// Skills on disk: `skills/<folder>/SKILL.md`, validated as §9 of the reference has it — `name`
// (required; lowercase letters, digits and hyphens, at most 64 characters) and `description`
// (required, at most 1024 characters: what the skill does and when to use it). Optional:
// allowed-tools, argument-hint, disable-model-invocation, user-invocable. A file that breaks a rule
// is skipped with a warning naming it; the rest still load.
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { booleanValue, readFrontmatterFile, ruleListValue } from '../../config/frontmatter.js';
import { hintValue, scalar, type LoadedDefinitions } from '../commands/commandFiles.js';
import type { ExtensionDirectory } from '../commands/extensionRoots.js';
import type { InvocableDefinition } from '../commands/invocable.js';

export const SKILL_FILE = 'SKILL.md';
const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_NAME = 64;
const MAX_DESCRIPTION = 1024;

export function loadSkills(directories: readonly ExtensionDirectory[]): LoadedDefinitions {
  const definitions: InvocableDefinition[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const directory of directories) {
    const real = realDirectory(directory.path);
    if (real === undefined || seen.has(real)) continue;
    seen.add(real);
    for (const folder of readdirSync(directory.path).sort()) {
      const path = join(directory.path, folder, SKILL_FILE);
      if (folder.startsWith('.') || !existsSync(path)) continue;
      const loaded = skillFromFile(path, join(directory.path, folder), directory);
      if ('warning' in loaded) warnings.push(loaded.warning);
      else definitions.push(loaded.definition);
    }
  }
  return { definitions, warnings };
}

export function skillFromFile(path: string, baseDirectory: string, directory: ExtensionDirectory): { definition: InvocableDefinition } | { warning: string } {
  const skip = (why: string) => ({ warning: `Skipped skill ${path}: ${why}` });
  const read = readFrontmatterFile(path, 'skill');
  if ('warning' in read) return read;
  const parsed = read.parsed;
  const attributes = parsed.attributes;
  const name = scalar(attributes['name']);
  const description = scalar(attributes['description']);
  if (name === undefined) return skip('front matter has no `name` (lowercase letters, digits and hyphens)');
  if (!NAME.test(name) || name.length > MAX_NAME) return skip(`name "${name}" must be lowercase letters, digits and single hyphens, at most ${MAX_NAME} characters`);
  if (description === undefined) return skip('front matter has no `description` (what the skill does and when to use it)');
  if (description.length > MAX_DESCRIPTION) return skip(`description is ${description.length} characters; at most ${MAX_DESCRIPTION}`);
  const argumentHint = hintValue(attributes['argument-hint']);
  return {
    definition: {
      kind: 'skill',
      name,
      namespace: directory.plugin ?? '',
      scope: directory.scope,
      path,
      baseDirectory,
      description,
      describedInFrontmatter: true,
      ...(argumentHint !== undefined ? { argumentHint } : {}),
      allowedTools: ruleListValue(attributes['allowed-tools']),
      userInvocable: booleanValue(attributes['user-invocable'], true),
      modelInvocable: !booleanValue(attributes['disable-model-invocation'], false),
      body: parsed.body,
    },
  };
}

function realDirectory(path: string): string | undefined {
  try {
    return statSync(path).isDirectory() ? realpathSync(path) : undefined;
  } catch {
    return undefined;
  }
}
