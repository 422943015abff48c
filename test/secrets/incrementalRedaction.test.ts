import { test } from 'node:test';
import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { PartialMessageRedaction } from '../../src/cli/partialMessageRedaction.js';
import type { PartialMessageEvent } from '../../src/agent/events.js';
import type { StreamEvent } from '../../src/model/types.js';
import { IncrementalRedaction } from '../../src/secrets/incrementalRedaction.js';
import { Redactor } from '../../src/secrets/redactor.js';
import { FAKE } from './fakeSecrets.js';

const VALUE = 'configured-value-42abc';
const redactor = new Redactor([VALUE]);

/** `text` cut in two at every position, and in three at every `step`-th pair of positions. */
function* splits(text: string, step: number): Generator<string[]> {
  for (let a = 0; a <= text.length; a++) yield [text.slice(0, a), text.slice(a)];
  for (let a = 0; a <= text.length; a += step) {
    for (let b = a; b <= text.length; b += step) yield [text.slice(0, a), text.slice(a, b), text.slice(b)];
  }
}

test('streamed text redacts to the same text as the whole, and never emits a fragment of a secret', () => {
  const text = `Use ${VALUE} or Authorization: Bearer ${FAKE.jwt} then\n${FAKE.pem}\nand x-api-key: abcd1234efgh5678ijkl ${FAKE.githubClassic} done ${FAKE.pem.slice(0, 90)}`;
  const whole = redactor.redactText(text);
  const fragments = [VALUE, FAKE.jwt, FAKE.githubClassic, 'MIIEowIBAAKCAQEA'].map((secret) => secret.slice(0, 6) === 'eyJhbG' ? secret.slice(40, 52) : secret.slice(4, 16));
  let cases = 0;
  for (const pieces of splits(text, 6)) {
    const redaction = new IncrementalRedaction(redactor);
    const emitted = pieces.map((piece) => redaction.push(piece));
    const flushed = redaction.flush();
    assert.equal(emitted.join('') + flushed, whole, JSON.stringify(pieces.map((p) => p.length)));
    for (const piece of [...emitted, flushed]) for (const fragment of fragments) assert.ok(!piece.includes(fragment), fragment);
    cases++;
  }
  assert.ok(cases > 1000);
});

test('text streams as soon as a word is complete', () => {
  const redaction = new IncrementalRedaction(redactor);
  assert.equal(redaction.push('Hello wor'), 'Hello ');
  assert.equal(redaction.push('ld, and '), 'world, and ');
  assert.equal(redaction.flush(), '');
});

const envelope = (event: StreamEvent, uuid: string = randomUUID()): PartialMessageEvent => ({ type: 'stream_event', event, parent_tool_use_id: null, uuid, session_id: 's' });
const textDelta = (index: number, text: string) => envelope({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } });
const jsonDelta = (index: number, partial_json: string) => envelope({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } });

test('partial messages: held-back text goes out before the block stops, per block', () => {
  const partial = new PartialMessageRedaction(redactor);
  const written: PartialMessageEvent[] = [];
  const feed = (event: PartialMessageEvent) => written.push(...partial.redact(event));
  feed(envelope({ type: 'message_start', message: {} as never }));
  feed(textDelta(0, `key ${FAKE.anthropic.slice(0, 20)}`));
  feed(jsonDelta(1, '{"command":"echo '));
  feed(jsonDelta(1, `${VALUE.slice(0, 9)}`));
  feed(textDelta(0, FAKE.anthropic.slice(20)));
  feed(jsonDelta(1, `${VALUE.slice(9)}"}`));
  feed(envelope({ type: 'content_block_stop', index: 0 }, 'stop0'));
  feed(envelope({ type: 'content_block_stop', index: 1 }, 'stop1'));
  const all = JSON.stringify(written);
  assert.ok(!all.includes(FAKE.anthropic.slice(8, 20)));
  assert.ok(!all.includes(VALUE.slice(0, 9)));
  const textOf = (index: number) =>
    written
      .map((event) => event.event)
      .filter((event): event is Extract<StreamEvent, { type: 'content_block_delta' }> => event.type === 'content_block_delta' && event.index === index)
      .map((event) => ('text' in event.delta ? event.delta.text : 'partial_json' in event.delta ? event.delta.partial_json : ''))
      .join('');
  assert.equal(textOf(0), 'key [REDACTED:anthropic_key]');
  assert.equal(textOf(1), '{"command":"echo [REDACTED]"}');
  const stops = written.filter((event) => event.event.type === 'content_block_stop').map((event) => event.uuid);
  assert.deepEqual(stops, ['stop0', 'stop1']);
  const order = written.map((event) => event.event.type);
  assert.deepEqual(order.slice(-4), ['content_block_delta', 'content_block_stop', 'content_block_delta', 'content_block_stop']);
  assert.equal(new Set(written.map((event) => event.uuid)).size, written.length, 'synthesised events get their own uuid');
});

test('partial messages: a retried attempt discards what the abandoned one held back', () => {
  const partial = new PartialMessageRedaction(redactor);
  partial.redact(envelope({ type: 'message_start', message: {} as never }));
  partial.redact(textDelta(0, 'abandoned-tail'));
  partial.redact(envelope({ type: 'message_start', message: {} as never }));
  partial.redact(textDelta(0, 'fresh'));
  const out = partial.redact(envelope({ type: 'content_block_stop', index: 0 }));
  assert.equal((out[0]!.event as any).delta.text, 'fresh');
});
