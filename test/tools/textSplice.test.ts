import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeTextFile } from '../../src/tools/textFileCodec.js';
import { spliceReplacements, verifiedSplice, type SpliceResult } from '../../src/tools/textSplice.js';

/** Decodes `raw`, replaces every `oldText` in its text with `newText`, and splices that into the bytes. */
function splice(raw: Buffer, oldText: string, newText: string): SpliceResult {
  const { text, format } = decodeTextFile(raw);
  const indices: number[] = [];
  for (let index = text.indexOf(oldText); index !== -1; index = text.indexOf(oldText, index + oldText.length)) indices.push(index);
  assert.ok(indices.length > 0, `${JSON.stringify(oldText)} is not in the text`);
  return spliceReplacements(raw, format, text, { indices, oldLength: oldText.length, newText });
}

function bytesOf(result: SpliceResult): Buffer {
  assert.ok(result.ok, `splice refused: ${JSON.stringify(result)}`);
  return result.bytes;
}

const latin1 = (text: string) => Buffer.from(text, 'latin1');

describe('spliceReplacements', () => {
  it('keeps every line ending of a mixed file outside the replaced text', () => {
    const raw = Buffer.from('one\r\ntwo\nthree\r\nfour\n');
    assert.deepEqual(bytesOf(splice(raw, 'three', 'THREE')), Buffer.from('one\r\ntwo\nTHREE\r\nfour\n'));
  });

  it('writes the line breaks of new text with the dominant ending', () => {
    const raw = Buffer.from('a\r\nb\r\nc\n');
    assert.deepEqual(bytesOf(splice(raw, 'b', 'b1\nb2')), Buffer.from('a\r\nb1\r\nb2\r\nc\n'));
  });

  it('replaces a line break of the file, whatever its ending was', () => {
    const raw = Buffer.from('a\r\nb\nc\r\n');
    assert.deepEqual(bytesOf(splice(raw, 'b\nc', 'bc')), Buffer.from('a\r\nbc\r\n'));
  });

  it('keeps a UTF-8 BOM and a missing final newline', () => {
    const raw = Buffer.from('\uFEFFfirst\nlast', 'utf8');
    assert.deepEqual(bytesOf(splice(raw, 'first', '1st')), Buffer.from('\uFEFF1st\nlast', 'utf8'));
    assert.deepEqual(bytesOf(splice(raw, 'last', 'end')), Buffer.from('\uFEFFfirst\nend', 'utf8'));
  });

  it('copies invalid UTF-8 bytes before, between and after the replacements', () => {
    const raw = latin1('caf\xe9 = 1;\nname = \xff\xfe value; // \xe9\nx = 1;\n');
    assert.deepEqual(bytesOf(splice(raw, '1;', '2;')), latin1('caf\xe9 = 2;\nname = \xff\xfe value; // \xe9\nx = 2;\n'));
    assert.deepEqual(bytesOf(splice(raw, 'value', 'other')), latin1('caf\xe9 = 1;\nname = \xff\xfe other; // \xe9\nx = 1;\n'));
  });

  it('refuses to replace text that covers invalid UTF-8 bytes, naming the lines', () => {
    const raw = latin1('ok\nbad \xff here\nmore\n');
    assert.deepEqual(splice(raw, 'bad \uFFFD here\nmore', 'fixed'), { ok: false, firstLine: 2, lastLine: 3 });
  });

  it('finds text between ill-formed sequences the way the decoder counted them', () => {
    // Truncated, overlong, surrogate-encoding and out-of-range sequences, each decoding differently.
    const raw = latin1('\xe2\x82 a \xc0\x80 b \xed\xa0\x80 c \xf0\x9f\x98 d \xf4\x90\x80\x80 e\n');
    assert.deepEqual(bytesOf(splice(raw, 'c', 'C')), latin1('\xe2\x82 a \xc0\x80 b \xed\xa0\x80 C \xf0\x9f\x98 d \xf4\x90\x80\x80 e\n'));
    assert.deepEqual(bytesOf(splice(raw, 'e', 'E')), latin1('\xe2\x82 a \xc0\x80 b \xed\xa0\x80 c \xf0\x9f\x98 d \xf4\x90\x80\x80 E\n'));
  });

  it('keeps random undecodable bytes around a replaced marker intact', () => {
    let seed = 42;
    const random = (limit: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % limit;
    };
    const noise = () => Buffer.from(Array.from({ length: random(12) }, () => 0x80 + random(0x80)));
    for (let round = 0; round < 200; round++) {
      const before = Buffer.concat([noise(), Buffer.from(' '), noise()]);
      const after = Buffer.concat([noise(), Buffer.from('\r\n'), noise()]);
      const raw = Buffer.concat([before, Buffer.from('MARK'), after]);
      const text = decodeTextFile(raw).text;
      if (text.split('MARK').length !== 2) continue;
      assert.deepEqual(bytesOf(splice(raw, 'MARK', 'new')), Buffer.concat([before, Buffer.from('new'), after]), `round ${round}`);
    }
  });

  it('handles replacements that delete whole lines, the last one included', () => {
    const raw = Buffer.from('a\r\nb\r\nc\r\n');
    assert.deepEqual(bytesOf(splice(raw, 'b\n', '')), Buffer.from('a\r\nc\r\n'));
    assert.deepEqual(bytesOf(splice(raw, '\nc\n', '\n')), Buffer.from('a\r\nb\r\n'));
  });

  it('replaces many occurrences in one pass, multi-byte characters included', () => {
    const raw = Buffer.from('héllo wörld\r\nhéllo\nhéllo 😀\n', 'utf8');
    assert.deepEqual(bytesOf(splice(raw, 'héllo', 'hi')), Buffer.from('hi wörld\r\nhi\nhi 😀\n', 'utf8'));
  });
});

describe('verifiedSplice', () => {
  it('accepts bytes that decode to the text the model was shown', () => {
    const original = Buffer.from('a\nb\n');
    const spliced = Buffer.from('a\nc\n');
    assert.equal(verifiedSplice(original, spliced, decodeTextFile(original).format, 'a\nc\n'), spliced);
  });

  it('re-encodes a valid UTF-8 file whole when the splice disagrees with the text', () => {
    const original = Buffer.from('a\r\nb\r\n');
    const result = verifiedSplice(original, Buffer.from('wrong'), decodeTextFile(original).format, 'a\nc\n');
    assert.deepEqual(result, Buffer.from('a\r\nc\r\n'));
  });

  it('gives up on a file with invalid UTF-8 when the splice disagrees with the text', () => {
    const original = latin1('\xff\n');
    assert.equal(verifiedSplice(original, Buffer.from('wrong'), decodeTextFile(original).format, 'x\n'), undefined);
  });
});
