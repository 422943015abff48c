import assert from 'node:assert/strict';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { truncateMiddle } from '../../src/tools/outputTruncation.js';
import { readNewOutput } from '../../src/tools/shellOutputReader.js';
import { makeTempDir, removeTempDirs } from './toolTestContext.js';

after(removeTempDirs);

function logWith(content: string | Buffer): string {
  const file = join(makeTempDir(), 'out.log');
  writeFileSync(file, content);
  return file;
}

describe('readNewOutput', () => {
  it('reads from the offset and says where to continue', async () => {
    const file = logWith('one\ntwo\n');
    const first = await readNewOutput(file, 0, { maxChars: 100, final: false });
    assert.equal(first.text, 'one\ntwo\n');
    assert.equal(first.nextOffset, 8);
    appendFileSync(file, 'three\n');
    const second = await readNewOutput(file, first.nextOffset, { maxChars: 100, final: false });
    assert.equal(second.text, 'three\n');
    assert.equal(second.linesRead, 1);
  });

  it('leaves a partial last line for the next read until the writer is done', async () => {
    const file = logWith('done\npart');
    const running = await readNewOutput(file, 0, { maxChars: 100, final: false });
    assert.equal(running.text, 'done\n');
    assert.equal(running.nextOffset, 5);
    const final = await readNewOutput(file, running.nextOffset, { maxChars: 100, final: true });
    assert.equal(final.text, 'part');
    assert.equal(final.nextOffset, 9);
  });

  it('filters whole lines across chunk boundaries', async () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => (i % 1000 === 0 ? `MATCH ${i}` : `line ${i} ${'x'.repeat(20)}`));
    const file = logWith(lines.join('\n') + '\n');
    const read = await readNewOutput(file, 0, { maxChars: 10_000, final: true, filter: /^MATCH/ });
    assert.equal(read.text, lines.filter((line) => line.startsWith('MATCH')).map((line) => `${line}\n`).join(''));
    assert.equal(read.linesRead, 30_000);
    assert.equal(read.linesKept, 30);
  });

  it('keeps the head and tail of output beyond the limit', async () => {
    const content = Array.from({ length: 20_000 }, (_, i) => `${i}\n`).join('');
    const read = await readNewOutput(logWith(content), 0, { maxChars: 500, final: true });
    assert.equal(read.text, truncateMiddle(content, 500));
    assert.equal(read.totalChars, content.length);
  });

  it('decodes multi-byte characters split across chunks', async () => {
    const content = `${'é'.repeat(70_000)}\n`;
    const read = await readNewOutput(logWith(content), 0, { maxChars: 200_000, final: true });
    assert.equal(read.text, content);
  });

  it('returns a partial line that grows past four times the limit', async () => {
    const read = await readNewOutput(logWith('y'.repeat(1000)), 0, { maxChars: 100, final: false });
    assert.equal(read.totalChars, 1000);
    assert.equal(read.nextOffset, 1000);
  });

  it('counts a CRLF line once, and returns carriage-return progress before the line ends', async () => {
    const crlf = await readNewOutput(logWith('a\r\nb\r\n'), 0, { maxChars: 100, final: false, filter: /./ });
    assert.equal(crlf.linesRead, 2);
    const progress = await readNewOutput(logWith('10%\r20%\r3'), 0, { maxChars: 100, final: false });
    assert.equal(progress.text, '10%\r20%\r');
    assert.equal(progress.nextOffset, 8);
  });
});
