import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadCommands } from '../../../src/extensions/commands/commandFiles.js';
import { extensionDirectories } from '../../../src/extensions/commands/extensionRoots.js';
import { originLabel } from '../../../src/extensions/commands/invocable.js';
import { InvocableRegistry } from '../../../src/extensions/commands/invocableRegistry.js';
import { loadSkills } from '../../../src/extensions/skills/skillFiles.js';

const created: string[] = [];
process.once('exit', () => created.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function layout(files: Record<string, string>) {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'wright-commands-')));
  created.push(root);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), content);
  }
  return { configDir: join(root, 'config'), home: join(root, 'home'), projectRoot: join(root, 'repo'), root };
}

function registryFor(roots: ReturnType<typeof layout>) {
  const skills = loadSkills(extensionDirectories(roots, 'skills'));
  const commands = loadCommands(extensionDirectories(roots, 'commands'));
  return { registry: new InvocableRegistry([...skills.definitions, ...commands.definitions]), warnings: [...skills.warnings, ...commands.warnings] };
}

test('commands load from user and project folders with their front matter; subfolders are namespaces', () => {
  const roots = layout({
    'repo/.claude/commands/review.md': '---\ndescription: Review a file\nargument-hint: [file]\nallowed-tools: Bash(git diff:*), Read\nmodel: haiku\n---\nReview $ARGUMENTS',
    'repo/.claude/commands/frontend/component.md': '# Make a component\nCreate $1',
    'home/.claude/commands/git/commit.md': '---\ndisable-model-invocation: true\ndescription: Commit\n---\nCommit it',
  });
  const { registry, warnings } = registryFor(roots);
  assert.deepEqual(warnings, []);
  const review = registry.forUser('review')!;
  assert.equal(review.description, 'Review a file');
  assert.equal(review.argumentHint, '[file]');
  assert.deepEqual(review.allowedTools, ['Bash(git diff:*)', 'Read']);
  assert.equal(review.model, 'haiku');
  assert.equal(review.body, 'Review $ARGUMENTS');
  assert.equal(originLabel(review), '(project)');
  const component = registry.forUser('component')!;
  assert.equal(component.namespace, 'frontend');
  assert.equal(component.description, 'Make a component');
  assert.equal(originLabel(component), '(project:frontend)');
  assert.equal(registry.forUser('frontend:component'), component);
  assert.equal(originLabel(registry.forUser('commit')!), '(user:git)');
  // The model may run commands with a description, unless they opt out.
  assert.deepEqual(registry.modelInvocable().map((definition) => definition.name), ['review']);
});

test('precedence: user before project, .wright before .claude, skill before command, top level before a namespace', () => {
  const roots = layout({
    'config/commands/deploy.md': 'user wright deploy',
    'home/.claude/commands/deploy.md': 'user claude deploy',
    'repo/.wright/commands/deploy.md': 'project deploy',
    'repo/.wright/commands/lint.md': 'wright lint',
    'repo/.claude/commands/lint.md': 'claude lint',
    'repo/.claude/commands/test.md': 'top-level test',
    'repo/.claude/commands/a/test.md': 'namespaced test',
    'repo/.claude/commands/pdf.md': 'command pdf',
    'repo/.claude/skills/pdf/SKILL.md': '---\nname: pdf\ndescription: PDFs\n---\nskill pdf',
  });
  const { registry } = registryFor(roots);
  assert.equal(registry.forUser('deploy')!.body, 'user wright deploy');
  assert.equal(registry.forUser('lint')!.body, 'wright lint');
  assert.equal(registry.forUser('test')!.body, 'top-level test');
  assert.equal(registry.forUser('a:test')!.body, 'namespaced test');
  assert.equal(registry.forUser('pdf')!.kind, 'skill');
  const shadowed = registry.warnings.join('\n');
  assert.match(shadowed, /\/deploy from .*home\/\.claude\/commands\/deploy\.md is shadowed by .*config\/commands\/deploy\.md/);
  assert.match(shadowed, /\/test from .*a\/test\.md is shadowed by .*; run it as \/a:test/);
  assert.equal(registry.warnings.length, 5);
});

test('built-in names hide custom commands with a warning each', () => {
  const roots = layout({ 'repo/.claude/commands/help.md': 'my help', 'repo/.claude/commands/ok.md': 'fine' });
  const { registry } = registryFor(roots);
  assert.deepEqual(registry.builtinConflicts(['help', 'clear']), [`/help is a built-in command; the custom one in ${join(roots.projectRoot, '.claude/commands/help.md')} is not used.`]);
});

test('skills are validated: name and description required, name lowercase-hyphen; invalid ones are skipped with the file named', () => {
  const roots = layout({
    'repo/.claude/skills/good/SKILL.md': '---\nname: good-skill\ndescription: Does good things. Use when good.\nallowed-tools: Bash(echo:*) Read\n---\nBody of good',
    'repo/.claude/skills/upper/SKILL.md': '---\nname: Upper_Case\ndescription: x\n---\n',
    'repo/.claude/skills/noname/SKILL.md': '---\ndescription: x\n---\n',
    'repo/.claude/skills/nodesc/SKILL.md': '---\nname: nodesc\n---\n',
    'repo/.claude/skills/long/SKILL.md': `---\nname: ${'a'.repeat(65)}\ndescription: x\n---\n`,
    'repo/.claude/skills/hidden/SKILL.md': '---\nname: hidden\ndescription: Only for users\ndisable-model-invocation: true\n---\nhi',
    'repo/.claude/skills/manual/SKILL.md': '---\nname: manual\ndescription: Only for the model\nuser-invocable: false\n---\nhi',
    'repo/.claude/skills/not-a-skill/README.md': 'no SKILL.md here',
  });
  const { registry, warnings } = registryFor(roots);
  const good = registry.forModel('good-skill')!;
  assert.equal(good.baseDirectory, join(roots.projectRoot, '.claude/skills/good'));
  assert.deepEqual(good.allowedTools, ['Bash(echo:*)', 'Read']);
  assert.equal(good.body, 'Body of good');
  assert.equal(warnings.length, 4);
  assert.match(warnings.join('\n'), /Skipped skill .*upper\/SKILL\.md: name "Upper_Case" must be lowercase/);
  assert.match(warnings.join('\n'), /Skipped skill .*noname\/SKILL\.md: front matter has no `name`/);
  assert.match(warnings.join('\n'), /Skipped skill .*nodesc\/SKILL\.md: front matter has no `description`/);
  assert.match(warnings.join('\n'), /Skipped skill .*long\/SKILL\.md: name "a+" must be/);
  assert.equal(registry.forModel('hidden'), undefined);
  assert.equal(registry.forUser('hidden')!.name, 'hidden');
  assert.equal(registry.forUser('manual'), undefined);
  assert.equal(registry.forModel('manual')!.name, 'manual');
});

test('an allowed-tools rule that does not parse is dropped with a warning; the command still loads', () => {
  const roots = layout({ 'repo/.claude/commands/x.md': '---\nallowed-tools: Bash(git status), Bash(oops\n---\nbody' });
  const { registry } = registryFor(roots);
  assert.deepEqual(registry.forUser('x')!.allowedTools, ['Bash(git status)']);
  assert.match(registry.warnings[0]!, /Ignored allowed-tools rule "Bash\(oops" in .*x\.md/);
});
