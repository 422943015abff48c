import assert from 'node:assert/strict';
import { mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { listSessionSummaries } from '../../src/session/sessionSummaries.js';
import { conversationToMarkdown } from '../../src/session/transcriptExport.js';
import { TranscriptWriter } from '../../src/session/transcriptWriter.js';
import { assistant } from './sessionFixtures.js';

const ID_A = '11111111-1111-4111-8111-111111111111';
const ID_B = '22222222-2222-4222-8222-222222222222';

test('session summaries: newest first, with message counts and the first prompt on one line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wright-summaries-'));
  const older = new TranscriptWriter(join(dir, `${ID_A}.jsonl`), ID_A, { cwd: dir, version: 't' });
  older.append({ type: 'user', message: { role: 'user', content: [{ type: 'text', text: 'fix the\n  failing   test' }] } });
  older.append({ type: 'assistant', message: assistant([{ type: 'tool_use', id: 't1', name: 'Bash', input: { command: 'npm test' } }]) });
  older.append({ type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'ok' }] } });
  older.append({ type: 'assistant', message: assistant([{ type: 'text', text: 'Fixed.' }]) });
  const newer = new TranscriptWriter(join(dir, `${ID_B}.jsonl`), ID_B, { cwd: dir, version: 't' });
  newer.append({ type: 'user', message: { role: 'user', content: 'x'.repeat(300) } });
  utimesSync(join(dir, `${ID_A}.jsonl`), new Date(1_000_000), new Date(1_000_000));

  const summaries = listSessionSummaries(dir);
  assert.deepEqual(summaries.map((s) => s.id), [ID_B, ID_A]);
  assert.equal(summaries[1]!.messageCount, 3);
  assert.equal(summaries[1]!.firstPrompt, 'fix the failing test');
  assert.equal(summaries[0]!.firstPrompt.length, 100);
  assert.ok(summaries[0]!.firstPrompt.endsWith('…'));
  assert.deepEqual(listSessionSummaries(join(dir, 'missing')), []);
  assert.equal(listSessionSummaries(dir, { limit: 1 }).length, 1);
});

test('export: prompts, answers and tool calls as Markdown, with fences that content cannot close', () => {
  const markdown = conversationToMarkdown(
    [
      { role: 'user', content: 'explain ```fences```' },
      { role: 'assistant', content: [{ type: 'text', text: 'Sure.' }, { type: 'tool_use', id: 't', name: 'Read', input: { file_path: '/a' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: '````\n' + 'line\n'.repeat(50) }] },
    ],
    { title: 'demo' },
  );
  assert.match(markdown, /^# demo\n\n## User\n\nexplain ```fences```\n\n## Assistant\n\nSure\.\n\n### Tool: Read\n\n```json\n\{\n  "file_path": "\/a"\n\}\n```/);
  assert.match(markdown, /Result:\n\n`````\n````\nline\n/);
  assert.match(markdown, /… 12 more lines\n`````\n$/);
});
