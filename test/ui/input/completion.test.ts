import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyCompletion, completionToken, fileCompletions, withDirectories } from '../../../src/ui/input/completion.js';
import { fuzzyFilter, fuzzyScore } from '../../../src/ui/input/fuzzy.js';

describe('fuzzy matching', () => {
  it('needs the characters in order', () => {
    assert.notEqual(fuzzyScore('src/app.ts', 'sap'), undefined);
    assert.equal(fuzzyScore('src/app.ts', 'pas'), undefined);
  });
  it('prefers a match in the file name and a contiguous match over scattered letters', () => {
    const files = ['src/agent/prompt.ts', 'src/ui/input/PromptInput.tsx', 'packages/render/ordering/multi.ts'];
    assert.deepEqual(fuzzyFilter(files, 'prompt', (file) => file, 3).slice(0, 2), ['src/agent/prompt.ts', 'src/ui/input/PromptInput.tsx']);
    assert.equal(fuzzyFilter(['a/x/loop.ts', 'lib/o/o/p.ts'], 'loop', (file) => file, 1)[0], 'a/x/loop.ts');
  });
  it('an empty query lists the shortest paths first', () => {
    assert.deepEqual(fuzzyFilter(['a/b/c.ts', 'x.ts', 'src/'], '', (file) => file, 3), ['x.ts', 'src/', 'a/b/c.ts']);
  });
});

describe('completion tokens', () => {
  it('finds an @ mention at the cursor, anywhere in the buffer', () => {
    assert.deepEqual(completionToken('read @src/a and', 11), { kind: 'file', start: 5, end: 11, query: 'src/a' });
  });
  it('finds a / command only at the very start', () => {
    assert.deepEqual(completionToken('/he', 3), { kind: 'command', start: 0, end: 3, query: 'he' });
    assert.equal(completionToken('x /he', 5), undefined);
    assert.equal(completionToken('/help ', 6), undefined, 'after the space the command is complete');
  });
  it('an e-mail address is not a mention', () => {
    assert.equal(completionToken('mail bob@example.com', 20), undefined);
  });
  it('accepting replaces the whole token, even the part after the cursor', () => {
    const token = completionToken('see @sr/x.ts now', 7)!;
    const [item] = fileCompletions(['src/x.ts'], token.query);
    assert.deepEqual(applyCompletion('see @sr/x.ts now', token, item!), { text: 'see @src/x.ts now', cursor: 14 });
  });
  it('paths with spaces are quoted', () => {
    assert.equal(fileCompletions(['my docs/a b.md'], 'ab')[0]!.replacement, '@"my docs/a b.md" ');
  });
  it('directories of the listed files become candidates too', () => {
    assert.deepEqual(withDirectories(['a/b/c.ts', 'a/d.ts', 'e.ts']), ['a/', 'a/b/', 'a/b/c.ts', 'a/d.ts', 'e.ts']);
  });
});
