import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transcriptDir } from '../../src/config/paths.js';
import { conversationFromTranscript, INTERRUPTED_TOOL_RESULT } from '../../src/session/conversationFromTranscript.js';
import { openSession } from '../../src/session/openSession.js';
import { readTranscript } from '../../src/session/transcriptReader.js';
import { TranscriptWriter } from '../../src/session/transcriptWriter.js';
import { assistant } from './sessionFixtures.js';


const base = () => {
  const configDir = mkdtempSync(join(tmpdir(), 'wright-config-'));
  const cwd = mkdtempSync(join(tmpdir(), 'wright-cwd-'));
  return { configDir, cwd, version: 't', continueLatest: false, fork: false, persist: true };
};

test('a transcript whose last line was cut loads every complete line, and appends stay whole', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wright-t-'));
  const path = join(dir, 'x.jsonl');
  const writer = new TranscriptWriter(path, 's', { cwd: dir, version: 't' });
  writer.append({ type: 'user', message: { role: 'user', content: 'one' } });
  writer.append({ type: 'assistant', message: assistant([{ type: 'text', text: 'two' }]) });
  appendFileSync(path, '{"uuid":"cut-short","type":"user","mess');
  const loaded = readTranscript(path);
  assert.equal(loaded.entries.length, 2);
  assert.equal(loaded.skippedLines, 1);

  const resumed = new TranscriptWriter(path, 's', { cwd: dir, version: 't' }, loaded.entries[1]!.uuid);
  resumed.append({ type: 'user', message: { role: 'user', content: 'three' } });
  const after = readTranscript(path);
  assert.equal(after.entries.length, 3);
  assert.equal(after.entries[2]!.parentUuid, loaded.entries[1]!.uuid);
});

test('results stored one per line merge into one message; a call left without one is closed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wright-t-'));
  const writer = new TranscriptWriter(join(dir, 'x.jsonl'), 's', { cwd: dir, version: 't' });
  writer.append({ type: 'user', message: { role: 'user', content: 'go' } });
  writer.append({
    type: 'assistant',
    message: assistant([
      { type: 'tool_use', id: 'a', name: 'Read', input: {} },
      { type: 'tool_use', id: 'b', name: 'Bash', input: {} },
    ]),
  });
  writer.append({ type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'a', content: 'file' }] } });
  const messages = conversationFromTranscript(readTranscript(writer.path).entries);
  assert.equal(messages.length, 3);
  assert.deepEqual(messages[2], {
    role: 'user',
    content: [
      { type: 'tool_result', tool_use_id: 'a', content: 'file' },
      { type: 'tool_result', tool_use_id: 'b', content: INTERRUPTED_TOOL_RESULT, is_error: true },
    ],
  });
});

test('a user line after an unanswered call gets the interrupted results first', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wright-t-'));
  const writer = new TranscriptWriter(join(dir, 'x.jsonl'), 's', { cwd: dir, version: 't' });
  writer.append({ type: 'user', message: { role: 'user', content: 'go' } });
  writer.append({ type: 'assistant', message: assistant([{ type: 'tool_use', id: 'a', name: 'Bash', input: {} }]) });
  writer.append({ type: 'user', message: { role: 'user', content: 'what happened?' } });
  const messages = conversationFromTranscript(readTranscript(writer.path).entries);
  assert.deepEqual(
    (messages[2]!.content as Array<{ type: string }>).map((b) => b.type),
    ['tool_result', 'text'],
  );
});

test('--continue picks the latest session of this directory; --fork-session copies it to a new id', () => {
  const request = base();
  const first = openSession(request);
  assert.ok(first.ok);
  first.session.writer!.append({ type: 'user', message: { role: 'user', content: 'old' } });
  const second = openSession(request);
  assert.ok(second.ok);
  second.session.writer!.append({ type: 'user', message: { role: 'user', content: 'newer' } });
  utimesSync(first.session.writer!.path, new Date(2000, 1, 1), new Date(2000, 1, 1));

  const continued = openSession({ ...request, continueLatest: true });
  assert.ok(continued.ok);
  assert.equal(continued.session.sessionId, second.session.sessionId);
  assert.deepEqual(continued.session.history, [{ role: 'user', content: [{ type: 'text', text: 'newer' }] }]);

  const forked = openSession({ ...request, resume: first.session.sessionId.slice(0, 8), fork: true });
  assert.ok(forked.ok);
  assert.notEqual(forked.session.sessionId, first.session.sessionId);
  assert.equal(forked.session.resumedFrom, first.session.sessionId);
  const copied = readFileSync(forked.session.writer!.path, 'utf8');
  assert.match(copied, /"old"/);
  assert.match(copied, new RegExp(`"sessionId":"${forked.session.sessionId}"`));
  assert.equal(forked.session.writer!.path.startsWith(transcriptDir(request.configDir, request.cwd)), true);
});

test('session selection errors are clear', () => {
  const request = base();
  const nothing = openSession({ ...request, continueLatest: true });
  assert.deepEqual(nothing.ok ? null : nothing.message, `No previous session to continue in ${request.cwd}.`);
  const missing = openSession({ ...request, resume: 'abc' });
  assert.match(missing.ok ? '' : missing.message, /No session found with id "abc"/);
  const badId = openSession({ ...request, sessionId: 'not-a-uuid' });
  assert.match(badId.ok ? '' : badId.message, /must be a UUID/);
  const forkAlone = openSession({ ...request, fork: true });
  assert.match(forkAlone.ok ? '' : forkAlone.message, /needs --continue or --resume/);
});

test('an unwritable config directory is a clear error, not a crash', () => {
  const request = base();
  const blocker = join(request.configDir, 'projects');
  appendFileSync(blocker, 'a file where a directory should be');
  const opened = openSession(request);
  assert.equal(opened.ok, false);
  assert.match(opened.ok ? '' : opened.message, /Cannot use the transcript directory .*WRIGHT_CONFIG_DIR.*--no-session-persistence/);
  assert.equal(openSession({ ...request, persist: false }).ok, true);
});
