import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseHookLayers, type HookLayer } from '../../../src/extensions/hooks/hookConfig.js';

const command = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'command', command: text, ...extra });

function parse(layers: HookLayer[], options = {}) {
  const result = parseHookLayers(layers, options);
  if (!result.ok) assert.fail(`${result.problem.source}: ${result.problem.path.join('.')}: ${result.problem.message}`);
  return result.config;
}

function problem(hooks: unknown) {
  const result = parseHookLayers([{ source: '/repo/.wright/settings.json', scope: 'project', hooks }]);
  if (result.ok) assert.fail('expected a problem');
  return result.problem;
}

describe('hook configuration', () => {
  it('reads events, matchers and handlers with their source file', () => {
    const config = parse([
      {
        source: '/repo/.claude/settings.json',
        scope: 'project',
        hooks: {
          PreToolUse: [{ matcher: 'Bash|Edit', hooks: [command('check.sh', { timeout: 5 }), { type: 'prompt', prompt: 'Safe? $ARGUMENTS', model: 'haiku' }] }],
          Stop: [{ hooks: [command('stop.sh')] }],
        },
      },
    ]);
    assert.deepEqual(
      config.entries.map((entry) => [entry.event, entry.matcher, entry.handler, entry.source]),
      [
        ['PreToolUse', 'Bash|Edit', { type: 'command', command: 'check.sh', timeout: 5 }, '/repo/.claude/settings.json'],
        ['PreToolUse', 'Bash|Edit', { type: 'prompt', prompt: 'Safe? $ARGUMENTS', model: 'haiku' }, '/repo/.claude/settings.json'],
        ['Stop', '', { type: 'command', command: 'stop.sh' }, '/repo/.claude/settings.json'],
      ],
    );
  });

  it('keeps the hooks of every layer, and an identical handler once (the highest layer’s)', () => {
    const config = parse([
      { source: 'managed.json', scope: 'managed', hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [command('audit.sh')] }] } },
      { source: 'project.json', scope: 'project', hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [command('audit.sh'), command('lint.sh')] }] } },
      { source: 'user.json', scope: 'user', hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [command('audit.sh')] }, { matcher: 'Edit', hooks: [command('audit.sh')] }] } },
    ]);
    assert.deepEqual(
      config.entries.map((entry) => `${entry.matcher} ${(entry.handler as { command: string }).command} ${entry.source}`),
      ['Bash audit.sh managed.json', 'Bash lint.sh project.json', 'Edit audit.sh user.json'],
    );
  });

  it('disableAllHooks turns every hook off; allowManagedHooksOnly keeps only managed ones', () => {
    const layers: HookLayer[] = [
      { source: 'managed.json', scope: 'managed', hooks: { Stop: [{ hooks: [command('managed.sh')] }] } },
      { source: 'user.json', scope: 'user', hooks: { Stop: [{ hooks: [command('user.sh')] }] } },
    ];
    assert.equal(parse(layers, { disableAll: true }).entries.length, 0);
    assert.deepEqual(parse(layers, { managedOnly: true }).entries.map((entry) => entry.source), ['managed.json']);
  });

  it('a broken file is reported even when hooks are off', () => {
    const result = parseHookLayers([{ source: 'user.json', scope: 'user', hooks: { Stop: 'nope' } }], { disableAll: true });
    assert.equal(result.ok, false);
  });

  it('accepts the events and handler types of newer Claude Code versions with a warning', () => {
    const config = parse([
      {
        source: 's.json',
        scope: 'user',
        hooks: { PostToolUseFailure: [{ hooks: [command('x')] }], Stop: [{ hooks: [{ type: 'mcp_tool', server: 's', tool: 't' }, command('y')] }], SubagentStop: [{ hooks: [command('z')] }] },
      },
    ]);
    assert.deepEqual(config.entries.map((entry) => entry.event), ['Stop', 'SubagentStop']);
    assert.equal(config.warnings.length, 2);
    assert.match(config.warnings[0]!, /PostToolUseFailure/);
    assert.match(config.warnings[1]!, /"mcp_tool"/);
  });

  it('reports invalid shapes with the file and key', () => {
    assert.deepEqual(problem(['x']), { source: '/repo/.wright/settings.json', path: ['hooks'], message: 'must be an object keyed by event name, e.g. {"PreToolUse": [...]}' });
    assert.deepEqual(problem({ PreToolUs: [] }).path, ['hooks', 'PreToolUs']);
    assert.match(problem({ PreToolUs: [] }).message, /unknown hook event/);
    assert.deepEqual(problem({ Stop: {} }).path, ['hooks', 'Stop']);
    assert.deepEqual(problem({ Stop: [{ matcher: 3, hooks: [] }] }).path, ['hooks', 'Stop', 0, 'matcher']);
    assert.deepEqual(problem({ PreToolUse: [{ matcher: '(', hooks: [] }] }).path, ['hooks', 'PreToolUse', 0, 'matcher']);
    assert.deepEqual(problem({ Stop: [{ hooks: command('x') }] }).path, ['hooks', 'Stop', 0, 'hooks']);
    assert.deepEqual(problem({ Stop: [{ hooks: [{ type: 'script', command: 'x' }] }] }).path, ['hooks', 'Stop', 0, 'hooks', 0, 'type']);
    assert.deepEqual(problem({ Stop: [{ hooks: [{ type: 'command', command: '  ' }] }] }).path, ['hooks', 'Stop', 0, 'hooks', 0, 'command']);
    assert.deepEqual(problem({ Stop: [{ hooks: [command('x', { timeout: 0 })] }] }).path, ['hooks', 'Stop', 0, 'hooks', 0, 'timeout']);
    assert.deepEqual(problem({ Stop: [{ hooks: [command('x', { timeout: '5' })] }] }).path, ['hooks', 'Stop', 0, 'hooks', 0, 'timeout']);
    assert.deepEqual(problem({ Stop: [{ hooks: [{ type: 'prompt' }] }] }).path, ['hooks', 'Stop', 0, 'hooks', 0, 'prompt']);
  });
});
