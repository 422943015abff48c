import assert from 'node:assert/strict';
import { createWriteStream, mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { hashContent } from '../../src/tools/fileReadLedger.js';
import { readTool, type ReadData } from '../../src/tools/readTool.js';
import { makeContext, makeTempDir, removeTempDirs, textOf } from './toolTestContext.js';

after(removeTempDirs);

function setup(files: Record<string, string | Buffer> = {}) {
  const dir = makeTempDir();
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return { dir, ctx: makeContext(dir) };
}

const read = (ctx: ReturnType<typeof makeContext>, input: { file_path: string; offset?: number; limit?: number }) => readTool.run(input, ctx);

/** The lines of a page without their `cat -n` prefixes, up to the first note. */
function pageLines(text: string): string[] {
  return text
    .split('\n\n[')[0]!
    .split('\n')
    .map((line) => line.replace(/^ *\d+\t/, ''));
}

describe('Read: line endings and encodings', () => {
  it('strips CR from CRLF lines in a mixed file and keeps a lone CR inside a line', async () => {
    const { dir, ctx } = setup({ 'mixed.txt': 'one\r\ntwo\nthree\rstill three\r\n' });
    assert.equal(textOf(await read(ctx, { file_path: join(dir, 'mixed.txt') })), '     1\tone\n     2\ttwo\n     3\tthree\rstill three');
  });

  it('hides a UTF-8 byte-order mark without CRLF', async () => {
    const { dir, ctx } = setup({ 'bom.txt': '\uFEFFfirst\nsecond\n' });
    assert.equal(textOf(await read(ctx, { file_path: join(dir, 'bom.txt') })), '     1\tfirst\n     2\tsecond');
  });

  it('shows and counts a last line without a final newline', async () => {
    const { dir, ctx } = setup({ 'tail.txt': 'a\nb\nlast' });
    const result = await read(ctx, { file_path: join(dir, 'tail.txt') });
    assert.equal(textOf(result), '     1\ta\n     2\tb\n     3\tlast');
    assert.equal((result.data as ReadData).totalLines, 3);
  });

  it('counts a file holding one newline as one empty line', async () => {
    const { dir, ctx } = setup({ 'nl.txt': '\n' });
    const result = await read(ctx, { file_path: join(dir, 'nl.txt') });
    assert.equal(textOf(result), '     1\t');
    assert.equal((result.data as ReadData).totalLines, 1);
  });

  it('shows invalid UTF-8 as replacement characters and names the lines', async () => {
    const bytes = Buffer.concat([Buffer.from('good\nbad '), Buffer.from([0xff, 0xfe]), Buffer.from(' bytes\nfine é\n')]);
    const { dir, ctx } = setup({ 'latin.txt': bytes });
    const text = textOf(await read(ctx, { file_path: join(dir, 'latin.txt') }));
    assert.ok(text.startsWith('     1\tgood\n     2\tbad \uFFFD\uFFFD bytes\n     3\tfine é\n'), text);
    assert.match(text, /not valid UTF-8: line 2 contains invalid bytes/);
  });

  it('does not call a line cut inside a multi-byte character invalid', async () => {
    const { dir, ctx } = setup({ 'wide.txt': `${'é'.repeat(5000)}\n${'😀'.repeat(3000)}\n` });
    const text = textOf(await read(ctx, { file_path: join(dir, 'wide.txt') }));
    const [first, second] = pageLines(text);
    assert.equal(first, 'é'.repeat(2000));
    assert.equal(second, '😀'.repeat(1000));
    assert.match(text, /Lines 1, 2 are longer than 2000 characters/);
    assert.doesNotMatch(text, /not valid UTF-8/);
  });

  it('reads UTF-16LE files with a byte-order mark', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('héllo\r\nwörld\r\n', 'utf16le')]);
    const { dir, ctx } = setup({ 'utf16.txt': bytes });
    assert.equal(textOf(await read(ctx, { file_path: join(dir, 'utf16.txt') })), '     1\théllo\n     2\twörld');
  });
});

describe('Read: files larger than one read chunk', () => {
  // Lines of varying length with CRLF and multi-byte characters, so chunk boundaries (1 MiB) fall
  // inside lines, inside characters and between CR and LF.
  const lines = Array.from({ length: 120_000 }, (_, index) => `${index + 1}:${'é😀x'.repeat(index % 13)}${'-'.repeat(index % 7)}`);
  const bytes = Buffer.from(lines.join('\r\n') + '\r\n');
  let dir: string;
  before(() => {
    ({ dir } = setup({ 'multi.txt': bytes }));
  });

  it('pages through the whole file exactly', async () => {
    assert.ok(bytes.length > 3 * 1024 * 1024);
    const ctx = makeContext(dir);
    for (let offset = 1; offset <= lines.length; offset += 20_000) {
      const result = await read(ctx, { file_path: join(dir, 'multi.txt'), offset, limit: 20_000 });
      const shown = (result.data as ReadData).numLines;
      assert.deepEqual(pageLines(textOf(result)), lines.slice(offset - 1, offset - 1 + shown), `page at ${offset}`);
      assert.equal((result.data as ReadData).totalLines, lines.length);
    }
  });

  it('records the hash of the whole file in the ledger', async () => {
    const ctx = makeContext(dir);
    await read(ctx, { file_path: join(dir, 'multi.txt'), offset: 5, limit: 1 });
    const record = ctx.readLedger.get(join(dir, 'multi.txt'));
    assert.equal(record?.contentHash, hashContent(readFileSync(join(dir, 'multi.txt'))));
    assert.equal(record?.partial, true);
  });

  it('refuses a file whose NUL byte comes after the first chunk', async () => {
    const { dir: binaryDir, ctx } = setup({ 'late.bin': Buffer.concat([Buffer.alloc(2 * 1024 * 1024, 'a'), Buffer.from([0])]) });
    const result = await read(ctx, { file_path: join(binaryDir, 'late.bin') });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /binary file/);
    assert.equal(ctx.readLedger.has(join(binaryDir, 'late.bin')), false);
  });
});

