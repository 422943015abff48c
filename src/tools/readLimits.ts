// How much one Read returns, shared by its text, PDF and notebook views.

export const DEFAULT_READ_LINE_LIMIT = 2000;
export const MAX_READ_LINE_LENGTH = 2000;
/** Roughly 25k tokens: a whole page of long lines must not flood the context. */
export const MAX_READ_OUTPUT_CHARS = 100_000;
/**
 * Images, PDFs and notebooks are loaded whole, so they have a ceiling; text files of any size are
 * streamed instead.
 */
export const MAX_WHOLE_READ_BYTES = 100 * 1024 * 1024;
/** Document blocks above this would crowd the API's 32 MB request limit. */
export const MAX_PDF_DOCUMENT_BYTES = 20 * 1024 * 1024;

export const formatMegabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
