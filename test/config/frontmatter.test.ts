import { test } from 'node:test';
import assert from 'node:assert/strict';
import { booleanValue, listValue, parseFrontmatter, ruleListValue } from '../../src/config/frontmatter.js';

test('reads scalars, quoted strings, inline and block lists, and keeps the body', () => {
  const parsed = parseFrontmatter(
    ['---', 'name: reviewer', 'description: "Reviews code: carefully"', "paths: ['src/**/*.ts', \"lib/a, b.js\"]", 'tools:', '  - Read', '  - Grep', '# a comment', '---', '# Body', 'text'].join('\n'),
  );
  assert.deepEqual(parsed.attributes, {
    name: 'reviewer',
    description: 'Reviews code: carefully',
    paths: ['src/**/*.ts', 'lib/a, b.js'],
    tools: ['Read', 'Grep'],
  });
  assert.equal(parsed.body, '# Body\ntext');
  assert.deepEqual(parsed.errors, []);
});

test('no front matter leaves the text whole; a broken block is reported with its line', () => {
  assert.deepEqual(parseFrontmatter('# Just markdown\n---\n'), { attributes: {}, body: '# Just markdown\n---\n', errors: [] });
  assert.deepEqual(parseFrontmatter('\uFEFF---\r\npaths: src/**\r\n---\r\nbody').attributes, { paths: 'src/**' });
  assert.deepEqual(parseFrontmatter('---\npaths: x\n').errors, [{ line: 1, message: 'front matter is not closed by a "---" line' }]);
  assert.deepEqual(parseFrontmatter('---\npaths: x\n{ nope }\n---\n').errors, [{ line: 3, message: 'cannot read "{ nope }"' }]);
});

test('a list value may be written as one comma-separated string', () => {
  assert.deepEqual(listValue('src/**/*.ts, test/**'), ['src/**/*.ts', 'test/**']);
  assert.deepEqual(listValue(['a', ' b ']), ['a', 'b']);
  assert.deepEqual(listValue(undefined), []);
});

test('booleans are read in the usual YAML spellings, anything else keeps the default', () => {
  assert.equal(booleanValue('true', false), true);
  assert.equal(booleanValue('False', true), false);
  assert.equal(booleanValue('yes', false), true);
  assert.equal(booleanValue('maybe', true), true);
  assert.equal(booleanValue(undefined, false), false);
  assert.equal(booleanValue(['true'], false), false);
});

test('rule lists split on commas and spaces, but not inside a rule’s parentheses', () => {
  assert.deepEqual(ruleListValue('Bash(git add:*), Bash(git status:*)'), ['Bash(git add:*)', 'Bash(git status:*)']);
  assert.deepEqual(ruleListValue('Bash(git:*) Read  Grep'), ['Bash(git:*)', 'Read', 'Grep']);
  assert.deepEqual(ruleListValue('Bash(git commit -m "a, b")'), ['Bash(git commit -m "a, b")']);
  assert.deepEqual(ruleListValue(['Read', 'Bash(npm test)']), ['Read', 'Bash(npm test)']);
  assert.deepEqual(ruleListValue(undefined), []);
});
