import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { locateJsonPath } from '../../src/config/jsonLocator.js';
import { firstSyntaxErrorOffset, parseJsonText, positionAt } from '../../src/config/jsonText.js';

describe('positionAt', () => {
  it('counts lines and columns from 1', () => {
    const text = 'ab\ncd\n\nef';
    assert.deepEqual(positionAt(text, 0), { line: 1, column: 1 });
    assert.deepEqual(positionAt(text, 4), { line: 2, column: 2 });
    assert.deepEqual(positionAt(text, 7), { line: 4, column: 1 });
    assert.deepEqual(positionAt(text, 99), { line: 4, column: 3 });
  });
});

describe('parseJsonText', () => {
  it('parses valid JSON, ignoring a byte-order mark', () => {
    assert.deepEqual(parseJsonText('\uFEFF{"a": [1, true, null]}'), { ok: true, value: { a: [1, true, null] } });
  });

  it('reports the line and column V8 gives as a position', () => {
    const result = parseJsonText('{\n  "a": 1,\n  "b": 2,\n}\n');
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(result.position, { line: 4, column: 1 });
    assert.match(result.message, /^invalid JSON: /);
    assert.doesNotMatch(result.message, /position/);
  });

  it('finds the position itself when the message has none', () => {
    const result = parseJsonText('{\n  "ok": true,\n  "bad": tru}\n');
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(result.position, { line: 3, column: 13 });
    assert.doesNotMatch(result.message, /is not valid JSON/);
  });

  it('points at the end for truncated input', () => {
    const result = parseJsonText('{\n  "a": [1, 2');
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(result.position, { line: 2, column: 13 });
  });
});

describe('firstSyntaxErrorOffset', () => {
  it('accepts valid JSON', () => {
    for (const text of ['{}', '[]', ' 0 ', '-1.5e+3', '"a\\u00e9\\n"', '{"a":{"b":[1,{"c":null}]}}', 'false']) {
      assert.equal(firstSyntaxErrorOffset(text), null, text);
    }
  });

  it('agrees with V8 where V8 states a position', () => {
    for (const text of ['{"a":1,}', '{"a" 1}', '[1,2', '{"a":"x\ny"}', '{a:1}', '[01]', '{"a":1} x', '"\\q"']) {
      const v8 = /at position (\d+)/.exec(errorMessage(text))?.[1];
      assert.ok(v8 !== undefined, `V8 gives a position for ${text}`);
      assert.equal(firstSyntaxErrorOffset(text), Number(v8), text);
    }
  });

  it('locates errors V8 describes without a position', () => {
    assert.equal(firstSyntaxErrorOffset('{"a":tru}'), 8);
    assert.equal(firstSyntaxErrorOffset(''), 0);
    assert.equal(firstSyntaxErrorOffset('nul'), 3);
  });
});

function errorMessage(text: string): string {
  try {
    JSON.parse(text);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('locateJsonPath', () => {
  const text = [
    '{',
    '  "model": "x",',
    '  "permissions": {',
    '    "allow": [',
    '      "Read",',
    '      42',
    '    ],',
    '    "defaultMode": "sideways"',
    '  },',
    '  "env": { "A.B": 1 }',
    '}',
  ].join('\n');
  const at = (path: Array<string | number>) => positionAt(text, locateJsonPath(text, path));

  it('finds keys at any depth', () => {
    assert.deepEqual(at(['model']), { line: 2, column: 3 });
    assert.deepEqual(at(['permissions', 'defaultMode']), { line: 8, column: 5 });
    assert.deepEqual(at(['env', 'A.B']), { line: 10, column: 12 });
  });

  it('finds array elements', () => {
    assert.deepEqual(at(['permissions', 'allow', 1]), { line: 6, column: 7 });
    assert.deepEqual(at(['permissions', 'allow', 0]), { line: 5, column: 7 });
  });

  it('answers with the deepest part found when the rest is missing', () => {
    assert.deepEqual(at(['permissions', 'nothing', 'here']), { line: 3, column: 3 });
    assert.deepEqual(at(['permissions', 'allow', 9]), { line: 4, column: 5 });
    assert.deepEqual(at([]), { line: 1, column: 1 });
  });

  it('takes the last of duplicate keys, like JSON.parse', () => {
    const duplicated = '{\n "a": 1,\n "a": {\n  "b": 2\n }\n}';
    assert.deepEqual(positionAt(duplicated, locateJsonPath(duplicated, ['a', 'b'])), { line: 4, column: 3 });
  });

  it('tolerates comments, trailing commas, escapes and unquoted keys', () => {
    const loose = '{\n // "a": 0,\n /* "a": 1 */ "x\\"y": [1,],\n a: {"b": 2,},\n}';
    assert.deepEqual(positionAt(loose, locateJsonPath(loose, ['x"y'])), { line: 3, column: 15 });
    assert.deepEqual(positionAt(loose, locateJsonPath(loose, ['a', 'b'])), { line: 4, column: 6 });
  });

  it('does not loop on garbage', () => {
    for (const junk of ['{', '{"a":', '[[[', '{"a" "b" }}}', '{/', '"unterminated', '{:::}']) {
      assert.equal(typeof locateJsonPath(junk, ['a', 0, 'b']), 'number');
    }
  });
});
