import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasArgumentPlaceholder, splitArguments, substituteArguments } from '../../../src/extensions/commands/commandArguments.js';
import { bodySegments } from '../../../src/extensions/commands/shellSegments.js';

test('arguments split like a shell: quotes group words and are removed, backslashes escape', () => {
  assert.deepEqual(splitArguments('456 high alice'), ['456', 'high', 'alice']);
  assert.deepEqual(splitArguments('  "fix the bug" \'it\'\'s\' x\\ y  '), ['fix the bug', 'its', 'x y']);
  assert.deepEqual(splitArguments('"say \\"hi\\"" \'a\\b\''), ['say "hi"', 'a\\b']);
  assert.deepEqual(splitArguments('""'), ['']);
  assert.deepEqual(splitArguments('"unclosed words'), ['unclosed words']);
  assert.deepEqual(splitArguments(''), []);
});

test('$ARGUMENTS is the text as typed; $1…$9 are 1-based words; missing ones are empty', () => {
  const body = 'Review PR #$1 with priority $2 for $3. All: $ARGUMENTS.';
  assert.equal(substituteArguments(body, '456 high'), 'Review PR #456 with priority high for . All: 456 high.');
  assert.equal(substituteArguments('Fix "$1" in $2', '"the login bug" src/a.ts'), 'Fix "the login bug" in src/a.ts');
  assert.equal(substituteArguments('$0 $10 $1', 'a b'), '$0 $10 a');
  assert.equal(substituteArguments('cost: $ARGUMENTSX $ARGUMENTS', 'x'), 'cost: $ARGUMENTSX x');
  assert.equal(substituteArguments('price in $ stays', 'x'), 'price in $ stays');
});

test('a placeholder is recognised so arguments are not also appended', () => {
  assert.equal(hasArgumentPlaceholder('do $ARGUMENTS'), true);
  assert.equal(hasArgumentPlaceholder('first: $1'), true);
  assert.equal(hasArgumentPlaceholder('no args, $0, $10'), false);
});

test('!`cmd` blocks are found at a line start or after whitespace only', () => {
  assert.deepEqual(bodySegments('Status:\n!`git status`\nDiff: !`git diff $1` done'), [
    { kind: 'text', text: 'Status:\n' },
    { kind: 'shell', command: 'git status' },
    { kind: 'text', text: '\nDiff: ' },
    { kind: 'shell', command: 'git diff $1' },
    { kind: 'text', text: ' done' },
  ]);
  assert.deepEqual(bodySegments('a!`not a block` and `code`'), [{ kind: 'text', text: 'a!`not a block` and `code`' }]);
});

test('$ARGUMENTS[N] is word N counted from 0; past the end it is empty; it counts as a placeholder', () => {
  assert.equal(substituteArguments('from $ARGUMENTS[0] to $ARGUMENTS[1] ($ARGUMENTS[7])', '"main branch" prod'), 'from main branch to prod ()');
  assert.equal(substituteArguments('$ARGUMENTS[0] = $1; all: $ARGUMENTS', 'a b'), 'a = a; all: a b');
  assert.equal(hasArgumentPlaceholder('deploy $ARGUMENTS[0]'), true);
});
