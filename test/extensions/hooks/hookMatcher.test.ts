import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileMatcher, matcherMatches } from '../../../src/extensions/hooks/hookMatcher.js';

function matches(matcher: string | undefined, value: string | undefined): boolean {
  const compiled = compileMatcher(matcher);
  if (!compiled.ok) assert.fail(compiled.error);
  return matcherMatches(compiled.matcher, value);
}

describe('hook matchers', () => {
  it('"*", "" and no matcher match everything', () => {
    for (const matcher of ['*', '', undefined]) {
      assert.equal(matches(matcher, 'Bash'), true);
      assert.equal(matches(matcher, 'mcp__memory__create'), true);
    }
  });

  it('a plain name matches exactly, case-sensitively, not as a substring', () => {
    assert.equal(matches('Bash', 'Bash'), true);
    assert.equal(matches('Bash', 'bash'), false);
    assert.equal(matches('Edit', 'MultiEdit'), false);
    assert.equal(matches('Edit', 'NotebookEdit'), false);
  });

  it('names split on | and , with spaces trimmed', () => {
    assert.equal(matches('Edit|Write', 'Write'), true);
    assert.equal(matches('Edit, Write', 'Write'), true);
    assert.equal(matches('Edit | MultiEdit', 'MultiEdit'), true);
    assert.equal(matches('Edit|Write', 'Read'), false);
    assert.equal(matches('startup|resume', 'compact'), false);
    assert.equal(matches('permission_prompt', 'permission_prompt'), true);
    assert.equal(matches('my-tool', 'my-tool'), true);
  });

  it('anything else is an unanchored regular expression', () => {
    assert.equal(matches('Notebook.*', 'NotebookEdit'), true);
    assert.equal(matches('mcp__memory__.*', 'mcp__memory__create_entities'), true);
    assert.equal(matches('mcp__memory__.*', 'mcp__github__search'), false);
    assert.equal(matches('Edit.*', 'MultiEdit'), true, 'unanchored');
    assert.equal(matches('^Edit$', 'MultiEdit'), false);
    assert.equal(matches('^(Edit|Write)$', 'Write'), true);
    assert.equal(matches('bash.*', 'Bash'), false, 'case-sensitive');
  });

  it('an event without a matcher field ignores the matcher', () => {
    assert.equal(matches('Bash', undefined), true);
  });

  it('an invalid regular expression is an error', () => {
    const compiled = compileMatcher('Bash(');
    assert.equal(compiled.ok, false);
    assert.match((compiled as { error: string }).error, /not a valid regular expression/);
  });
});
