// What a response's bytes are, and how they become text for the model: HTML is converted to
// Markdown, other text (Markdown, plain, JSON, XML, CSS, scripts) is passed through, and anything
// else is refused before its body is read.
import { htmlToMarkdown } from './htmlToMarkdown.js';

export type ContentKind = 'html' | 'text' | 'binary' | 'unknown';

const TEXT_APPLICATION_TYPES = new Set([
  'application/json', 'application/ld+json', 'application/xml', 'application/javascript', 'application/ecmascript',
  'application/x-javascript', 'application/typescript', 'application/x-sh', 'application/x-yaml', 'application/yaml',
  'application/toml', 'application/x-ndjson', 'application/graphql', 'application/sql', 'application/x-httpd-php',
]);

export function mediaTypeOf(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase();
}

export function contentKind(contentType: string): ContentKind {
  const type = mediaTypeOf(contentType);
  if (type === '') return 'unknown';
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type.startsWith('text/') || TEXT_APPLICATION_TYPES.has(type) || type.endsWith('+json') || type.endsWith('+xml')) return 'text';
  return 'binary';
}

/** An unlabelled body is text when it has no NUL bytes and decodes as UTF-8. */
export function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, lastCompleteCharacter(sample)));
    return true;
  } catch {
    return false;
  }
}

/** The sample may end inside a multi-byte character; cut before it. */
function lastCompleteCharacter(sample: Uint8Array): number {
  let end = sample.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = sample[end - back]!;
    if ((byte & 0xc0) === 0xc0) return end - back;
    if ((byte & 0x80) === 0) break;
  }
  return end;
}

export function decodeText(bytes: Uint8Array, contentType: string): string {
  const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    // An unknown charset label: UTF-8 is the best guess on today's web.
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** The body as the text the model reads: Markdown for HTML pages, the text itself otherwise. */
export async function pageText(bytes: Uint8Array, contentType: string, url: string): Promise<string> {
  const text = decodeText(bytes, contentType);
  const kind = contentKind(contentType);
  if (kind === 'html' || (kind === 'unknown' && /^\s*(<!doctype html|<html[\s>])/i.test(text))) return htmlToMarkdown(text, url);
  return text;
}
