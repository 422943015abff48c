import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventStream } from '../../src/model/eventStream.js';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('EventStream', () => {
  it('delivers events pushed before and during iteration, then resolves final()', async () => {
    const stream = new EventStream<number, string>();
    stream.push(1);
    const collecting = collect(stream);
    stream.push(2);
    await Promise.resolve();
    stream.push(3);
    stream.end('done');
    assert.deepEqual(await collecting, [1, 2, 3]);
    assert.equal(await stream.final(), 'done');
  });

  it('drains queued events before throwing the failure', async () => {
    const stream = new EventStream<number, string>();
    stream.push(1);
    stream.fail(new Error('boom'));
    const seen: number[] = [];
    await assert.rejects(async () => {
      for await (const value of stream) seen.push(value);
    }, /boom/);
    assert.deepEqual(seen, [1]);
    await assert.rejects(stream.final(), /boom/);
  });

  it('rejects a waiting consumer when it fails', async () => {
    const stream = new EventStream<number, string>();
    const collecting = collect(stream);
    await Promise.resolve();
    stream.fail(new Error('late'));
    await assert.rejects(collecting, /late/);
  });

  it('ignores pushes after the end', async () => {
    const stream = new EventStream<number, string>();
    stream.end('x');
    stream.push(9);
    assert.deepEqual(await collect(stream), []);
  });

  it('calls onCancel when the consumer stops early, and not after the end', async () => {
    let cancels = 0;
    const stream = new EventStream<number, string>(() => cancels++);
    stream.push(1);
    stream.push(2);
    for await (const value of stream) {
      assert.equal(value, 1);
      break;
    }
    assert.equal(cancels, 1);

    const finished = new EventStream<number, string>(() => cancels++);
    finished.push(1);
    finished.end('ok');
    for await (const _ of finished) break;
    assert.equal(cancels, 1);
  });

  it('does not leave an unhandled rejection when final() is never awaited', async () => {
    const stream = new EventStream<number, string>();
    stream.fail(new Error('unobserved'));
    await new Promise((resolve) => setImmediate(resolve));
  });
});
