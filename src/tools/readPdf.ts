// Read's view of a PDF: the requested pages as a document block for models that read PDFs,
// otherwise their extracted text with page headers.
import { basename } from 'node:path';
import { openPdfDocument } from './pdfDocument.js';
import { describePages, selectPdfPages } from './pdfPages.js';
import { openPdfText } from './pdfText.js';
import { MAX_PDF_DOCUMENT_BYTES, MAX_READ_OUTPUT_CHARS, formatMegabytes } from './readLimits.js';
import { abortedResult, errorResult } from './toolPath.js';
import type { ModelFeatures, ToolResult } from './types.js';

export interface PdfReadData {
  type: 'pdf';
  filePath: string;
  pageCount: number;
  pages: number[];
  /** How the pages reached the model. */
  sentAs: 'document' | 'text';
}

export function isPdf(head: Uint8Array): boolean {
  return Buffer.from(head.subarray(0, 5)).toString('latin1') === '%PDF-';
}

export async function readPdf(
  filePath: string,
  bytes: Buffer,
  pagesSpec: string | undefined,
  features: ModelFeatures,
  signal: AbortSignal,
): Promise<ToolResult> {
  return features.documentBlocks
    ? readPdfAsDocument(filePath, bytes, pagesSpec)
    : readPdfAsText(filePath, bytes, pagesSpec, signal);
}

async function readPdfAsDocument(filePath: string, bytes: Buffer, pagesSpec: string | undefined): Promise<ToolResult> {
  const opened = await openPdfDocument(bytes);
  if (!opened.ok) return errorResult(opened.message);
  const selection = selectPdfPages(pagesSpec, opened.pageCount);
  if (!selection.ok) return errorResult(selection.message, { filePath, pageCount: opened.pageCount });
  let extracted: Uint8Array;
  try {
    extracted = await opened.extract(selection.pages);
  } catch (error) {
    return errorResult(`Pages ${describePages(selection.pages)} could not be extracted from the PDF (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (extracted.length > MAX_PDF_DOCUMENT_BYTES) {
    return errorResult(
      `Pages ${describePages(selection.pages)} of this PDF take ${formatMegabytes(extracted.length)}, more than the ` +
        `${formatMegabytes(MAX_PDF_DOCUMENT_BYTES)} one Read may send. Read fewer pages at a time.`,
    );
  }
  const data: PdfReadData = { type: 'pdf', filePath, pageCount: opened.pageCount, pages: selection.pages, sentAs: 'document' };
  return {
    content: [
      {
        type: 'document',
        source: { type: 'base64', media_type: 'application/pdf', data: Buffer.from(extracted).toString('base64') },
        title: basename(filePath),
      },
      { type: 'text', text: `PDF ${filePath}: pages ${describePages(selection.pages)} of ${opened.pageCount}.` },
    ],
    data,
  };
}

async function readPdfAsText(filePath: string, bytes: Buffer, pagesSpec: string | undefined, signal: AbortSignal): Promise<ToolResult> {
  const opened = await openPdfText(bytes);
  if (!opened.ok) return errorResult(opened.message);
  try {
    const selection = selectPdfPages(pagesSpec, opened.pageCount);
    if (!selection.ok) return errorResult(selection.message, { filePath, pageCount: opened.pageCount });
    const sections: string[] = [];
    let emptyPages = 0;
    for (const page of selection.pages) {
      if (signal.aborted) return abortedResult();
      const text = await opened.pageText(page).catch((error: unknown) => `(the text of this page could not be extracted: ${error instanceof Error ? error.message : String(error)})`);
      if (text === '') emptyPages++;
      sections.push(`--- Page ${page} ---\n${text === '' ? '(no text on this page)' : text}`);
    }
    const range = `pages ${describePages(selection.pages)} of ${opened.pageCount}`;
    const data: PdfReadData = { type: 'pdf', filePath, pageCount: opened.pageCount, pages: selection.pages, sentAs: 'text' };
    if (emptyPages === selection.pages.length) {
      return {
        content:
          `PDF ${filePath} (${range}) has no text layer: the pages are probably scanned images, and this model receives PDFs ` +
          'as extracted text only. If poppler-utils is installed, render a page to PNG through Bash ' +
          '(`pdftoppm -png -r 100 -f 1 -l 1 file.pdf /tmp/page`) and Read the image.',
        data,
      };
    }
    const header = `PDF ${filePath}: text of ${range} (extracted text; layout and images are not included).`;
    let body = sections.join('\n\n');
    if (body.length > MAX_READ_OUTPUT_CHARS) {
      body = `${body.slice(0, MAX_READ_OUTPUT_CHARS)}\n\n[Text cut at ${MAX_READ_OUTPUT_CHARS} characters. Read fewer pages at a time to see the rest.]`;
    }
    return { content: `${header}\n\n${body}`, data };
  } finally {
    await opened.close();
  }
}
