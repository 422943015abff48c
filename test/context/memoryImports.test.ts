import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { codeRanges } from '../../src/context/markdownCode.js';
import { expandImports, MAX_IMPORT_DEPTH } from '../../src/context/memoryImports.js';
import { makeTempDir, removeTempDirs, writeFiles } from '../config/tempFiles.js';

after(removeTempDirs);

function setup(files: Record<string, string>) {
  const root = makeTempDir();
  const home = join(root, 'home');
  writeFiles(root, files);
  const expand = (path: string, text: string) => expandImports(text, join(root, path), { home });
  return { root, home, expand };
}

describe('expandImports', () => {
  it('imports relative, absolute and home paths', async () => {
    const { root, expand } = setup({
      'project/docs/style.md': 'Use tabs.\n',
      'elsewhere/abs.md': 'Absolute text.',
      'home/prefs.md': 'Home text.\n\n',
    });
    const text = `Style: @docs/style.md\nAbs: @${join(root, 'elsewhere', 'abs.md')}\nHome: @~/prefs.md\n`;
    const result = await expand('project/WRIGHT.md', text);
    assert.equal(result.content, 'Style: Use tabs.\nAbs: Absolute text.\nHome: Home text.\n');
    assert.deepEqual(result.warnings, []);
  });

  it('resolves nested imports relative to the importing file', async () => {
    const { expand } = setup({ 'a/one.md': 'one @sub/two.md', 'a/sub/two.md': 'two @./three.md', 'a/sub/three.md': 'three' });
    assert.equal((await expand('WRIGHT.md', '@a/one.md')).content, 'one two three');
  });

  it('stops after the depth limit with a warning', async () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 7; i++) files[`f${i}.md`] = `f${i} @f${i + 1}.md`;
    files['f8.md'] = 'f8';
    const { expand } = setup(files);
    const result = await expand('root.md', '@f1.md');
    assert.equal(result.content, `f1 f2 f3 f4 f5 @f6.md`);
    assert.equal(MAX_IMPORT_DEPTH, 5);
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0] ?? '', /f5\.md: @f6\.md: .*deeper than 5/);
  });

  it('detects cycles instead of looping', async () => {
    const { expand } = setup({ 'a.md': 'A @b.md', 'b.md': 'B @a.md', 'self.md': 'S @self.md' });
    const cycle = await expand('a.md', 'A @b.md');
    assert.equal(cycle.content, 'A B @a.md');
    assert.match(cycle.warnings.join('\n'), /b\.md: @a\.md: .*cycle/);
    const self = await expand('self.md', 'S @self.md');
    assert.equal(self.content, 'S @self.md');
    assert.equal(self.warnings.length, 1);
  });

  it('imports the same file twice when it is not a cycle', async () => {
    const { expand } = setup({ 'x.md': '@shared.md', 'y.md': '@shared.md', 'shared.md': 'S' });
    const result = await expand('root.md', '@x.md and @y.md');
    assert.equal(result.content, 'S and S');
    assert.deepEqual(result.warnings, []);
  });

  it('leaves a missing import as written and warns', async () => {
    const { root, expand } = setup({});
    const result = await expand('WRIGHT.md', 'See @missing.md for details.');
    assert.equal(result.content, 'See @missing.md for details.');
    assert.deepEqual(result.warnings, [`${join(root, 'WRIGHT.md')}: @missing.md: file not found`]);
  });

  it('ignores imports inside code spans and fenced blocks', async () => {
    const { expand } = setup({ 'real.md': 'REAL' });
    const text = [
      'Inline `@real.md` and ``double `@real.md` span`` stay.',
      '```sh',
      'npm run @real.md',
      '```',
      '~~~~',
      '@real.md',
      '~~~',
      'still fenced @real.md',
      '~~~~',
      'But @real.md outside.',
    ].join('\n');
    const result = await expand('WRIGHT.md', text);
    assert.equal(result.content, text.replace('But @real.md outside.', 'But REAL outside.'));
    assert.deepEqual(result.warnings, []);
  });

  it('does not treat an email address as an import', async () => {
    const { expand } = setup({ 'example.com': 'NOPE' });
    const result = await expand('WRIGHT.md', 'Mail ada@example.com or (ada@example.com).');
    assert.equal(result.content, 'Mail ada@example.com or (ada@example.com).');
    assert.deepEqual(result.warnings, []);
  });

  it('drops sentence punctuation after a path and understands escaped spaces', async () => {
    const { expand } = setup({ 'notes.md': 'N', 'my notes.md': 'M' });
    const result = await expand('WRIGHT.md', 'Read @notes.md. Then @my\\ notes.md, then (@notes.md)');
    assert.equal(result.content, 'Read N. Then M, then (@notes.md)');
  });

  it('skips directories and files above 4 MiB', async () => {
    const { root, expand } = setup({ 'dir/x.md': 'x' });
    writeFileSync(join(root, 'huge.md'), Buffer.alloc(4 * 1024 * 1024 + 1, 'a'));
    const result = await expand('WRIGHT.md', '@dir @huge.md');
    assert.equal(result.content, '@dir @huge.md');
    assert.match(result.warnings[0] ?? '', /@dir: not a file/);
    assert.match(result.warnings[1] ?? '', /@huge\.md: skipped: 4\.0 MiB is over the 4 MiB limit/);
  });
});

describe('codeRanges', () => {
  it('treats an unmatched backtick as text and an unclosed fence as running to the end', () => {
    const text = 'a ` b `` c\n```\ncode';
    assert.deepEqual(codeRanges(text), [[11, text.length]]);
  });
});
