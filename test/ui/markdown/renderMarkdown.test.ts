import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMarkdown } from '../../../src/ui/markdown/renderMarkdown.js';
import { assertBalancedPerLine, assertFits, assertNoEscapes } from './terminalText.js';

function plain(markdown: string, width: number): string[] {
  const out = renderMarkdown(markdown, { width, color: false });
  assertNoEscapes(out);
  assertFits(out, width);
  return out.split('\n');
}

function colored(markdown: string, width: number): string {
  const out = renderMarkdown(markdown, { width, color: true });
  assertFits(out, width);
  assertBalancedPerLine(out);
  return out;
}

describe('renderMarkdown without color', () => {
  it('keeps heading levels apart with their # markers, one blank line between blocks', () => {
    assert.deepEqual(plain('# One\n## Two\n### Three', 40), ['# One', '', '## Two', '', '### Three']);
  });

  it('wraps paragraphs on word boundaries', () => {
    assert.deepEqual(plain('The quick brown fox jumps over the lazy dog and keeps running far away.', 20), [
      'The quick brown fox',
      'jumps over the lazy',
      'dog and keeps',
      'running far away.',
    ]);
  });

  it('keeps code spans and strikethrough recognisable, decodes entities and escapes', () => {
    assert.deepEqual(plain('Use *em*, **strong**, ~~old~~, `npm test` and \\*literal\\* &amp; &copy; &#x263A;.', 80), [
      'Use em, strong, ~~old~~, `npm test` and *literal* & © ☺.',
    ]);
  });

  it('prints link targets after the text unless the text is the target', () => {
    assert.deepEqual(plain('See [docs](https://x.dev/a) or <https://y.dev> and mail <me@x.dev>.', 80), [
      'See docs (https://x.dev/a) or https://y.dev and mail me@x.dev.',
    ]);
  });

  it('honours hard line breaks and joins soft ones', () => {
    assert.deepEqual(plain('line one  \nline two\nsoft', 80), ['line one', 'line two soft']);
  });

  it('renders nested, ordered and task lists with aligned markers', () => {
    assert.deepEqual(plain('- a\n- b\n  - c\n    - d\n- e\n\n9. nine\n10. ten\n\n- [ ] open\n- [x] done', 40), [
      '• a',
      '• b',
      '  ◦ c',
      '    ▪ d',
      '• e',
      '',
      ' 9. nine',
      '10. ten',
      '',
      '• [ ] open',
      '• [x] done',
    ]);
  });

  it('indents wrapped list items under their text and spaces loose lists', () => {
    assert.deepEqual(plain('- an item long enough to wrap twice here\n\n1. first\n\n   more\n2. second', 16), [
      '• an item long',
      '  enough to wrap',
      '  twice here',
      '',
      '1. first',
      '',
      '   more',
      '',
      '2. second',
    ]);
  });

  it('prefixes block quotes, nested ones twice', () => {
    assert.deepEqual(plain('> outer\n>\n> > inner\n> - item', 40), ['│ outer', '│', '│ │ inner', '│', '│ • item']);
  });

  it('labels fenced code with its language, indents it and expands tabs', () => {
    assert.deepEqual(plain('```python\ndef f(x):\n\treturn x  # done\n```', 40), ['── python', '  def f(x):', '      return x  # done']);
  });

  it('renders unlabelled and indented code without a label', () => {
    assert.deepEqual(plain('```\nplain\n```\n\n    indented', 40), ['  plain', '', '  indented']);
  });

  it('continues code lines wider than the screen behind a marker instead of re-flowing them', () => {
    assert.deepEqual(plain('```js\nconst aVeryLongIdentifier = callSomething(withArguments);\n```', 24), [
      '── js',
      '  const aVeryLongIdentif',
      '↪ ier = callSomething(wi',
      '↪ thArguments);',
    ]);
  });

  it('draws tables with column alignment', () => {
    assert.deepEqual(plain('| Name | Size |\n|:-----|-----:|\n| a | 1 |\n| bbb | 22 |', 40), [
      '┌──────┬──────┐',
      '│ Name │ Size │',
      '├──────┼──────┤',
      '│ a    │    1 │',
      '│ bbb  │   22 │',
      '└──────┴──────┘',
    ]);
    assert.deepEqual(plain('| x |\n|:-:|\n| abcde |\n| z |', 40), ['┌───────┐', '│   x   │', '├───────┤', '│ abcde │', '│   z   │', '└───────┘']);
  });

  it('narrows the widest column and wraps its cells when the table is too wide', () => {
    assert.deepEqual(plain('| Key | Description |\n|---|---|\n| k | a long description that wraps |', 26), [
      '┌─────┬──────────────────┐',
      '│ Key │ Description      │',
      '├─────┼──────────────────┤',
      '│ k   │ a long           │',
      '│     │ description that │',
      '│     │ wraps            │',
      '└─────┴──────────────────┘',
    ]);
  });

  it('lists rows as header: value records when no column layout fits', () => {
    assert.deepEqual(plain('| one | two | three | four |\n|---|---|---|---|\n| 1 | 2 | 3 | 4 |\n| 5 | 6 | 7 | 8 |', 20), [
      'one: 1',
      'two: 2',
      'three: 3',
      'four: 4',
      '',
      'one: 5',
      'two: 6',
      'three: 7',
      'four: 8',
    ]);
  });

  it('draws horizontal rules across the width', () => {
    assert.deepEqual(plain('above\n\n---\n\nbelow', 10), ['above', '', '──────────', '', 'below']);
  });

  it('shows raw HTML and images as text', () => {
    assert.deepEqual(plain('<details>\n<summary>x</summary>\n</details>', 40), ['<details>', '<summary>x</summary>', '</details>']);
    assert.deepEqual(plain('![logo](img/logo.png)', 40), ['[image: logo] (img/logo.png)']);
  });

  it('counts wide characters and emoji as two columns', () => {
    assert.deepEqual(plain('世界世界世界 🎉🎉 done', 8), ['世界世界', '世界', '🎉🎉', 'done']);
  });

  it('slices words longer than a line', () => {
    assert.deepEqual(plain('see https://example.com/a/very/long/path/that/does/not/fit ok', 20), [
      'see',
      'https://example.com/',
      'a/very/long/path/tha',
      't/does/not/fit ok',
    ]);
  });

  it('never passes control characters from the text through to the terminal', () => {
    assert.deepEqual(plain('bell\x07 and \x1b[31mred\x1b[0m', 40), ['bell\ufffd and \ufffd[31mred\ufffd[0m']);
    assert.doesNotMatch(colored('```\n\x1b]0;title\x07\n```', 40), /\x1b\]0/);
  });

  it('fits every line at many widths for a mixed document', () => {
    const doc = [
      '# A heading long enough to wrap at narrow widths',
      'Text with `code`, **bold** and a [link](https://example.com/some/long/path).',
      '- item one\n  - nested item two with words\n- [x] done task',
      '> quote with *emphasis* that goes on for a while',
      '```ts\nconst x: Record<string, number> = { alpha: 1, beta: 2 }; // comment\n```',
      '| a | b | c |\n|---|:-:|--:|\n| long cell content here | 世界 | 3 |',
      '---',
    ].join('\n\n');
    // From 2: a one-column screen cannot show a double-width character at all.
    for (let width = 2; width <= 90; width++) {
      assertFits(renderMarkdown(doc, { width, color: false }), width);
      assertFits(renderMarkdown(doc, { width, color: true }), width);
    }
  });
});

