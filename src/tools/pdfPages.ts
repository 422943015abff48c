// The `pages` argument of Read for PDFs: "3", "1-5", "2,4-6", "10-" (to the end), 1-based.

/** A PDF longer than this must be read in parts, with `pages`. */
export const PDF_PAGES_WITHOUT_SELECTION = 10;
/** The most pages one Read returns. */
export const MAX_PDF_PAGES_PER_READ = 20;

export type PageSelection = { ok: true; pages: number[] } | { ok: false; message: string };

const RANGE = /^(\d+)\s*(?:-\s*(\d*))?$/;

export function selectPdfPages(spec: string | undefined, pageCount: number): PageSelection {
  const plural = pageCount === 1 ? 'page' : 'pages';
  if (spec === undefined || spec.trim() === '') {
    if (pageCount > PDF_PAGES_WITHOUT_SELECTION) {
      return {
        ok: false,
        message:
          `This PDF has ${pageCount} pages, too many to read at once. Pass pages to read up to ${MAX_PDF_PAGES_PER_READ} ` +
          `at a time, e.g. pages: "1-${MAX_PDF_PAGES_PER_READ}".`,
      };
    }
    return { ok: true, pages: Array.from({ length: pageCount }, (_, index) => index + 1) };
  }

  const pages = new Set<number>();
  for (const part of spec.split(',')) {
    const match = RANGE.exec(part.trim());
    if (!match) {
      return { ok: false, message: `Invalid pages "${spec}": use page numbers and ranges like "3", "1-5" or "2,4-6".` };
    }
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : match[2] === '' ? pageCount : Number(match[2]);
    if (first < 1 || last < first) {
      return { ok: false, message: `Invalid page range "${part.trim()}": pages start at 1 and a range must not run backwards.` };
    }
    if (last > pageCount) {
      return { ok: false, message: `Page ${last} does not exist: this PDF has ${pageCount} ${plural}.` };
    }
    for (let page = first; page <= last && pages.size <= MAX_PDF_PAGES_PER_READ; page++) pages.add(page);
    if (pages.size > MAX_PDF_PAGES_PER_READ) {
      return { ok: false, message: `At most ${MAX_PDF_PAGES_PER_READ} pages can be read at a time ("${spec}" asks for more); split the request.` };
    }
  }
  return { ok: true, pages: [...pages].sort((a, b) => a - b) };
}

/** "1-3, 7" from [1, 2, 3, 7]. */
export function describePages(pages: readonly number[]): string {
  const ranges: string[] = [];
  for (let index = 0; index < pages.length; ) {
    let end = index;
    while (end + 1 < pages.length && pages[end + 1] === pages[end]! + 1) end++;
    ranges.push(end === index ? String(pages[index]) : `${pages[index]}-${pages[end]}`);
    index = end + 1;
  }
  return ranges.join(', ');
}
