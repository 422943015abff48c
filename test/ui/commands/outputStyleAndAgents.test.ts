import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { carryOutCommand, type CommandHost, type OutcomeEffects } from '../../../src/ui/app/commandHost.js';
import { runSlashCommand, type SlashCommandContext } from '../../../src/ui/commands/slashCommands.js';
import { emptyCommandContext } from './emptyCommandContext.js';

const context = (overrides: Partial<SlashCommandContext> = {}): SlashCommandContext =>
  emptyCommandContext({
    transcriptDir: '/tmp',
    context: () => ({ systemPrompt: '', tools: [], memory: null, messages: [], contextWindow: 1000 }),
    outputStyles: () => ({ names: ['Default', 'Explanatory', 'Pirate'], listing: 'Output style: Default\n  ● Default' }),
    agents: () => 'Agents (session --agents > project > user):\n  reviewer (project: /repo/.wright/agents/r.md)',
    ...overrides,
  });

describe('/output-style', () => {
  it('without a name shows the styles and the current one', () => {
    assert.deepEqual(runSlashCommand('/output-style', context()), { kind: 'print', text: 'Output style: Default\n  ● Default' });
  });

  it('with a known name (any case) asks to save it; an unknown one lists the choices', () => {
    assert.deepEqual(runSlashCommand('/output-style pirate', context()), { kind: 'setOutputStyle', name: 'Pirate' });
    const unknown = runSlashCommand('/output-style Nope', context());
    assert.deepEqual(unknown, { kind: 'print', text: 'Unknown output style "Nope". Available: Default, Explanatory, Pirate.' });
  });

  it('the outcome is carried out by the host, whose answer is shown', async () => {
    const notices: string[] = [];
    const saved: string[] = [];
    const host: CommandHost = {
      context,
      addDirectory: () => '',
      doctor: async () => '',
      setOutputStyle: async (name) => {
        saved.push(name);
        return `Output style set to ${name}; it applies from the next session (or /clear).`;
      },
    };
    const effects: OutcomeEffects = { cwd: '/repo', notice: (text) => notices.push(text), send: () => {}, exit: () => {}, restart: () => {}, compact: () => {} };
    await carryOutCommand({ kind: 'setOutputStyle', name: 'Pirate' }, host, effects);
    assert.deepEqual(saved, ['Pirate']);
    assert.deepEqual(notices, ['Output style set to Pirate; it applies from the next session (or /clear).']);
  });
});

describe('/agents', () => {
  it('lists the definitions with their sources', () => {
    const outcome = runSlashCommand('/agents', context());
    assert.equal(outcome?.kind, 'print');
    assert.match((outcome as { text: string }).text, /reviewer \(project: \/repo\/\.wright\/agents\/r\.md\)/);
  });
});
