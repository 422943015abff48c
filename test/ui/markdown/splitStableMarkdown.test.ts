import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMarkdown } from '../../../src/ui/markdown/renderMarkdown.js';
import { splitStableMarkdown } from '../../../src/ui/markdown/splitStableMarkdown.js';

const DOCUMENTS = [
  [
    '# Plan',
    '',
    'First we read the **config** and `parse` it.',
    'Then:',
    '',
    '1. open the file',
    '2. edit it',
    '   - carefully',
    '',
    '```ts',
    'const x = 1;',
    '',
    'function f() {}',
    '```',
    '',
    '| a | b |',
    '|---|--:|',
    '| 1 | 2 |',
    '| 3 | 4 |',
    '',
    '> quoted',
    'lazy continuation',
    '',
    'Setext heading',
    '--------------',
    'para',
    '# interrupting heading',
    '- list right after',
    '- items',
    'lazy item text',
    '',
    '    indented code',
    '',
    '    more code',
    '',
    '---',
    '***',
    'The end.',
  ].join('\n'),
  '- a\n\n- b\n\n  still b\n\n* other list\n\n1. one\n2) two\n\nafter\n\n<div>\nhtml block\n</div>\n\ndone\n',
  '> q1\n> > q2\n>\n> back\n\nnot quoted\n~~~\nfence with tildes\n```\nstill inside\n~~~\nout\n',
  'Title\r\n=====\r\n\r\n- crlf item\r\n\r\ntext **bold\r\nacross** lines\r\n\r\n```\r\ncode\r\n```\r\n',
  'line with trailing spaces  \nhard break\n\n#notaheading\n# heading\n\n| x |\n|---|\n| y |\nnot a row?\n\nend',
];

function render(markdown: string): string {
  return renderMarkdown(markdown, { width: 40, color: false });
}

function joinRendered(parts: string[]): string {
  return parts.filter((p) => p !== '').join('\n\n');
}

describe('splitStableMarkdown', () => {
  it('splits after complete blocks once the next block has a complete line', () => {
    assert.deepEqual(splitStableMarkdown('# A\n\npara'), { stable: '', tail: '# A\n\npara' });
    assert.deepEqual(splitStableMarkdown('# A\n\npara\n'), { stable: '# A\n\n', tail: 'para\n' });
    assert.deepEqual(splitStableMarkdown('# A\n\npara\nmore'), { stable: '# A\n\n', tail: 'para\nmore' });
  });

  it('does not commit a block the next line may still continue', () => {
    // `#` alone is a heading now, but `#foo` would be paragraph text continuing "para".
    assert.deepEqual(splitStableMarkdown('para\n#'), { stable: '', tail: 'para\n#' });
    assert.deepEqual(splitStableMarkdown('para\n# h\n'), { stable: 'para\n', tail: '# h\n' });
    assert.deepEqual(splitStableMarkdown('- a\n\n'), { stable: '', tail: '- a\n\n' });
    assert.deepEqual(splitStableMarkdown('```\ncode\n\nmore\n'), { stable: '', tail: '```\ncode\n\nmore\n' });
  });

  it('keeps CRLF text intact: stable + tail is the input', () => {
    assert.deepEqual(splitStableMarkdown('# A\r\n\r\nb\r\nc'), { stable: '# A\r\n\r\n', tail: 'b\r\nc' });
  });

  it('never takes back text it called stable as the message grows', () => {
    for (const doc of DOCUMENTS) {
      let previous = '';
      for (let n = 0; n <= doc.length; n++) {
        const prefix = doc.slice(0, n);
        const { stable, tail } = splitStableMarkdown(prefix);
        assert.equal(stable + tail, prefix);
        assert.ok(stable.startsWith(previous), `stable part shrank at ${JSON.stringify(prefix)}`);
        previous = stable;
      }
      assert.notEqual(previous, '', 'a finished multi-block document has a stable part');
    }
  });

  it('rendering committed blocks once plus the tail equals rendering the whole, at every prefix', () => {
    for (const doc of DOCUMENTS) {
      // What the UI does: render newly stable text once, re-render only the uncommitted tail.
      let committed = '';
      const written: string[] = [];
      for (let n = 0; n <= doc.length; n++) {
        const prefix = doc.slice(0, n);
        const { stable, tail } = splitStableMarkdown(prefix.slice(committed.length));
        if (stable !== '') {
          written.push(render(stable));
          committed += stable;
        }
        assert.equal(joinRendered([...written, render(tail)]), render(prefix), `prefix ${JSON.stringify(prefix)}`);
      }
      assert.ok(written.length >= 3, 'the document was committed in several steps');
    }
  });
});

describe('renderMarkdown on partial text', () => {
  it('renders an unterminated fence as code so far', () => {
    assert.equal(render('Intro\n\n```py\nprint(1)\nx ='), 'Intro\n\n── py\n  print(1)\n  x =');
  });

  it('shows unfinished emphasis literally without styling what follows', () => {
    const out = renderMarkdown('Some **bold start\n\n- next block', { width: 40, color: true });
    assert.equal(out.split('\n')[0], 'Some **bold start');
    assert.doesNotMatch(out, /\x1b\[1m/);
  });

  it('renders a table whose last row is still arriving', () => {
    assert.equal(
      render('| a | b |\n|---|---|\n| 1 | 2 |\n| 3'),
      ['┌───┬───┐', '│ a │ b │', '├───┼───┤', '│ 1 │ 2 │', '│ 3 │   │', '└───┴───┘'].join('\n'),
    );
  });
});
