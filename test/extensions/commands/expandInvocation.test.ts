import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandBody, invocationPrompt, type ShellAccess } from '../../../src/extensions/commands/expandInvocation.js';
import type { InvocableDefinition } from '../../../src/extensions/commands/invocable.js';
import { TurnScopes } from '../../../src/extensions/commands/turnScopes.js';
import { bash, makePolicy, makeTempDir } from '../../permissions/policyFixture.js';

function command(body: string, extra: Partial<InvocableDefinition> = {}): InvocableDefinition {
  return {
    kind: 'command',
    name: 'review',
    namespace: '',
    scope: 'project',
    path: '/repo/.claude/commands/review.md',
    description: 'Review',
    describedInFrontmatter: true,
    allowedTools: [],
    userInvocable: true,
    modelInvocable: true,
    body,
    ...extra,
  };
}

/** Shell access whose checks are the real permission pipeline and whose commands are recorded, not run. */
function fakeShell(cwd: string, allow: string[] = [], outputs: Record<string, { output: string; failed?: boolean }> = {}) {
  const policy = makePolicy({ cwd, allow });
  const ran: string[] = [];
  const shell: ShellAccess = {
    check: async (commandText) => bash(commandText, policy, false),
    run: async (commandText) => {
      ran.push(commandText);
      return { output: outputs[commandText]?.output ?? `output of ${commandText}\n`, failed: outputs[commandText]?.failed ?? false };
    },
  };
  return { policy, ran, shell };
}

const signal = new AbortController().signal;

test('arguments fill the placeholders; without one they are appended as ARGUMENTS', async () => {
  const cwd = makeTempDir();
  const { shell } = fakeShell(cwd);
  assert.deepEqual(await expandBody(command('Review $1 then $2.'), 'a.ts', { cwd, shell, signal }), { ok: true, text: 'Review a.ts then .' });
  assert.deepEqual(await expandBody(command('Review the code.'), 'focus on tests', { cwd, shell, signal }), { ok: true, text: 'Review the code.\n\nARGUMENTS: focus on tests' });
  assert.deepEqual(await expandBody(command('Review the code.'), '  ', { cwd, shell, signal }), { ok: true, text: 'Review the code.' });
});

test('allowed !`cmd` blocks run in order and their output is inlined', async () => {
  const cwd = makeTempDir();
  const { shell, ran } = fakeShell(cwd, ['Bash(git diff:*)'], { 'git diff HEAD~1': { output: '+added line\n' } });
  const expanded = await expandBody(command('Status: !`git status`\nDiff of $1:\n!`git diff $1`\nReview it.'), 'HEAD~1', { cwd, shell, signal });
  assert.deepEqual(expanded, { ok: true, text: 'Status: output of git status\nDiff of HEAD~1:\n+added line\nReview it.' });
  assert.deepEqual(ran, ['git status', 'git diff HEAD~1']);
});

test('a !`cmd` block the rules do not allow is not run, and nothing is sent', async () => {
  const cwd = makeTempDir();
  const { shell, ran } = fakeShell(cwd);
  const expanded = await expandBody(command('Before: !`git status`\nPush: !`git push origin main`'), '', { cwd, shell, signal });
  assert.equal(expanded.ok, false);
  assert.match((expanded as { error: string }).error, /^\/review: the command `git push origin main` was not run: .*allowed-tools \(e\.g\. `Bash\(git push origin main\)`\)/s);
  assert.deepEqual(ran, ['git status']);
});

test('a failing !`cmd` block stops the command with its output', async () => {
  const cwd = makeTempDir();
  const { shell } = fakeShell(cwd, [], { 'git status': { output: 'fatal: not a git repository\n', failed: true } });
  const expanded = await expandBody(command('!`git status`'), '', { cwd, shell, signal });
  assert.deepEqual(expanded, { ok: false, error: '/review: the command `git status` failed, so the prompt was not sent:\nfatal: not a git repository' });
});

test('text typed as arguments cannot become a !`cmd` block', async () => {
  const cwd = makeTempDir();
  const { shell, ran } = fakeShell(cwd, ['Bash']);
  const expanded = await expandBody(command('Look at $ARGUMENTS'), '!`touch pwned`', { cwd, shell, signal });
  assert.deepEqual(expanded, { ok: true, text: 'Look at !`touch pwned`' });
  assert.deepEqual(ran, []);
});

test('a command’s allowed-tools let its !`cmd` blocks through while it expands, and only then', async () => {
  const cwd = makeTempDir();
  const { shell, ran, policy } = fakeShell(cwd);
  const scopes = new TurnScopes(policy, cwd);
  const definition = command('Push: !`git push`', { allowedTools: ['Bash(git push)'] });
  const expanded = await scopes.withRules(definition.allowedTools, 'review.md', () => expandBody(definition, '', { cwd, shell, signal }));
  assert.deepEqual(expanded, { ok: true, text: 'Push: output of git push' });
  assert.deepEqual(ran, ['git push']);
  assert.deepEqual(policy.rules.allow, []);
  assert.equal(bash('git push', policy, false).behavior, 'ask');
});

test('@file mentions in the body and the arguments are inlined; command output cannot mention files', async () => {
  const cwd = makeTempDir();
  mkdirSync(join(cwd, 'src'));
  writeFileSync(join(cwd, 'src/a.ts'), 'export const a = 1;\n');
  writeFileSync(join(cwd, 'guide.md'), 'Be kind.\n');
  writeFileSync(join(cwd, 'secret.txt'), 'do not attach\n');
  const { shell } = fakeShell(cwd, [], { 'echo @secret.txt': { output: '@secret.txt\n' } });
  const expanded = await expandBody(command('Follow @guide.md and review @$1. !`echo @secret.txt`'), 'src/a.ts', { cwd, shell, signal });
  assert.equal(expanded.ok, true);
  const text = (expanded as { text: string }).text;
  assert.match(text, /^Follow @guide\.md and review @src\/a\.ts\. @secret\.txt\n\n<file path="guide\.md">\nBe kind\.\n\n<\/file>\n\n<file path="src\/a\.ts">\nexport const a = 1;\n\n<\/file>$/);
  assert.doesNotMatch(text, /do not attach/);
});

test('the prompt carries Claude Code’s command tags; a skill’s also its base directory', async () => {
  assert.equal(
    invocationPrompt(command('x'), 'src/a.ts', 'Review src/a.ts'),
    '<command-message>review is running…</command-message>\n<command-name>/review</command-name>\n<command-args>src/a.ts</command-args>\n\nReview src/a.ts',
  );
  const skill = command('x', { kind: 'skill', name: 'pdf', baseDirectory: '/skills/pdf' });
  assert.equal(invocationPrompt(skill, '', 'Use it'), '<command-message>pdf is running…</command-message>\n<command-name>/pdf</command-name>\n\nBase directory for this skill: /skills/pdf\n\nUse it');
  const cwd = makeTempDir();
  const expanded = await expandBody(command('Run ${CLAUDE_SKILL_DIR}/scripts/go.sh', { baseDirectory: '/skills/pdf' }), '', { cwd, shell: fakeShell(cwd).shell, signal });
  assert.deepEqual(expanded, { ok: true, text: 'Run /skills/pdf/scripts/go.sh' });
});
