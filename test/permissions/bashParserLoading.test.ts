// The parser's WebAssembly loads asynchronously; before it is ready every command needs approval,
// and it is found beside a bundled chunk as well as in node_modules. (Each test file runs in its own
// process, so the first test here really runs before the parser is loaded.)
import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { analyzeBashCommand, initBashParser } from '../../src/permissions/bashAnalysis.js';
import { isBashParserReady, wasmCandidates } from '../../src/permissions/bashParser.js';
import { evaluatePermission } from '../../src/permissions/evaluatePermission.js';
import { parseRule } from '../../src/permissions/ruleParser.js';
import type { PermissionPolicy } from '../../src/permissions/types.js';

// Not policyFixture.ts: importing it loads the parser.
const rule = (text: string) => {
  const parsed = parseRule(text, 'test', '/');
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.rule;
};
const policy: PermissionPolicy = {
  mode: 'default',
  rules: { allow: [rule('Bash')], ask: [], deny: [rule('Bash(rm *)')] },
  cwd: '/tmp',
  workingDirectories: ['/tmp'],
  home: '/home/tester',
};
const decide = (command: string) => evaluatePermission({ toolName: 'Bash', input: { command }, isReadOnly: false }, policy);

describe('before the parser is loaded', () => {
  it('analysis does not throw: the command is unanalysable and deny rules cannot have checked it', async () => {
    assert.equal(isBashParserReady(), false);
    const analysis = analyzeBashCommand('ls');
    assert.deepEqual(analysis.unanalysable, ['the Bash parser is not loaded yet']);
    assert.deepEqual(analysis.hidden, ['the Bash parser is not loaded yet']);
    // Even a bare `Bash` allow rule does not let a command past a deny rule nobody could check.
    assert.equal(decide('ls; rm -rf /').behavior, 'ask');
    await initBashParser();
    assert.equal(isBashParserReady(), true);
    assert.equal(decide('ls; rm -rf /').behavior, 'deny');
  });
});

describe('loading', () => {
  it('is idempotent and fast once done', async () => {
    const first = initBashParser();
    assert.equal(initBashParser(), first);
    await first;
    const start = performance.now();
    await initBashParser();
    assert.ok(performance.now() - start < 1000);
    assert.deepEqual(analyzeBashCommand('ls').unanalysable, []);
  });

  it('looks beside the module, one level up (dist/chunks → dist), then in node_modules', () => {
    const candidates = wasmCandidates('tree-sitter-bash.wasm', pathToFileURL('/opt/wright/dist/chunks/chunk-X.js').href);
    assert.deepEqual(candidates.slice(0, 2), ['/opt/wright/dist/chunks/tree-sitter-bash.wasm', '/opt/wright/dist/tree-sitter-bash.wasm']);
    const fromSource = wasmCandidates('tree-sitter.wasm');
    assert.ok(fromSource.some((path) => path.endsWith('node_modules/web-tree-sitter/tree-sitter.wasm')), JSON.stringify(fromSource));
    assert.ok(dirname(fromSource[0] as string).endsWith('src/permissions'));
  });

  it('the pipeline decides normally once loaded', () => {
    assert.equal(decide('ls && git status').behavior, 'allow');
  });
});
