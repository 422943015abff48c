// PDF page extraction with pdf-lib, for models that read PDFs natively (document blocks): only the
// requested pages are sent. pdf-lib is loaded on first use.

export type PdfDocumentOpen =
  | { ok: true; pageCount: number; extract(pages: readonly number[]): Promise<Uint8Array> }
  | { ok: false; message: string };

type PdfLib = typeof import('pdf-lib');

async function loadPdfLib(): Promise<PdfLib> {
  const module = await import('pdf-lib');
  // The bundle holds pdf-lib's CommonJS build, whose exports arrive as the default export.
  return (module as PdfLib & { default?: PdfLib }).default ?? module;
}

export async function openPdfDocument(bytes: Uint8Array): Promise<PdfDocumentOpen> {
  const { PDFDocument } = await loadPdfLib();
  let source: import('pdf-lib').PDFDocument;
  let pageCount: number;
  try {
    // Encrypted files load (to be reported below) instead of throwing a generic parse error.
    source = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
    // pdf-lib parses leniently; a damaged file fails here, when its page tree is walked.
    pageCount = source.getPageCount();
  } catch (error) {
    return { ok: false, message: `The PDF could not be parsed (${error instanceof Error ? error.message : String(error)}). It may be damaged.` };
  }
  if (source.isEncrypted) {
    return {
      ok: false,
      message: 'The PDF is encrypted, so its pages cannot be extracted. Decrypt a copy first (for example `qpdf --decrypt in.pdf out.pdf` through Bash) and Read that.',
    };
  }
  return {
    ok: true,
    pageCount,
    async extract(pages) {
      const all = pages.length === pageCount && pages.every((page, index) => page === index + 1);
      if (all) return bytes;
      const target = await PDFDocument.create();
      const copied = await target.copyPages(source, pages.map((page) => page - 1));
      for (const page of copied) target.addPage(page);
      return target.save();
    },
  };
}
