// Files are edited as LF text without a BOM, and written back in the shape they had on disk, so a
// model that always writes '\n' does not silently convert a Windows file or drop its byte-order mark.

export type LineEnding = '\n' | '\r\n';
export type TextEncoding = 'utf8' | 'utf16le';

export interface TextFormat {
  encoding: TextEncoding;
  bom: boolean;
  lineEnding: LineEnding;
}

export interface DecodedText {
  /** The content with CRLF turned into LF and the BOM removed. */
  text: string;
  format: TextFormat;
}

export const DEFAULT_TEXT_FORMAT: TextFormat = { encoding: 'utf8', bom: false, lineEnding: '\n' };

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];

function startsWithBytes(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

export function bomEncoding(bytes: Uint8Array): TextEncoding | undefined {
  if (startsWithBytes(bytes, UTF8_BOM)) return 'utf8';
  if (startsWithBytes(bytes, UTF16LE_BOM)) return 'utf16le';
  return undefined;
}

/** A file is treated as binary when it holds a NUL byte, unless a UTF-16 BOM explains the NULs. */
export function looksBinary(bytes: Uint8Array): boolean {
  if (bomEncoding(bytes) === 'utf16le') return false;
  return bytes.indexOf(0) !== -1;
}

/** CRLF wins when it is the majority line break; a mixed file is written back with that one ending. */
export function detectLineEnding(text: string): LineEnding {
  let crlf = 0;
  let lf = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    if (index > 0 && text.charCodeAt(index - 1) === 13) crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

export function normalizeLineEndings(text: string): string {
  return text.replace(/\r\n/g, '\n');
}

export function bomLength(encoding: TextEncoding | undefined): number {
  return encoding === 'utf8' ? UTF8_BOM.length : encoding === 'utf16le' ? UTF16LE_BOM.length : 0;
}

/**
 * The length of the longest prefix of UTF-8 bytes that does not end inside a multi-byte sequence,
 * so a line cut at a byte budget is not mistaken for invalid UTF-8.
 */
export function completeUtf8Length(bytes: Uint8Array): number {
  const end = bytes.length;
  let lead = end - 1;
  while (lead >= 0 && end - lead <= 3 && (bytes[lead]! & 0xc0) === 0x80) lead--;
  if (lead < 0) return end;
  const byte = bytes[lead]!;
  const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
  return end - lead < needed ? lead : end;
}

export function decodeTextFile(bytes: Buffer): DecodedText {
  const bomKind = bomEncoding(bytes);
  const encoding: TextEncoding = bomKind ?? 'utf8';
  const raw = bytes.subarray(bomLength(bomKind)).toString(encoding);
  return {
    text: normalizeLineEndings(raw),
    format: { encoding, bom: bomKind !== undefined, lineEnding: detectLineEnding(raw) },
  };
}

export function encodeTextFile(text: string, format: TextFormat): Buffer {
  let body = normalizeLineEndings(text);
  // The model may echo the BOM it saw; writing it twice would corrupt the file.
  if (format.bom && body.startsWith('\uFEFF')) body = body.slice(1);
  if (format.lineEnding === '\r\n') body = body.replace(/\n/g, '\r\n');
  const encoded = Buffer.from(body, format.encoding);
  if (!format.bom) return encoded;
  const bom = Buffer.from(format.encoding === 'utf8' ? UTF8_BOM : UTF16LE_BOM);
  return Buffer.concat([bom, encoded]);
}
