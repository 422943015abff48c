// Text extraction from PDFs with pdf.js (legacy build, which runs on Node), for models that cannot
// read PDF documents. pdf.js is bundled and loaded on first use; its "worker" runs on the main
// thread (globalThis.pdfjsWorker), so no worker file has to be found next to the bundle.
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/**
 * Loads pdf.js quietly. Its Node set-up tries an optional canvas package and warns on the console
 * when it is missing; we only extract text, which needs no canvas. A stand-in DOMMatrix satisfies
 * the one matrix pdf.js builds while loading (used for rendering only).
 */
async function loadPdfJs(): Promise<PdfJs> {
  const globals = globalThis as { DOMMatrix?: unknown; pdfjsWorker?: unknown };
  globals.DOMMatrix ??= class DOMMatrix {};
  const warn = console.warn;
  console.warn = () => {};
  try {
    globals.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    return await import('pdfjs-dist/legacy/build/pdf.mjs');
  } finally {
    console.warn = warn;
  }
}

export type PdfTextOpen =
  | { ok: true; pageCount: number; pageText(page: number): Promise<string>; close(): Promise<void> }
  | { ok: false; message: string };

export async function openPdfText(bytes: Uint8Array): Promise<PdfTextOpen> {
  const pdfjs = await loadPdfJs();
  let document: PDFDocumentProxy;
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given, so it gets a copy.
    document = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      verbosity: 0,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
    }).promise;
  } catch (error) {
    const name = (error as { name?: string } | undefined)?.name;
    if (name === 'PasswordException') {
      return { ok: false, message: 'The PDF is password-protected. Decrypt a copy first (for example `qpdf --password=… --decrypt in.pdf out.pdf` through Bash) and Read that.' };
    }
    return { ok: false, message: `The PDF could not be parsed (${error instanceof Error ? error.message : String(error)}). It may be damaged.` };
  }
  return {
    ok: true,
    pageCount: document.numPages,
    async pageText(pageNumber) {
      const page = await document.getPage(pageNumber);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      page.cleanup();
      return tidyPageText(text);
    },
    close: () => document.destroy(),
  };
}

/** Trailing spaces off every line, runs of blank lines down to one, no blank edges. */
export function tidyPageText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