describe('Read: a 100 MB text file', () => {
  const LINE_COUNT = 1_000_000;
  const line = (n: number) => `line ${String(n).padStart(7, '0')} ${'x'.repeat(86)}`;
  let path: string;
  before(async () => {
    const dir = makeTempDir();
    path = join(dir, 'huge.log');
    const out = createWriteStream(path);
    for (let start = 1; start <= LINE_COUNT; start += 10_000) {
      const block = Array.from({ length: 10_000 }, (_, index) => line(start + index)).join('\n') + '\n';
      if (!out.write(block)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve) => out.end(() => resolve()));
  });

  it('serves a page deep inside the file', async () => {
    const ctx = makeContext(join(path, '..'));
    const result = await read(ctx, { file_path: path, offset: 999_998, limit: 5 });
    assert.equal(result.isError, undefined);
    assert.deepEqual(pageLines(textOf(result)), [line(999_998), line(999_999), line(1_000_000)]);
    assert.deepEqual(result.data, { filePath: path, numLines: 3, startLine: 999_998, totalLines: LINE_COUNT });
  });

  it('answers a whole-file read with the first page and a note', async () => {
    const ctx = makeContext(join(path, '..'));
    const result = await read(ctx, { file_path: path });
    const text = textOf(result);
    assert.equal(result.isError, undefined);
    // ~100-character lines: the page stops at the output character cap, before 2000 lines.
    const shown = (result.data as ReadData).numLines;
    assert.ok(shown > 500 && shown < 2000, String(shown));
    assert.deepEqual(pageLines(text), Array.from({ length: shown }, (_, index) => line(index + 1)));
    assert.ok(
      text.endsWith(`[Showing lines 1-${shown} of 1000000 (the file is 95.4 MB; use Grep to find the part you need). To read more, call Read with offset ${shown + 1}.]`),
      text.slice(-300),
    );
    assert.equal(ctx.readLedger.get(path)?.partial, true);
  });
});

describe('Read: files read whole', () => {
  it('refuses a notebook over 100 MB instead of loading it', async () => {
    const { dir, ctx } = setup({ 'giant.ipynb': '' });
    // A sparse file: large on paper, cheap to make.
    truncateSync(join(dir, 'giant.ipynb'), 101 * 1024 * 1024);
    const result = await read(ctx, { file_path: join(dir, 'giant.ipynb') });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /is 101\.0 MB; images, PDFs and notebooks are read whole, up to 100\.0 MB/);
  });
});

describe('Read: paths', () => {
  it('follows a symlink inside the working directory', async () => {
    const { dir, ctx } = setup({ 'real.txt': 'target content\n' });
    symlinkSync(join(dir, 'real.txt'), join(dir, 'link.txt'));
    assert.equal(textOf(await read(ctx, { file_path: join(dir, 'link.txt') })), '     1\ttarget content');
    assert.ok(ctx.readLedger.has(join(dir, 'link.txt')));
  });

  it('follows a symlink that points outside the working directory', async () => {
    const { dir: outside } = setup({ 'secret-ish.txt': 'from outside\n' });
    const { dir, ctx } = setup();
    symlinkSync(join(outside, 'secret-ish.txt'), join(dir, 'out.txt'));
    assert.equal(textOf(await read(ctx, { file_path: join(dir, 'out.txt') })), '     1\tfrom outside');
  });

  it('reports a dangling symlink as a missing file', async () => {
    const { dir, ctx } = setup();
    symlinkSync(join(dir, 'gone.txt'), join(dir, 'dangling.txt'));
    const result = await read(ctx, { file_path: join(dir, 'dangling.txt') });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /does not exist/);
  });

  it('reads paths with spaces and non-ASCII characters', async () => {
    const name = 'my notes/ñandú 文件 (1).txt';
    const { dir, ctx } = setup({ [name]: 'unicode path\n' });
    assert.equal(textOf(await read(ctx, { file_path: join(dir, name) })), '     1\tunicode path');
    assert.equal(textOf(await read(ctx, { file_path: name })), '     1\tunicode path');
  });

  it('resolves relative paths against the session cwd, including ..', async () => {
    const { dir } = setup({ 'top.txt': 'top\n', 'sub/inner.txt': 'inner\n' });
    const ctx = makeContext(join(dir, 'sub'));
    assert.equal(textOf(await read(ctx, { file_path: '../top.txt' })), '     1\ttop');
    assert.equal(textOf(await read(ctx, { file_path: './inner.txt' })), '     1\tinner');
  });

  it('expands ~ to the home directory', async () => {
    const { dir } = setup({ 'home/notes.txt': 'in home\n' });
    const ctx = makeContext(dir, { env: { ...process.env, HOME: join(dir, 'home') } });
    assert.equal(textOf(await read(ctx, { file_path: '~/notes.txt' })), '     1\tin home');
  });
});
