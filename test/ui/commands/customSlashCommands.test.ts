// Custom commands and skills as the terminal UI's slash commands see them: dispatch, /help and
// completion. (Their loading and expansion are tested in test/extensions.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { carryOutCommand, type CommandHost } from '../../../src/ui/app/commandHost.js';
import { runSlashCommand, type CustomCommandInfo, type SlashCommandContext } from '../../../src/ui/commands/slashCommands.js';
import { commandCompletions } from '../../../src/ui/input/completion.js';
import { emptyCommandContext } from './emptyCommandContext.js';

const CUSTOM: CustomCommandInfo[] = [
  { name: 'review', description: 'Review a file with care', argumentHint: '[file]', origin: '(project)' },
  { name: 'pdf', description: 'Work with PDFs', origin: '(user skill)' },
];

const context = (): SlashCommandContext =>
  emptyCommandContext({
    customCommands: () => CUSTOM,
    hasCustomCommand: (name) => ['review', 'pdf', 'frontend:review', 'my_cmd2'].includes(name),
  });

describe('custom slash commands in the terminal UI', () => {
  it('run as custom commands, with their arguments; built-ins and unknown names keep their meaning', () => {
    assert.deepEqual(runSlashCommand('/review src/a.ts "two words"', context()), { kind: 'custom', name: 'review', args: 'src/a.ts "two words"', text: '/review src/a.ts "two words"' });
    assert.deepEqual(runSlashCommand('/frontend:review', context()), { kind: 'custom', name: 'frontend:review', args: '', text: '/frontend:review' });
    assert.deepEqual(runSlashCommand('/my_cmd2 x', context()), { kind: 'custom', name: 'my_cmd2', args: 'x', text: '/my_cmd2 x' });
    assert.equal(runSlashCommand('/clear', { ...context(), hasCustomCommand: () => true })?.kind, 'clear');
    assert.equal(runSlashCommand('/nope', context())?.kind, 'print');
    assert.equal(runSlashCommand('/usr/bin/env is odd', context()), undefined);
    assert.equal(runSlashCommand('/Weird_Name', context()), undefined);
  });

  it('are listed by /help with their argument hint, description and origin', () => {
    const help = runSlashCommand('/help', context());
    assert.equal(help?.kind, 'print');
    const text = (help as { text: string }).text;
    assert.match(text, /\nCustom commands and skills:\n {2}\/review \[file\] +Review a file with care \(project\)\n {2}\/pdf +Work with PDFs \(user skill\)\n/);
  });

  it('complete after / with the argument hint in the label', () => {
    const items = commandCompletions([{ name: 'help', description: 'Show commands' }, { name: 'review', description: 'Review a file (project)', argumentHint: '[file]' }], 'rev');
    assert.deepEqual(items, [{ replacement: '/review ', label: '/review [file]', description: 'Review a file (project)' }]);
  });

  it('are carried out by the host, and its error is shown', async () => {
    const calls: string[][] = [];
    const notices: Array<[string, string | undefined]> = [];
    const host = {
      context,
      addDirectory: () => '',
      doctor: async () => '',
      runCustomCommand: async (name: string, args: string, text: string) => {
        calls.push([name, args, text]);
        return name === 'bad' ? '/bad: the command `x` was not run' : undefined;
      },
    } satisfies CommandHost;
    const effects = { cwd: '/repo', notice: (text: string, tone?: string) => notices.push([text, tone]), send: () => {}, exit: () => {}, restart: () => {}, compact: () => {} };
    await carryOutCommand({ kind: 'custom', name: 'review', args: 'a.ts', text: '/review a.ts' }, host, effects);
    await carryOutCommand({ kind: 'custom', name: 'bad', args: '', text: '/bad' }, host, effects);
    assert.deepEqual(calls, [['review', 'a.ts', '/review a.ts'], ['bad', '', '/bad']]);
    assert.deepEqual(notices, [['/bad: the command `x` was not run', 'error']]);
  });
});
