import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { PDFDocument, PDFHexString, StandardFonts } from 'pdf-lib';
import type { DocumentBlock } from '../../src/model/types.js';
import { describePages, selectPdfPages } from '../../src/tools/pdfPages.js';
import { openPdfText } from '../../src/tools/pdfText.js';
import { readTool } from '../../src/tools/readTool.js';
import type { ToolResult } from '../../src/tools/types.js';
import { makeContext, makeTempDir, removeTempDirs, textOf } from './toolTestContext.js';

after(removeTempDirs);

/** A PDF whose page n reads "Page n of <count>" (or has no text at all). */
async function makePdf(pageCount: number, options: { text?: boolean; encrypted?: boolean } = {}): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let page = 1; page <= pageCount; page++) {
    const pdfPage = doc.addPage([300, 200]);
    if (options.text ?? true) {
      pdfPage.drawText(`Page ${page} of ${pageCount}`, { x: 20, y: 150, size: 14, font });
      pdfPage.drawText('second line', { x: 20, y: 120, size: 14, font });
    } else {
      pdfPage.drawRectangle({ x: 20, y: 20, width: 100, height: 100 });
    }
  }
  if (options.encrypted) {
    // A standard security handler whose user password is not empty: readers cannot open it.
    const encrypt = doc.context.obj({ Filter: 'Standard', V: 1, R: 2, O: PDFHexString.of('ab'.repeat(32)), U: PDFHexString.of('cd'.repeat(32)), P: -4 });
    doc.context.trailerInfo.Encrypt = doc.context.register(encrypt);
    doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of('00'.repeat(16)), PDFHexString.of('00'.repeat(16))]);
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

function pdfFile(name: string, bytes: Buffer, documentBlocks: boolean) {
  const dir = makeTempDir();
  writeFileSync(join(dir, name), bytes);
  const ctx = makeContext(dir, { modelFeatures: { provider: documentBlocks ? 'anthropic' : 'openai', documentBlocks } });
  return { path: join(dir, name), ctx };
}

function documentOf(result: ToolResult): Buffer {
  assert.ok(Array.isArray(result.content), textOf(result));
  const block = result.content.find((part): part is DocumentBlock => part.type === 'document');
  assert.ok(block, 'a document block');
  assert.equal(block.source.media_type, 'application/pdf');
  return Buffer.from(block.source.data, 'base64');
}

async function textOfPdf(bytes: Uint8Array): Promise<string[]> {
  const opened = await openPdfText(bytes);
  assert.ok(opened.ok);
  const pages: string[] = [];
  for (let page = 1; page <= opened.pageCount; page++) pages.push(await opened.pageText(page));
  await opened.close();
  return pages;
}

