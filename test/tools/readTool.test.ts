import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import sharp from 'sharp';
import { MAX_IMAGE_BYTES } from '../../src/tools/imageFile.js';
import { MAX_READ_OUTPUT_CHARS, readTool } from '../../src/tools/readTool.js';
import { makeContext, makeTempDir, removeTempDirs, textOf } from './toolTestContext.js';

after(removeTempDirs);

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function setup(files: Record<string, string | Buffer> = {}) {
  const dir = makeTempDir();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return { dir, ctx: makeContext(dir) };
}

function numberedLines(count: number, width = 0): string {
  return Array.from({ length: count }, (_, index) => `line ${index + 1}`.padEnd(width, 'x')).join('\n') + '\n';
}

describe('Read', () => {
  it('numbers lines like cat -n: six right-aligned columns, a tab, the line', async () => {
    const { dir, ctx } = setup({ 'a.txt': 'alpha\nbeta\n' });
    const result = await readTool.run({ file_path: join(dir, 'a.txt') }, ctx);
    assert.equal(result.isError, undefined);
    assert.equal(result.content, '     1\talpha\n     2\tbeta');
    assert.deepEqual(result.data, { filePath: join(dir, 'a.txt'), numLines: 2, startLine: 1, totalLines: 2 });
  });

  it('resolves a relative path against the cwd', async () => {
    const { ctx } = setup({ 'rel.txt': 'hello' });
    assert.equal(textOf(await readTool.run({ file_path: 'rel.txt' }, ctx)), '     1\thello');
  });

  it('reads from a 1-based offset up to limit lines and says how to read more', async () => {
    const { dir, ctx } = setup({ 'ten.txt': numberedLines(10) });
    const result = await readTool.run({ file_path: join(dir, 'ten.txt'), offset: 3, limit: 2 }, ctx);
    const text = textOf(result);
    assert.ok(text.startsWith('     3\tline 3\n     4\tline 4\n'));
    assert.ok(!text.includes('line 5\n'));
    assert.match(text, /lines 3-4 of 10.*offset 5/);
    assert.deepEqual(result.data, { filePath: join(dir, 'ten.txt'), numLines: 2, startLine: 3, totalLines: 10 });
  });

  it('returns at most 2000 lines by default', async () => {
    const { dir, ctx } = setup({ 'long.txt': numberedLines(2500) });
    const result = await readTool.run({ file_path: join(dir, 'long.txt') }, ctx);
    const text = textOf(result);
    assert.ok(text.includes('  2000\tline 2000'));
    assert.ok(!text.includes('line 2001'));
    assert.match(text, /offset 2001/);
    assert.equal((result.data as { numLines: number }).numLines, 2000);
  });

  it('cuts lines longer than 2000 characters and says so', async () => {
    const { dir, ctx } = setup({ 'wide.txt': `short\n${'y'.repeat(2500)}\n` });
    const text = textOf(await readTool.run({ file_path: join(dir, 'wide.txt') }, ctx));
    assert.ok(text.includes(`     2\t${'y'.repeat(2000)}\n`));
    assert.ok(!text.includes('y'.repeat(2001)));
    assert.match(text, /Line 2 is longer than 2000 characters and was truncated/);
  });

  it('stops a page at the output character cap and offers the next offset', async () => {
    const { dir, ctx } = setup({ 'big.txt': numberedLines(1000, 1000) });
    const result = await readTool.run({ file_path: join(dir, 'big.txt') }, ctx);
    const text = textOf(result);
    const shown = (result.data as { numLines: number }).numLines;
    assert.ok(shown > 10 && shown < 1000);
    assert.ok(text.length < MAX_READ_OUTPUT_CHARS + 500);
    assert.match(text, new RegExp(`offset ${shown + 1}`));
  });

  it('refuses a directory and points to Glob or ls', async () => {
    const { dir, ctx } = setup();
    const result = await readTool.run({ file_path: dir }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /is a directory.*Glob.*ls/);
  });

  it('reports a missing file and suggests a similar name', async () => {
    const { dir, ctx } = setup({ 'config.json': '{}' });
    const result = await readTool.run({ file_path: join(dir, 'config.jsn') }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /does not exist/);
    assert.ok(textOf(result).includes(`Did you mean ${join(dir, 'config.json')}`));
  });

  it('refuses binary files (NUL bytes)', async () => {
    const { dir, ctx } = setup({ 'blob.bin': Buffer.from([0x41, 0x00, 0x42, 0x43]) });
    const result = await readTool.run({ file_path: join(dir, 'blob.bin') }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /binary/);
  });

  it('returns a small image unchanged as a base64 image block with the sniffed media type', async () => {
    const bytes = await sharp({ create: { width: 4, height: 3, channels: 3, background: '#ff0000' } }).png().toBuffer();
    // The name says JPEG; the bytes say PNG, and the bytes win.
    const { dir, ctx } = setup({ 'pic.jpg': bytes });
    const result = await readTool.run({ file_path: join(dir, 'pic.jpg') }, ctx);
    assert.equal(result.isError, undefined);
    assert.deepEqual(result.content, [
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: bytes.toString('base64') } },
    ]);
    assert.deepEqual(result.data, {
      type: 'image', filePath: join(dir, 'pic.jpg'), mediaType: 'image/png', originalSizeBytes: bytes.length, sizeBytes: bytes.length,
      originalWidth: 4, originalHeight: 3, width: 4, height: 3, resized: false,
    });
    assert.ok(ctx.readLedger.has(join(dir, 'pic.jpg')));
  });

  it('refuses an image that cannot be decoded and does not record it', async () => {
    const bytes = Buffer.concat([PNG_MAGIC, Buffer.alloc(MAX_IMAGE_BYTES)]);
    const { dir, ctx } = setup({ 'huge.png': bytes });
    const result = await readTool.run({ file_path: join(dir, 'huge.png') }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /could not be decoded/);
    assert.equal(ctx.readLedger.has(join(dir, 'huge.png')), false);
  });

  it('warns in a system-reminder when the file is empty', async () => {
    const { dir, ctx } = setup({ 'empty.txt': '' });
    const result = await readTool.run({ file_path: join(dir, 'empty.txt') }, ctx);
    assert.equal(result.isError, undefined);
    assert.match(textOf(result), /^<system-reminder>.*exists but its contents are empty.*<\/system-reminder>$/);
    assert.ok(ctx.readLedger.has(join(dir, 'empty.txt')));
  });

  it('notes the line count when the offset is past the end', async () => {
    const { dir, ctx } = setup({ 'three.txt': 'a\nb\nc\n' });
    const result = await readTool.run({ file_path: join(dir, 'three.txt'), offset: 10 }, ctx);
    assert.equal(result.isError, undefined);
    assert.match(textOf(result), /<system-reminder>.*only 3 lines.*offset 10/);
  });

  it('shows CRLF files without carriage returns and without the BOM', async () => {
    const { dir, ctx } = setup({ 'win.txt': '\uFEFFone\r\ntwo\r\n' });
    assert.equal(textOf(await readTool.run({ file_path: join(dir, 'win.txt') }, ctx)), '     1\tone\n     2\ttwo');
  });

  it('records full and partial reads in the ledger', async () => {
    const { dir, ctx } = setup({ 'a.txt': 'x\n', 'b.txt': numberedLines(5) });
    await readTool.run({ file_path: join(dir, 'a.txt') }, ctx);
    await readTool.run({ file_path: join(dir, 'b.txt'), offset: 2, limit: 1 }, ctx);
    assert.equal(ctx.readLedger.get(join(dir, 'a.txt'))?.partial, false);
    assert.equal(ctx.readLedger.get(join(dir, 'b.txt'))?.partial, true);
  });

  it('does not record a file it refused', async () => {
    const { dir, ctx } = setup({ 'blob.bin': Buffer.from([0, 1, 2]) });
    mkdirSync(join(dir, 'sub'));
    await readTool.run({ file_path: join(dir, 'blob.bin') }, ctx);
    await readTool.run({ file_path: join(dir, 'sub') }, ctx);
    assert.deepEqual(ctx.readLedger.paths(), []);
  });

  it('is read-only', () => {
    assert.equal(readTool.isReadOnly({ file_path: '/x' }), true);
  });
});
