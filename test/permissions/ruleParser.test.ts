import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRule, parseRuleList } from '../../src/permissions/ruleParser.js';

describe('parseRule', () => {
  const accepted: Array<[string, string, string | undefined]> = [
    ['Bash', 'Bash', undefined],
    ['Bash(*)', 'Bash', undefined],
    ['Bash()', 'Bash', undefined],
    ['  Bash  ', 'Bash', undefined],
    ['Bash(npm run build)', 'Bash', 'npm run build'],
    ['Bash( npm run test:* )', 'Bash', 'npm run test:*'],
    ['  Bash ( git * main )  ', 'Bash', 'git * main'],
    ['Read(./secrets/**)', 'Read', './secrets/**'],
    ['Edit(//etc/hosts)', 'Edit', '//etc/hosts'],
    ['WebFetch(domain:example.com)', 'WebFetch', 'domain:example.com'],
    ['mcp__github__create_issue', 'mcp__github__create_issue', undefined],
    ['mcp__github__*', 'mcp__github__*', undefined],
    ['Bash(echo (nested) ok)', 'Bash', 'echo (nested) ok'],
    ['Bash(echo \\) alone)', 'Bash', 'echo ) alone'],
    ['Bash(echo \\( alone)', 'Bash', 'echo ( alone'],
  ];
  for (const [text, toolName, specifier] of accepted) {
    it(`accepts ${JSON.stringify(text)}`, () => {
      const parsed = parseRule(text, 'settings.json', '/repo');
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
      assert.equal(parsed.rule.toolName, toolName);
      assert.equal(parsed.rule.specifier, specifier);
      assert.equal(parsed.rule.raw, text.trim());
      assert.equal(parsed.rule.source, 'settings.json');
      assert.equal(parsed.rule.root, '/repo');
    });
  }

  const rejected: Array<[string, RegExp]> = [
    ['', /empty rule/],
    ['   ', /empty rule/],
    ['(npm test)', /missing tool name/],
    ['  (x)', /missing tool name/],
    ['Bash(npm test', /unbalanced parentheses.*end with `\)`/],
    ['Bash npm test)', /unbalanced parentheses/],
    ['Bash)', /unbalanced parentheses/],
    ['Bash(echo ( open)', /unbalanced parentheses.*never closed/],
    ['Bash(echo ) close)', /unbalanced parentheses.*closes nothing/],
    ['Bash(x) trailing', /unbalanced parentheses.*end with/],
    ['Ba sh(x)', /invalid tool name/],
    ['Bash;rm(x)', /invalid tool name/],
  ];
  for (const [text, message] of rejected) {
    it(`rejects ${JSON.stringify(text)} with a clear message`, () => {
      const parsed = parseRule(text, 's', '/r');
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.error, message);
    });
  }
});

describe('parseRuleList', () => {
  it('returns every good rule and reports every bad one with its source', () => {
    const { rules, errors } = parseRuleList([
      { rule: 'Bash(ls *)', source: 'a.json', root: '/a' },
      { rule: 'Bash(oops', source: 'b.json', root: '/b' },
      { rule: 'Read', source: 'c.json', root: '/c' },
      { rule: '', source: 'd.json', root: '/d' },
    ]);
    assert.deepEqual(rules.map((r) => [r.raw, r.source, r.root]), [
      ['Bash(ls *)', 'a.json', '/a'],
      ['Read', 'c.json', '/c'],
    ]);
    assert.deepEqual(errors.map((e) => [e.rule, e.source]), [
      ['Bash(oops', 'b.json'],
      ['', 'd.json'],
    ]);
    assert.ok(errors.every((e) => e.error.length > 10));
  });
});
