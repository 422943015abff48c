import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeTextFile, detectLineEnding, encodeTextFile, looksBinary } from '../../src/tools/textFileCodec.js';

describe('textFileCodec', () => {
  it('detects the majority line ending', () => {
    assert.equal(detectLineEnding('a\r\nb\r\nc\n'), '\r\n');
    assert.equal(detectLineEnding('a\nb\nc\r\n'), '\n');
    assert.equal(detectLineEnding('no breaks'), '\n');
  });

  it('round-trips a UTF-8 file with a BOM and CRLF', () => {
    const bytes = Buffer.from('\uFEFFx\r\ny\r\n', 'utf8');
    const decoded = decodeTextFile(bytes);
    assert.equal(decoded.text, 'x\ny\n');
    assert.deepEqual(decoded.format, { encoding: 'utf8', bom: true, lineEnding: '\r\n' });
    assert.deepEqual(encodeTextFile(decoded.text, decoded.format), bytes);
  });

  it('round-trips a UTF-16LE file and does not call it binary', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hi\r\nthere\r\n', 'utf16le')]);
    assert.equal(looksBinary(bytes), false);
    const decoded = decodeTextFile(bytes);
    assert.equal(decoded.text, 'hi\nthere\n');
    assert.deepEqual(encodeTextFile('bye\n', decoded.format), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('bye\r\n', 'utf16le')]));
  });

  it('calls data with NUL bytes binary', () => {
    assert.equal(looksBinary(Buffer.from([1, 2, 0, 3])), true);
    assert.equal(looksBinary(Buffer.from('plain text')), false);
  });
});
