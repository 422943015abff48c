import assert from 'node:assert/strict';
import { chmodSync, lstatSync, mkdirSync, readFileSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { MAX_EDITABLE_FILE_BYTES } from '../../src/tools/editableFile.js';
import { editTool } from '../../src/tools/editTool.js';
import { readTool } from '../../src/tools/readTool.js';
import { makeContext, makeTempDir, removeTempDirs, textOf } from './toolTestContext.js';

after(removeTempDirs);

/** A temp file that has already been Read in the returned context. */
async function readFile(content: string | Buffer, name = 'file.txt') {
  const dir = makeTempDir();
  const path = join(dir, name);
  writeFileSync(path, content);
  const ctx = makeContext(dir);
  await readTool.run({ file_path: path }, ctx);
  return { dir, path, ctx };
}

describe('Edit', () => {
  it('replaces a unique exact match and shows the edited region with line numbers', async () => {
    const { path, ctx } = await readFile('one\ntwo\nthree\nfour\n');
    const result = await editTool.run({ file_path: path, old_string: 'three', new_string: 'THREE' }, ctx);
    assert.equal(result.isError, undefined);
    assert.equal(readFileSync(path, 'utf8'), 'one\ntwo\nTHREE\nfour\n');
    assert.ok(textOf(result).includes('     3\tTHREE'));
    assert.ok(textOf(result).includes('     1\tone'));
  });

  it('requires the file to have been read first', async () => {
    const dir = makeTempDir();
    const path = join(dir, 'unread.txt');
    writeFileSync(path, 'content');
    const result = await editTool.run({ file_path: path, old_string: 'content', new_string: 'x' }, makeContext(dir));
    assert.equal(result.isError, true);
    assert.match(textOf(result), /not been read yet/);
    assert.equal(readFileSync(path, 'utf8'), 'content');
  });

  it('refuses when the file changed on disk since the read', async () => {
    const { path, ctx } = await readFile('abc\n');
    writeFileSync(path, 'abd\n');
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    const result = await editTool.run({ file_path: path, old_string: 'abd', new_string: 'x' }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /modified since read/);
  });

  it('refuses an old_string that occurs more than once and reports the count', async () => {
    const { path, ctx } = await readFile('foo bar foo baz foo\n');
    const result = await editTool.run({ file_path: path, old_string: 'foo', new_string: 'qux' }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /Found 3 matches.*replace_all/);
    assert.equal(readFileSync(path, 'utf8'), 'foo bar foo baz foo\n');
  });

  it('replaces every occurrence with replace_all and reports how many', async () => {
    const { path, ctx } = await readFile('foo bar foo baz foo\n');
    const result = await editTool.run({ file_path: path, old_string: 'foo', new_string: 'qux', replace_all: true }, ctx);
    assert.equal(result.isError, undefined);
    assert.equal(readFileSync(path, 'utf8'), 'qux bar qux baz qux\n');
    assert.match(textOf(result), /3 occurrences replaced/);
    assert.equal((result.data as { replacements: number }).replacements, 3);
  });

  it('fails when old_string is not found, with no fuzzy fallback', async () => {
    const { path, ctx } = await readFile('  indented line\n');
    const result = await editTool.run({ file_path: path, old_string: 'indented  line', new_string: 'x' }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /not found/);
    assert.equal(readFileSync(path, 'utf8'), '  indented line\n');
  });

  it('hints when old_string carries Read line-number prefixes', async () => {
    const { path, ctx } = await readFile('alpha\nbeta\n');
    const result = await editTool.run({ file_path: path, old_string: '     1\talpha', new_string: 'x' }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /line-number prefixes/);
  });

  it('refuses identical old_string and new_string', async () => {
    const { path, ctx } = await readFile('same\n');
    const result = await editTool.run({ file_path: path, old_string: 'same', new_string: 'same' }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /identical/);
  });

  it('matches LF text against a CRLF file and writes CRLF and the BOM back', async () => {
    const { path, ctx } = await readFile(Buffer.from('\uFEFFfirst\r\nsecond\r\nthird\r\n', 'utf8'));
    const result = await editTool.run({ file_path: path, old_string: 'first\nsecond', new_string: 'one\ntwo\nextra' }, ctx);
    assert.equal(result.isError, undefined);
    assert.deepEqual(readFileSync(path), Buffer.from('\uFEFFone\r\ntwo\r\nextra\r\nthird\r\n', 'utf8'));
  });

  it('keeps replacement text literal ($&, $$ and $1 are not patterns)', async () => {
    const { path, ctx } = await readFile('price: X\n');
    await editTool.run({ file_path: path, old_string: 'X', new_string: "$& $1 $$ $' $`" }, ctx);
    assert.equal(readFileSync(path, 'utf8'), "price: $& $1 $$ $' $`\n");
  });

  it('allows consecutive edits without reading again', async () => {
    const { path, ctx } = await readFile('a b c\n');
    assert.equal((await editTool.run({ file_path: path, old_string: 'a', new_string: 'A' }, ctx)).isError, undefined);
    assert.equal((await editTool.run({ file_path: path, old_string: 'b', new_string: 'B' }, ctx)).isError, undefined);
    assert.equal(readFileSync(path, 'utf8'), 'A B c\n');
  });

  it('creates a missing file when old_string is empty', async () => {
    const dir = makeTempDir();
    const path = join(dir, 'sub', 'created.txt');
    const result = await editTool.run({ file_path: path, old_string: '', new_string: 'fresh\n' }, makeContext(dir));
    assert.equal(result.isError, undefined);
    assert.equal(readFileSync(path, 'utf8'), 'fresh\n');
    assert.equal((result.data as { created: boolean }).created, true);
  });

  it('reports a missing file when old_string is not empty', async () => {
    const dir = makeTempDir();
    const result = await editTool.run({ file_path: join(dir, 'nope.txt'), old_string: 'a', new_string: 'b' }, makeContext(dir));
    assert.equal(result.isError, true);
    assert.match(textOf(result), /does not exist/);
  });

  it('refuses an empty old_string on a file with content', async () => {
    const { path, ctx } = await readFile('content\n');
    const result = await editTool.run({ file_path: path, old_string: '', new_string: 'x' }, ctx);
    assert.equal(result.isError, true);
    assert.equal(readFileSync(path, 'utf8'), 'content\n');
  });

  it('is not read-only', () => {
    assert.equal(editTool.isReadOnly({ file_path: '/x', old_string: 'a', new_string: 'b' }), false);
  });
});

const latin1 = (text: string) => Buffer.from(text, 'latin1');

describe('Edit on awkward files', () => {
  it('keeps a missing final newline exactly', async () => {
    const { path, ctx } = await readFile('first\nlast line');
    await editTool.run({ file_path: path, old_string: 'last', new_string: 'final' }, ctx);
    assert.deepEqual(readFileSync(path), Buffer.from('first\nfinal line'));
  });

  it('changes only the edited line of a file with mixed line endings', async () => {
    const { path, ctx } = await readFile('a\nb\r\nc\r\nd\r\n');
    const result = await editTool.run({ file_path: path, old_string: 'c', new_string: 'C\nC2' }, ctx);
    assert.equal(result.isError, undefined);
    // New line breaks take the majority ending (CRLF); the LF-ended lines around stay LF.
    assert.deepEqual(readFileSync(path), Buffer.from('a\nb\r\nC\r\nC2\r\nd\r\n'));
  });

  it('leaves bytes that are not valid UTF-8 untouched outside the edited text', async () => {
    const { path, ctx } = await readFile(latin1('// caf\xe9 cr\xe8me\nconst price = 1; // \xa3\n'));
    const result = await editTool.run({ file_path: path, old_string: 'price = 1', new_string: 'price = 2' }, ctx);
    assert.equal(result.isError, undefined);
    assert.deepEqual(readFileSync(path), latin1('// caf\xe9 cr\xe8me\nconst price = 2; // \xa3\n'));
  });

  it('refuses an edit whose old_string covers bytes that are not valid UTF-8, and writes nothing', async () => {
    const original = latin1('ok\n// caf\xe9\nend\n');
    const { path, ctx } = await readFile(original);
    const result = await editTool.run({ file_path: path, old_string: '// caf\uFFFD', new_string: '// cafe' }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /not valid UTF-8 .* on line 2 of .*Bash/);
    assert.deepEqual(readFileSync(path), original);
  });

  it('edits inside a very long line and shows a bounded window around the change', async () => {
    const longLine = 'x'.repeat(500_000) + ' needle ' + 'y'.repeat(500_000);
    const { path, ctx } = await readFile(`start\n${longLine}\nend\n`);
    const result = await editTool.run({ file_path: path, old_string: ' needle ', new_string: ' thread ' }, ctx);
    assert.equal(result.isError, undefined);
    assert.equal(readFileSync(path, 'utf8'), `start\n${longLine.replace(' needle ', ' thread ')}\nend\n`);
    assert.ok(textOf(result).length < 2000, `snippet is ${textOf(result).length} chars`);
    assert.match(textOf(result), /\[… \d+ chars\] x+ thread y+ \[… \d+ more chars\]/);
  });

  it('refuses a binary file with a clear message, even before it was read', async () => {
    const dir = makeTempDir();
    const path = join(dir, 'data.bin');
    writeFileSync(path, Buffer.from([0x89, 0x00, 0x01, 0x41, 0x00]));
    const result = await editTool.run({ file_path: path, old_string: 'A', new_string: 'B' }, makeContext(dir));
    assert.equal(result.isError, true);
    assert.match(textOf(result), /binary file.*Edit only changes text files/);
    assert.doesNotMatch(textOf(result), /Read it first/);
  });

  it('refuses a file over the size limit without loading it, pointing at Grep and Bash', async () => {
    const dir = makeTempDir();
    const path = join(dir, 'huge.log');
    writeFileSync(path, 'header\n');
    truncateSync(path, 100 * 1024 * 1024);
    const result = await editTool.run({ file_path: path, old_string: 'header', new_string: 'HEADER' }, makeContext(dir));
    assert.equal(result.isError, true);
    assert.match(textOf(result), /100\.0 MB, over the 50\.0 MB .*Grep.*Bash/);
    assert.ok(MAX_EDITABLE_FILE_BYTES < 100 * 1024 * 1024);
  });

  it('edits the target through a symlink and keeps the link, whichever path was read', async () => {
    const { dir, path: target, ctx } = await readFile('via link\n', 'target.txt');
    const link = join(dir, 'link.txt');
    symlinkSync(target, link);
    const result = await editTool.run({ file_path: link, old_string: 'via', new_string: 'through' }, ctx);
    assert.equal(result.isError, undefined, textOf(result));
    assert.equal(readFileSync(target, 'utf8'), 'through link\n');
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal((await editTool.run({ file_path: target, old_string: 'link', new_string: 'a link' }, ctx)).isError, undefined);
    assert.equal(readFileSync(link, 'utf8'), 'through a link\n');
  });

  it('follows a symlink that points outside the working directory the same way (path policy decides elsewhere)', async () => {
    const outside = makeTempDir();
    const target = join(outside, 'shared.txt');
    writeFileSync(target, 'shared\n');
    const dir = makeTempDir();
    const link = join(dir, 'shared-link.txt');
    symlinkSync(target, link);
    const ctx = makeContext(dir);
    await readTool.run({ file_path: link }, ctx);
    const result = await editTool.run({ file_path: link, old_string: 'shared', new_string: 'edited' }, ctx);
    assert.equal(result.isError, undefined, textOf(result));
    assert.equal(readFileSync(target, 'utf8'), 'edited\n');
    assert.ok(lstatSync(link).isSymbolicLink());
  });

  it('takes paths with spaces and non-ASCII characters, relative to the working directory', async () => {
    const dir = makeTempDir();
    mkdirSync(join(dir, 'my docs'));
    const path = join(dir, 'my docs', 'résumé – 日本.txt');
    writeFileSync(path, 'name: ?\n');
    const ctx = makeContext(dir);
    await readTool.run({ file_path: path }, ctx);
    const result = await editTool.run({ file_path: 'my docs/résumé – 日本.txt', old_string: '?', new_string: 'Ada' }, ctx);
    assert.equal(result.isError, undefined, textOf(result));
    assert.equal(readFileSync(path, 'utf8'), 'name: Ada\n');
    assert.ok(textOf(result).includes(path));
  });

  it('expands ~ to the home directory', async () => {
    const home = makeTempDir();
    writeFileSync(join(home, 'notes.txt'), 'todo\n');
    const ctx = makeContext(makeTempDir(), { env: { ...process.env, HOME: home } });
    await readTool.run({ file_path: '~/notes.txt' }, ctx);
    const result = await editTool.run({ file_path: '~/notes.txt', old_string: 'todo', new_string: 'done' }, ctx);
    assert.equal(result.isError, undefined, textOf(result));
    assert.equal(readFileSync(join(home, 'notes.txt'), 'utf8'), 'done\n');
  });

  it('reports a read-only file as permission denied, without a stack', { skip: process.getuid?.() === 0 && 'root ignores file modes (the e2e test runs this as an unprivileged user)' }, async () => {
    const { path, ctx } = await readFile('locked\n');
    chmodSync(path, 0o444);
    const result = await editTool.run({ file_path: path, old_string: 'locked', new_string: 'open' }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /^Permission denied: cannot write .*read-only/);
    assert.doesNotMatch(textOf(result), /\n\s+at /);
  });
});

describe('Edit when old_string is not found', () => {
  const source = [...Array.from({ length: 20 }, (_, index) => `const v${index} = ${index};`), 'function add(a, b) {', '    return a - b;', '}', ''].join('\n');

  it('shows the most similar lines with their line numbers, and applies nothing', async () => {
    const { path, ctx } = await readFile(source);
    const result = await editTool.run({ file_path: path, old_string: 'function add(a,b) {\n    return a-b;', new_string: 'x' }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /not found.*most similar text is at lines 21-22:\n {4}21\tfunction add\(a, b\) \{\n {4}22\t {4}return a - b;\n/);
    assert.equal(readFileSync(path, 'utf8'), source);
  });

  it('says when the only difference is whitespace', async () => {
    const { path, ctx } = await readFile(source);
    const result = await editTool.run({ file_path: path, old_string: 'function add(a, b) {\n  return a - b;\n}', new_string: 'x' }, ctx);
    assert.match(textOf(result), /lines 21-23, differing from old_string only in whitespace or indentation/);
  });

  it('keeps the line-number prefix hint, and shows the lines the prefixed text names', async () => {
    const { path, ctx } = await readFile(source);
    const result = await editTool.run({ file_path: path, old_string: '    22\t    return a - b;', new_string: 'x' }, ctx);
    assert.match(textOf(result), /line-number prefixes.*at line 22, which is old_string without the prefixes:\n {4}22\t {4}return a - b;/s);
  });

  it('says the edit looks applied already when new_string is in the file', async () => {
    const { path, ctx } = await readFile(source);
    const result = await editTool.run({ file_path: path, old_string: 'return a + b;', new_string: 'return a - b;' }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /new_string is already in the file at line 22.*applied already/);
    assert.equal(readFileSync(path, 'utf8'), source);
  });

  it('falls back to the plain advice when nothing in the file is similar', async () => {
    const { path, ctx } = await readFile(source);
    const result = await editTool.run({ file_path: path, old_string: 'zzzz qqqq wwww', new_string: 'x' }, ctx);
    assert.match(textOf(result), /not found.*Read the file again/);
    assert.doesNotMatch(textOf(result), /most similar/);
  });

  it('lists where a non-unique old_string occurs', async () => {
    const { path, ctx } = await readFile('x = 1\ny = 2\nx = 1\n');
    const result = await editTool.run({ file_path: path, old_string: 'x = 1', new_string: 'x = 3' }, ctx);
    assert.match(textOf(result), /Found 2 matches of old_string \(at lines 1, 3\)/);
  });

  it('finds the closest lines in a large file', async () => {
    const lines = Array.from({ length: 150_000 }, (_, index) => `row ${index}: value=${index * 7}`);
    const { path, ctx } = await readFile(lines.join('\n') + '\n');
    const result = await editTool.run({ file_path: path, old_string: 'row 123456: value=864193', new_string: 'x' }, ctx);
    assert.match(textOf(result), /123457\trow 123456: value=864192/);
  });
});

describe('Edit replacement text is literal', () => {
  it('in replace_all mode too', async () => {
    const { path, ctx } = await readFile('a X b X\n');
    const result = await editTool.run({ file_path: path, old_string: 'X', new_string: "$& $$ $1 $' $`", replace_all: true }, ctx);
    assert.equal(result.isError, undefined);
    assert.equal(readFileSync(path, 'utf8'), "a $& $$ $1 $' $` b $& $$ $1 $' $`\n");
  });
});

describe('Edit description', () => {
  it('tells the model how to make an edit land', () => {
    assert.match(editTool.description, /old_string must be unique: add surrounding lines, or set replace_all/);
    assert.match(editTool.description, /most similar lines; nothing inexact is ever applied/);
    assert.match(editTool.description, /\$ is not special/);
    assert.match(editTool.description, /rather than sed or echo through Bash/);
  });
});
