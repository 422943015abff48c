import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseHookLayers } from '../../../src/extensions/hooks/hookConfig.js';
import { formatHookListing } from '../../../src/extensions/hooks/hooksListing.js';
import { runSlashCommand, type SlashCommandContext } from '../../../src/ui/commands/slashCommands.js';

describe('/hooks', () => {
  it('lists hooks by event with matcher, handler and source file', () => {
    const parsed = parseHookLayers([
      { source: '/repo/.claude/settings.json', scope: 'project', hooks: { Stop: [{ hooks: [{ type: 'command', command: 'notify.sh' }] }], PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'check.sh', timeout: 5 }] }] } },
      { source: '/home/u/.wright/settings.json', scope: 'user', hooks: { PreToolUse: [{ matcher: 'Edit|Write', hooks: [{ type: 'prompt', prompt: 'Is this edit safe?' }] }] } },
    ]);
    if (!parsed.ok) assert.fail(parsed.problem.message);
    const listing = formatHookListing(parsed.config);
    assert.equal(
      listing,
      [
        'PreToolUse:',
        '  [Bash] check.sh (timeout 5s)',
        '      from /repo/.claude/settings.json',
        '  [Edit|Write] prompt: Is this edit safe?',
        '      from /home/u/.wright/settings.json',
        'Stop:',
        '  [*] notify.sh',
        '      from /repo/.claude/settings.json',
      ].join('\n'),
    );
    assert.match(formatHookListing({ entries: [], warnings: [] }), /No hooks are configured/);
    assert.match(formatHookListing({ entries: [], warnings: [] }, { disabled: true }), /turned off/);
  });

  it('marks async command hooks', () => {
    const parsed = parseHookLayers([{ source: '/s.json', scope: 'user', hooks: { Stop: [{ hooks: [{ type: 'command', command: 'notify.sh', async: true }] }] } }]);
    if (!parsed.ok) assert.fail(parsed.problem.message);
    assert.match(formatHookListing(parsed.config), /\[\*\] notify\.sh \(async\)/);
  });

  it('is a slash command that prints what the session gives it', () => {
    const outcome = runSlashCommand('/hooks', { hooks: () => 'Stop:\n  [*] notify.sh' } as unknown as SlashCommandContext);
    assert.deepEqual(outcome, { kind: 'print', text: 'Stop:\n  [*] notify.sh' });
  });
});