describe('renderMarkdown with color', () => {
  it('styles headings, emphasis and code with balanced escape codes on every line', () => {
    const out = colored('# Title\n\nSome *em* and **strong** and `code` and ~~gone~~, wrapping across several lines here.', 24);
    assert.match(out, /\x1b\[[0-9;]*1[;m]/, 'bold');
    assert.match(out, /\x1b\[3m/, 'italic');
    assert.match(out, /\x1b\[9m/, 'strikethrough');
    assert.match(out, /\x1b\[36mcode\x1b\[39m/, 'inline code in cyan without backticks');
    assert.doesNotMatch(out, /~~/);
  });

  it('makes links OSC 8 hyperlinks and still prints the target', () => {
    const out = colored('[docs](https://x.dev/a)', 80);
    assert.match(out, /\x1b\]8;;https:\/\/x\.dev\/a\x07.*docs.*\x1b\]8;;\x07/);
    assert.match(out, /\(https:\/\/x\.dev\/a\)/);
  });

  it('re-opens styles on each wrapped line instead of letting them run on', () => {
    const out = colored('**bold words that wrap over lines**', 10);
    const lines = out.split('\n');
    assert.ok(lines.length > 2);
    for (const line of lines) assert.match(line, /^\x1b\[1m.*\x1b\[22m$/);
  });

  it('highlights known languages and leaves unknown ones plain', () => {
    const ts = colored('```ts\nconst n = 42; // answer\n```', 40);
    assert.match(ts, /\x1b\[35mconst\x1b\[39m/);
    assert.match(ts, /\x1b\[33m42\x1b\[39m/);
    assert.match(ts, /\x1b\[3;90m\/\/ answer\x1b\[23;39m/);
    const unknown = colored('```brainfuck\n+++.\n```', 40);
    assert.equal(unknown.split('\n')[1], '  +++.');
    const samples: Record<string, string> = {
      js: 'let x = 1;', json: '{"a": 1}', bash: 'echo "$HOME"', sh: 'if true; then :; fi', python: 'def f(): pass',
      go: 'func main() {}', rust: 'fn main() {}', diff: '+added', yaml: 'key: value', css: 'a { color: red; }',
      html: '<div class="x"></div>', markdown: '# Title',
    };
    for (const [lang, code] of Object.entries(samples)) assert.match(colored(`\`\`\`${lang}\n${code}\n\`\`\``, 40), /\x1b\[[0-9;]*3\dm/, lang);
  });

  it('keeps multi-line comments styled on each of their lines', () => {
    const lines = colored('```js\n/* one\ntwo */ x\n```', 40).split('\n');
    assert.match(lines[1]!, /\x1b\[3;90m\/\* one\x1b\[23;39m/);
    assert.match(lines[2]!, /\x1b\[3;90mtwo \*\/\x1b\[23;39m/);
  });
});
