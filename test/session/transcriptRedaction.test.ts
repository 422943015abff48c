import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redactor } from '../../src/secrets/redactor.js';
import { conversationFromTranscript } from '../../src/session/conversationFromTranscript.js';
import { openSession } from '../../src/session/openSession.js';
import { readTranscript } from '../../src/session/transcriptReader.js';
import type { TranscriptEntry } from '../../src/session/transcriptEntry.js';
import { TranscriptWriter } from '../../src/session/transcriptWriter.js';
import { FAKE } from '../secrets/fakeSecrets.js';
import { assistant } from './sessionFixtures.js';

const KEY = 'configured-key-"quoted"\\backslash\nnewline';
const IMAGE_DATA = `${FAKE.anthropic}+${Buffer.from('binary image bytes AKIA').toString('base64')}`;


function writeConversation(writer: TranscriptWriter): TranscriptEntry[] {
  return [
    writer.append({ type: 'user', message: { role: 'user', content: `use ${KEY} please` } }),
    writer.append({
      type: 'assistant',
      message: assistant([
        { type: 'thinking', thinking: `the key is ${FAKE.anthropic}`, signature: 'c2lnbmF0dXJl' },
        { type: 'text', text: `Running with ${FAKE.githubClassic}.` },
        { type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: `curl -H "Authorization: Bearer ${FAKE.jwt}" x` } },
      ]),
    }),
    writer.append({
      type: 'user',
      message: {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: 'toolu_1',
            content: [
              { type: 'text', text: `${FAKE.pem}\n${KEY}` },
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: IMAGE_DATA } },
            ],
          },
        ],
      },
      toolUseResult: { stdout: `AWS ${FAKE.awsAccessKeyId}`, stderr: '' },
    }),
    writer.append({ type: 'system', subtype: 'api_error', content: `401: invalid x-api-key ${KEY}` }),
  ];
}

function newWriter(redactor: Redactor): TranscriptWriter {
  const dir = mkdtempSync(join(tmpdir(), 'wright-redact-'));
  return new TranscriptWriter(join(dir, 's.jsonl'), 's', { cwd: dir, version: 't' }, null, (entry) => redactor.redact(entry));
}

test('every transcript line is redacted, stays valid JSON, and keeps image bytes whole', () => {
  const writer = newWriter(new Redactor([KEY]));
  const returned = writeConversation(writer);
  const text = readFileSync(writer.path, 'utf8');
  for (const secret of [KEY, FAKE.githubClassic, FAKE.jwt, FAKE.awsAccessKeyId, 'MIIEowIBAAKCAQEA', JSON.stringify(KEY).slice(1, -1)]) {
    assert.ok(!text.includes(secret), `${secret.slice(0, 20)} leaked`);
  }
  // The anthropic key may only appear inside the untouched image data.
  assert.equal(text.split(FAKE.anthropic).length, 2);
  const lines = text.trimEnd().split('\n').map((line) => JSON.parse(line));
  assert.equal(lines.length, 4);
  assert.equal(lines[0].message.content, 'use [REDACTED] please');
  const [thinking, said, call] = lines[1].message.content;
  assert.equal(thinking.thinking, 'the key is [REDACTED:anthropic_key]');
  assert.equal(thinking.signature, 'c2lnbmF0dXJl');
  assert.equal(said.text, 'Running with [REDACTED:github_token].');
  assert.equal(call.input.command, 'curl -H "Authorization: Bearer [REDACTED:jwt]" x');
  const [resultText, image] = lines[2].message.content[0].content;
  assert.equal(resultText.text, '[REDACTED:private_key]\n[REDACTED]');
  assert.equal(image.source.data, IMAGE_DATA);
  assert.equal(lines[2].toolUseResult.stdout, 'AWS [REDACTED:aws_access_key_id]');
  assert.equal(lines[3].content, '401: invalid x-api-key [REDACTED]');
  // The writer's callers (and through them the model) keep the real text.
  assert.equal(JSON.stringify(returned[0]).includes(JSON.stringify(KEY).slice(1, -1)), true);
  assert.equal(lines[3].uuid, returned[3]!.uuid);
});

test('a session resumed from a redacted transcript loads, and its history shows the placeholders', () => {
  const redactor = new Redactor([KEY]);
  const request = {
    configDir: mkdtempSync(join(tmpdir(), 'wright-config-')),
    cwd: mkdtempSync(join(tmpdir(), 'wright-cwd-')),
    version: 't',
    continueLatest: false,
    fork: false,
    persist: true,
    redact: (entry: TranscriptEntry) => redactor.redact(entry),
  };
  const first = openSession(request);
  assert.ok(first.ok && first.session.writer);
  writeConversation(first.session.writer);
  first.session.writer.append({
    type: 'assistant',
    message: { ...assistant([{ type: 'text', text: 'done' }]), stop_reason: 'end_turn' },
  });

  const resumed = openSession({ ...request, continueLatest: true });
  assert.ok(resumed.ok);
  assert.equal(resumed.session.skippedLines, 0);
  const history = resumed.session.history;
  assert.equal(history.length, 4);
  assert.deepEqual(history[0]!.content, [{ type: 'text', text: 'use [REDACTED] please' }]);
  resumed.session.writer!.append({ type: 'user', message: { role: 'user', content: 'again' } });
  assert.equal(readTranscript(resumed.session.writer!.path).entries.length, 6);
});

test('a fork redacts the copied lines again with what the new session knows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wright-redact-'));
  const plain = new TranscriptWriter(join(dir, 'old.jsonl'), 'old', { cwd: dir, version: 't' });
  writeConversation(plain);
  assert.ok(readFileSync(plain.path, 'utf8').includes(FAKE.githubClassic), 'the old transcript predates redaction');
  const redactor = new Redactor([KEY]);
  const fork = new TranscriptWriter(join(dir, 'new.jsonl'), 'new', { cwd: dir, version: 't' }, null, (entry) => redactor.redact(entry));
  fork.appendCopies(readTranscript(plain.path).entries);
  const text = readFileSync(fork.path, 'utf8');
  assert.ok(!text.includes(FAKE.githubClassic));
  assert.ok(!text.includes('configured-key'));
  const copied = readTranscript(fork.path).entries;
  assert.equal(copied.length, 4);
  assert.ok(copied.every((entry) => entry.sessionId === 'new'));
  assert.equal(conversationFromTranscript(copied).length, 3);
});