describe('selectPdfPages', () => {
  it('accepts single pages, ranges, lists and open ranges, sorted and without repeats', () => {
    assert.deepEqual(selectPdfPages('3', 12), { ok: true, pages: [3] });
    assert.deepEqual(selectPdfPages('1-5', 12), { ok: true, pages: [1, 2, 3, 4, 5] });
    assert.deepEqual(selectPdfPages(' 2 , 4 - 6 ', 12), { ok: true, pages: [2, 4, 5, 6] });
    assert.deepEqual(selectPdfPages('10-', 12), { ok: true, pages: [10, 11, 12] });
    assert.deepEqual(selectPdfPages('5,1-2,2', 12), { ok: true, pages: [1, 2, 5] });
  });

  it('selects every page of a short PDF when no pages are given', () => {
    assert.deepEqual(selectPdfPages(undefined, 3), { ok: true, pages: [1, 2, 3] });
    assert.deepEqual(selectPdfPages('', 10), { ok: true, pages: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
  });

  it('requires pages for a PDF over 10 pages and names its page count', () => {
    const selection = selectPdfPages(undefined, 11);
    assert.equal(selection.ok, false);
    assert.match(selection.ok ? '' : selection.message, /has 11 pages.*pages: "1-20"/);
  });

  it('refuses malformed, backwards, out-of-range and oversized selections', () => {
    const message = (spec: string, count = 30) => {
      const selection = selectPdfPages(spec, count);
      return selection.ok ? '' : selection.message;
    };
    assert.match(message('abc'), /Invalid pages "abc"/);
    assert.match(message('0'), /pages start at 1/);
    assert.match(message('5-3'), /must not run backwards/);
    assert.match(message('14', 12), /Page 14 does not exist: this PDF has 12 pages/);
    assert.match(message('1-21'), /At most 20 pages/);
    assert.match(message('1-10,12-22'), /At most 20 pages/);
    assert.equal(selectPdfPages('1-20', 30).ok, true);
  });

  it('describes page lists compactly', () => {
    assert.equal(describePages([1, 2, 3, 7, 9, 10]), '1-3, 7, 9-10');
  });
});

describe('Read of PDFs for models that read documents', () => {
  it('sends a short PDF whole as a document block and records the read', async () => {
    const bytes = await makePdf(3);
    const { path, ctx } = pdfFile('short.pdf', bytes, true);
    const result = await readTool.run({ file_path: path }, ctx);
    assert.equal(result.isError, undefined, textOf(result));
    assert.deepEqual(documentOf(result), bytes);
    assert.match(textOf(result), /pages 1-3 of 3/);
    assert.deepEqual(result.data, { type: 'pdf', filePath: path, pageCount: 3, pages: [1, 2, 3], sentAs: 'document' });
    assert.ok(ctx.readLedger.has(path));
  });

  it('sends only the requested pages', async () => {
    const { path, ctx } = pdfFile('long.pdf', await makePdf(12), true);
    const result = await readTool.run({ file_path: path, pages: '2,11-12' }, ctx);
    const document = documentOf(result);
    assert.deepEqual(
      (await textOfPdf(document)).map((text) => text.split('\n')[0]),
      ['Page 2 of 12', 'Page 11 of 12', 'Page 12 of 12'],
    );
    assert.match(textOf(result), /pages 2, 11-12 of 12/);
  });

  it('asks for pages when the PDF has more than 10', async () => {
    const { path, ctx } = pdfFile('long.pdf', await makePdf(12), true);
    const result = await readTool.run({ file_path: path }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /This PDF has 12 pages/);
    assert.equal(ctx.readLedger.has(path), false);
  });

  it('refuses more than 20 pages at once', async () => {
    const { path, ctx } = pdfFile('long.pdf', await makePdf(25), true);
    const result = await readTool.run({ file_path: path, pages: '1-25' }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /At most 20 pages/);
  });

  it('recognises a PDF by its first bytes, whatever its name', async () => {
    const { path, ctx } = pdfFile('report.dat', await makePdf(1), true);
    const result = await readTool.run({ file_path: path }, ctx);
    assert.equal(documentOf(result).subarray(0, 5).toString(), '%PDF-');
  });

  it('explains an encrypted PDF', async () => {
    const { path, ctx } = pdfFile('locked.pdf', await makePdf(1, { encrypted: true }), true);
    const result = await readTool.run({ file_path: path }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /encrypted.*qpdf --decrypt/);
  });

  it('reports a damaged PDF', async () => {
    const { path, ctx } = pdfFile('broken.pdf', Buffer.from('%PDF-1.7\nthis is not really a PDF\n'), true);
    const result = await readTool.run({ file_path: path }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /could not be parsed.*damaged/);
  });
});

describe('Read of PDFs for models that take text only', () => {
  it('returns the text of each page under a page header', async () => {
    const { path, ctx } = pdfFile('short.pdf', await makePdf(3), false);
    const result = await readTool.run({ file_path: path }, ctx);
    assert.equal(result.isError, undefined, textOf(result));
    assert.equal(typeof result.content, 'string');
    const text = textOf(result);
    assert.match(text, /^PDF .*short\.pdf: text of pages 1-3 of 3/);
    assert.ok(text.includes('--- Page 1 ---\nPage 1 of 3\nsecond line\n\n--- Page 2 ---\nPage 2 of 3\nsecond line'), text);
    assert.deepEqual(result.data, { type: 'pdf', filePath: path, pageCount: 3, pages: [1, 2, 3], sentAs: 'text' });
    assert.ok(ctx.readLedger.has(path));
  });

  it('extracts only the requested pages and applies the same page rules', async () => {
    const { path, ctx } = pdfFile('long.pdf', await makePdf(14), false);
    const text = textOf(await readTool.run({ file_path: path, pages: '13-14' }, ctx));
    assert.match(text, /--- Page 13 ---\nPage 13 of 14/);
    assert.match(text, /--- Page 14 ---\nPage 14 of 14/);
    assert.doesNotMatch(text, /Page 12/);
    const whole = await readTool.run({ file_path: path }, ctx);
    assert.equal(whole.isError, true);
    assert.match(textOf(whole), /This PDF has 14 pages/);
  });

  it('says so when the pages have no text layer', async () => {
    const { path, ctx } = pdfFile('scan.pdf', await makePdf(2, { text: false }), false);
    const result = await readTool.run({ file_path: path }, ctx);
    assert.equal(result.isError, undefined);
    assert.match(textOf(result), /has no text layer.*scanned.*pdftoppm/);
  });

  it('explains a password-protected PDF', async () => {
    const { path, ctx } = pdfFile('locked.pdf', await makePdf(1, { encrypted: true }), false);
    const result = await readTool.run({ file_path: path }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /password-protected/);
  });

  it('reports a damaged PDF', async () => {
    const { path, ctx } = pdfFile('broken.pdf', Buffer.from('%PDF-1.7\nthis is not really a PDF\n'), false);
    const result = await readTool.run({ file_path: path }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /could not be parsed/);
  });
});
