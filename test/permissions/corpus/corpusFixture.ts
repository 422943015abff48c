// The world the adversarial corpus runs in: a real project directory with symlinks pointing in and
// out, a separate home directory, and a runner that judges Bash calls the way the agent does
// (the Bash tool's own read-only verdict, then the permission pipeline).
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluatePermission } from '../../../src/permissions/evaluatePermission.js';
import type { PermissionBehavior, PermissionMode, PermissionPolicy } from '../../../src/permissions/types.js';
import { bashTool } from '../../../src/tools/bashTool.js';
import { makePolicy, makeTempDir } from '../policyFixture.js';

export const root = makeTempDir('wright-corpus-');
export const project = join(root, 'project');
export const home = join(root, 'home');
export const outside = join(root, 'outside');

for (const dir of [project, home, outside, join(project, 'src'), join(project, '.git'), join(home, '.ssh')]) mkdirSync(dir, { recursive: true });
for (const [path, text] of Object.entries({
  [join(project, 'src/app.ts')]: 'export {};\n',
  [join(project, '.env')]: 'TOKEN=x\n',
  [join(project, 'README.md')]: '# r\n',
  [join(outside, 'secret.txt')]: 'secret\n',
  [join(home, '.ssh/id_ed25519')]: 'key\n',
})) writeFileSync(path, text);
symlinkSync(outside, join(project, 'link-out'));
symlinkSync('/etc', join(project, 'etc-link'));
symlinkSync(join(project, 'src'), join(project, 'src-link'));
symlinkSync(join(outside, 'secret.txt'), join(project, 'secret-link.txt'));

export interface Rules {
  mode?: PermissionMode;
  allow?: string[];
  ask?: string[];
  deny?: string[];
}

export function policyFor(rules: Rules): PermissionPolicy {
  return makePolicy({ cwd: project, home, ...rules });
}

/** A Bash call as the agent judges it: the tool's read-only verdict feeds the pipeline. */
export function judgeBash(command: string, rules: Rules): { behavior: PermissionBehavior; reason: string } {
  const isReadOnly = bashTool.isReadOnly({ command });
  return evaluatePermission({ toolName: 'Bash', input: { command }, isReadOnly }, policyFor(rules));
}

const READ_ONLY_TOOLS = new Set(['Read', 'Glob', 'Grep']);

export function judgeTool(toolName: string, input: Record<string, unknown>, rules: Rules): { behavior: PermissionBehavior; reason: string } {
  return evaluatePermission({ toolName, input, isReadOnly: READ_ONLY_TOOLS.has(toolName) }, policyFor(rules));
}

export type Case =
  | { expect: PermissionBehavior; bash: string; rules?: Rules; why?: string }
  | { expect: PermissionBehavior; tool: string; input: Record<string, unknown>; rules?: Rules; why?: string };
