import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { TranscriptWriter } from '../../../src/session/transcriptWriter.js';
import { runSlashCommand, SLASH_COMMANDS, type SlashCommandContext } from '../../../src/ui/commands/slashCommands.js';

const CURRENT = '33333333-3333-4333-8333-333333333333';
const EARLIER = '44444444-4444-4444-8444-444444444444';

function context(overrides: Partial<SlashCommandContext> = {}): SlashCommandContext {
  const transcriptDir = mkdtempSync(join(tmpdir(), 'wright-slash-'));
  const earlier = new TranscriptWriter(join(transcriptDir, `${EARLIER}.jsonl`), EARLIER, { cwd: transcriptDir, version: 't' });
  earlier.append({ type: 'user', message: { role: 'user', content: 'add a changelog' } });
  return {
    cwd: '/repo',
    version: '0.1.0',
    sessionId: CURRENT,
    model: 'claude-sonnet-5-5',
    permissionMode: 'acceptEdits',
    transcriptDir,
    workingDirectories: ['/repo', '/data'],
    messages: () => [{ role: 'user', content: 'hello' }, { role: 'assistant', content: [{ type: 'text', text: 'hi' }] }],
    usage: () => ({
      totalCostUsd: 0.0123,
      byModel: { 'claude-sonnet-5-5': { inputTokens: 10, outputTokens: 5, cacheReadInputTokens: 0, cacheCreationInputTokens: 0, costUSD: 0.0123 } },
      durationMs: 2500,
      apiDurationMs: 1500,
    }),
    todos: () => [
      { content: 'Read', status: 'completed', activeForm: 'Reading' },
      { content: 'Fix', status: 'in_progress', activeForm: 'Fixing' },
    ],
    context: () => ({ systemPrompt: 'x'.repeat(400), tools: [], memory: null, messages: [], contextWindow: 200_000 }),
    rules: () => ({ allow: ['Bash(npm test)'], ask: [], deny: ['Read(./.env)'] }),
    ...overrides,
  };
}

const printed = (text: string, ctx = context()) => {
  const outcome = runSlashCommand(text, ctx);
  assert.equal(outcome?.kind, 'print', JSON.stringify(outcome));
  return (outcome as { text: string }).text;
};

