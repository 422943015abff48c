import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helpText, parseArgs, splitRuleList, FLAGS } from '../../src/cli/args.js';
import { UsageError } from '../../src/cli/errors.js';

test('rule lists split on commas outside parentheses', () => {
  assert.deepEqual(splitRuleList('Bash(git log:*),Read, Edit(/src/**)'), ['Bash(git log:*)', 'Read', 'Edit(/src/**)']);
  assert.deepEqual(splitRuleList('Bash(echo a, b)'), ['Bash(echo a, b)']);
});

test('list flags take following rules but stop at the prompt', () => {
  const options = parseArgs(['-p', '--allowedTools', 'Bash(npm test:*)', 'Read', 'fix the bug', '--disallowedTools=WebFetch']);
  assert.equal(options.print, true);
  assert.deepEqual(options.allowedTools, ['Bash(npm test:*)', 'Read']);
  assert.deepEqual(options.disallowedTools, ['WebFetch']);
  assert.equal(options.prompt, 'fix the bug');
});

test('--add-dir takes existing directories only, and -- ends the options', () => {
  const a = mkdtempSync(join(tmpdir(), 'wright-args-'));
  const b = mkdtempSync(join(tmpdir(), 'wright-args-'));
  const options = parseArgs(['--add-dir', a, b, 'explain', '--', '--not-a-flag']);
  assert.deepEqual(options.addDir, [a, b]);
  assert.equal(options.prompt, 'explain --not-a-flag');
});

test('values, numbers and aliases parse as Claude Code users write them', () => {
  const options = parseArgs(['--print', '--output-format', 'json', '--max-turns', '3', '--max-budget-usd=0.5', '-r', 'abc', '--allowed-tools', 'Read', '-c']);
  assert.equal(options.outputFormat, 'json');
  assert.equal(options.maxTurns, 3);
  assert.equal(options.maxBudgetUsd, 0.5);
  assert.equal(options.resume, 'abc');
  assert.deepEqual(options.allowedTools, ['Read']);
  assert.equal(options.continue, true);
});

test('mistakes are usage errors with a clear message', () => {
  assert.throws(() => parseArgs(['--nope']), (e: unknown) => e instanceof UsageError && /Unknown option: --nope/.test(e.message));
  assert.throws(() => parseArgs(['--model']), /--model needs a value/);
  assert.throws(() => parseArgs(['--max-turns', '0']), /positive number/);
  assert.throws(() => parseArgs(['--verbose=yes']), /takes no value/);
});

test('the help text lists every flag', () => {
  const help = helpText('1.2.3');
  for (const spec of FLAGS) for (const name of spec.names) assert.ok(help.includes(name), name);
});

test('MCP wildcard rules stay in the --allowedTools list instead of becoming the prompt', () => {
  const options = parseArgs(['-p', '--allowedTools', 'mcp__github__*', 'mcp__fs', 'list the issues']);
  assert.deepEqual(options.allowedTools, ['mcp__github__*', 'mcp__fs']);
  assert.equal(options.prompt, 'list the issues');
});

test('--plugin-dir repeats, takes one path each (commas kept), and leaves the prompt alone', () => {
  const options = parseArgs(['-p', 'do it', '--plugin-dir', './a,b', '--plugin-dir=/abs/c', 'and more']);
  assert.deepEqual(options.pluginDir, ['./a,b', '/abs/c']);
  assert.equal(options.prompt, 'do it and more');
  assert.deepEqual(parseArgs([]).pluginDir, []);
  assert.match(helpText('1'), /wright plugin install\|list\|enable\|disable\|remove\|validate\|marketplace/);
});