describe('slash commands', () => {
  it('leave text that is not a command to the model, and name unknown commands', () => {
    assert.equal(runSlashCommand('fix /etc/hosts parsing', context()), undefined);
    assert.equal(runSlashCommand('/usr/bin/env is odd', context()), undefined);
    assert.match(printed('/frobnicate'), /Unknown command \/frobnicate/);
  });
  it('/help lists every command and the keys', () => {
    const text = printed('/help');
    for (const command of SLASH_COMMANDS) assert.match(text, new RegExp(`/${command.name}\\b`));
    assert.match(text, /Shift\+Tab permission mode/);
  });
  it('/cost, /status, /permissions, /todos and /context describe the session', () => {
    assert.match(printed('/cost'), /Total cost: \$0\.0123\nTime: 2\.5 s \(API 1\.5 s\)\n {2}claude-sonnet-5-5: 10 in, 5 out/);
    assert.match(printed('/status'), /Model: claude-sonnet-5-5\nPermission mode: acceptEdits\nWorking directories: \/repo, \/data/);
    assert.match(printed('/permissions'), /Allow: Bash\(npm test\)\nAsk: \(none\)\nDeny: Read\(\.\/\.env\)/);
    assert.equal(printed('/todos'), '☒ Read\n◐ Fix');
    assert.match(printed('/context'), /^Context: 101 of 200\.0k tokens \(0\.1%\)\n  System prompt +100/);
  });
  it('/model, /add-dir, /init, /clear, /exit and /doctor ask the UI to act', () => {
    assert.deepEqual(runSlashCommand('/model opus', context()), { kind: 'setModel', model: 'opus' });
    assert.deepEqual(runSlashCommand('/compact', context()), { kind: 'compact', instructions: '' });
    assert.deepEqual(runSlashCommand('/compact  focus on the auth bug ', context()), { kind: 'compact', instructions: 'focus on the auth bug' });
    assert.match(printed('/model'), /Model: claude-sonnet-5-5/);
    assert.deepEqual(runSlashCommand('/add-dir ../lib', context()), { kind: 'addDirectory', path: '../lib' });
    assert.equal(runSlashCommand('/init', context())?.kind, 'prompt');
    assert.deepEqual(runSlashCommand('/clear', context()), { kind: 'clear' });
    assert.deepEqual(runSlashCommand('/exit', context()), { kind: 'exit' });
    assert.deepEqual(runSlashCommand('/doctor', context()), { kind: 'doctor' });
  });
  it('/resume lists earlier sessions (not this one) and resumes by number or id prefix', () => {
    const ctx = context();
    assert.match(printed('/resume', ctx), /1\. \d{4}-\d\d-\d\d \d\d:\d\d +1 msgs {2}add a changelog/);
    assert.deepEqual(runSlashCommand('/resume 1', ctx), { kind: 'resume', sessionId: EARLIER });
    assert.deepEqual(runSlashCommand('/resume 4444', ctx), { kind: 'resume', sessionId: EARLIER });
    assert.match(printed('/resume 9', ctx), /No earlier session matches "9"/);
  });
  it('/export writes the conversation as Markdown to the named or a default file', () => {
    const outcome = runSlashCommand('/export notes.md', context());
    assert.equal(outcome?.kind, 'export');
    assert.equal((outcome as { path: string }).path, 'notes.md');
    assert.match((outcome as { markdown: string }).markdown, /## User\n\nhello\n\n## Assistant\n\nhi/);
    assert.equal((runSlashCommand('/export', context()) as { path: string }).path, 'wright-session-33333333.md');
  });
});

describe('session switches', () => {
  it('leave the first prompt and any resume/continue behind, and keep the conversation for /model', async () => {
    const { optionsAfter } = await import('../../../src/cli/interactive.js');
    const { parseArgs } = await import('../../../src/cli/args.js');
    const options = parseArgs(['--continue', '--model', 'sonnet', 'first prompt']);
    const cleared = optionsAfter(options, { kind: 'clear' }, 'current-id');
    assert.equal(cleared.prompt, undefined);
    assert.equal(cleared.continue, false);
    assert.equal(cleared.resume, undefined);
    assert.equal(optionsAfter(options, { kind: 'resume', sessionId: 'abc' }, 'current-id').resume, 'abc');
    const model = optionsAfter(options, { kind: 'model', model: 'opus' }, 'current-id');
    assert.equal(model.model, 'opus');
    assert.equal(model.resume, 'current-id');
  });
});

describe('/config and /memory', () => {
  const withViews = () =>
    context({
      config: () => ({ sources: ['~/.wright/settings.json', '.wright/settings.json'], summary: [['model', 'claude-sonnet-5-5'], ['sandbox', 'off']] }),
      memory: () => ({
        loaded: [{ path: '/repo/WRIGHT.md', scope: 'project' }],
        paths: { project: '/repo/WRIGHT.md', local: '/repo/WRIGHT.local.md', user: '/home/u/.wright/WRIGHT.md' },
      }),
    });
  it('/config lists the settings files in effect and the main settings', () => {
    assert.match(printed('/config', withViews()), /Settings files in effect \(later ones win\):\n {2}~\/\.wright\/settings\.json\n {2}\.wright\/settings\.json\n\nmodel {4}claude-sonnet-5-5\nsandbox {2}off/);
  });
  it('/memory lists memory files; /memory <scope> opens that file', () => {
    assert.match(printed('/memory', withViews()), /project {2}\/repo\/WRIGHT\.md[\s\S]*\/memory user \(\/home\/u\/\.wright\/WRIGHT\.md\)/);
    assert.deepEqual(runSlashCommand('/memory local', withViews()), { kind: 'openFile', path: '/repo/WRIGHT.local.md' });
    assert.match(printed('/memory nonsense', withViews()), /Usage: \/memory/);
  });
});

describe('/permissions with a rule', () => {
  it('asks the UI to add the rule to allow, ask or deny; anything else shows usage', () => {
    assert.deepEqual(runSlashCommand('/permissions allow Bash(npm test:*)', context()), { kind: 'addRule', behavior: 'allow', rule: 'Bash(npm test:*)' });
    assert.deepEqual(runSlashCommand('/permissions deny  Read(./secrets/**) ', context()), { kind: 'addRule', behavior: 'deny', rule: 'Read(./secrets/**)' });
    assert.match(printed('/permissions forbid x'), /Usage: \/permissions \[allow\|ask\|deny <rule>\]/);
  });
});
