// The Jupyter notebook (.ipynb, nbformat 4) document: parsing, finding cells, and writing it back
// the way Jupyter does (JSON indented by one space, sorted keys, a final newline), keeping whatever
// layout the file already had so an edit does not reformat the whole notebook.
import { randomBytes } from 'node:crypto';

export type CellType = 'code' | 'markdown' | 'raw';

export interface NotebookOutput {
  output_type: string;
  [key: string]: unknown;
}

export interface NotebookCell {
  cell_type: CellType | string;
  id?: string;
  source: string | string[];
  metadata?: Record<string, unknown>;
  outputs?: NotebookOutput[];
  execution_count?: number | null;
  [key: string]: unknown;
}

export interface Notebook {
  cells: NotebookCell[];
  metadata?: Record<string, unknown>;
  nbformat?: number;
  nbformat_minor?: number;
  [key: string]: unknown;
}

export interface NotebookLayout {
  /** The JSON indentation, or undefined for a file written on one line. */
  indent: string | undefined;
  trailingNewline: boolean;
}

export type ParsedNotebook = { ok: true; notebook: Notebook; layout: NotebookLayout } | { ok: false; message: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses LF text (as decoded by textFileCodec) into a notebook, checking the shape we rely on. */
export function parseNotebook(text: string): ParsedNotebook {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `it is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!isObject(value) || !Array.isArray(value.cells)) return { ok: false, message: 'it has no "cells" list' };
  for (const [index, cell] of value.cells.entries()) {
    if (!isObject(cell) || typeof cell.cell_type !== 'string') return { ok: false, message: `cell ${index} has no cell_type` };
    if (typeof cell.source !== 'string' && !Array.isArray(cell.source)) return { ok: false, message: `cell ${index} has no source` };
    const outputs = cell.outputs;
    if (outputs !== undefined && (!Array.isArray(outputs) || !outputs.every((output) => isObject(output) && typeof output.output_type === 'string'))) {
      return { ok: false, message: `cell ${index} has malformed outputs` };
    }
  }
  const indent = /^\{\n([ \t]+)"/.exec(text)?.[1];
  return { ok: true, notebook: value as Notebook, layout: { indent, trailingNewline: text.endsWith('\n') } };
}

export function serializeNotebook(notebook: Notebook, layout: NotebookLayout): string {
  return JSON.stringify(notebook, null, layout.indent) + (layout.trailingNewline ? '\n' : '');
}

/** Multiline strings in notebooks may be stored as one string or as a list of lines. */
export function joinedText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((part) => (typeof part === 'string' ? part : '')).join('');
  return '';
}

/** Jupyter's on-disk form: one string per line, each keeping its newline except the last. */
export function toSourceLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n').map((line) => `${line}\n`);
  const last = lines.length - 1;
  lines[last] = lines[last]!.slice(0, -1);
  if (lines[last] === '') lines.pop();
  return lines;
}

/** Cells of nbformat 4.5 and later have ids; older ones are addressed as `cell-<index>`. */
export function hasCellIds(notebook: Notebook): boolean {
  const major = notebook.nbformat ?? 4;
  return major > 4 || (major === 4 && (notebook.nbformat_minor ?? 0) >= 5);
}

export function cellIdOf(notebook: Notebook, index: number): string {
  const id = notebook.cells[index]?.id;
  return typeof id === 'string' && id !== '' ? id : `cell-${index}`;
}

export type CellLookup = { ok: true; index: number } | { ok: false; message: string };

/**
 * Finds a cell by its id; `cell-<n>` (0-based) names a cell by position when no cell has that id.
 * `allowEnd` accepts `cell-<length>`, the position just past the last cell.
 */
export function findCell(notebook: Notebook, cellId: string, options: { allowEnd?: boolean } = {}): CellLookup {
  const byId = notebook.cells.findIndex((cell) => cell.id === cellId);
  if (byId !== -1) return { ok: true, index: byId };
  const positional = /^cell-(\d+)$/.exec(cellId);
  if (positional) {
    const index = Number(positional[1]);
    const limit = options.allowEnd ? notebook.cells.length : notebook.cells.length - 1;
    if (index <= limit) return { ok: true, index };
    return { ok: false, message: `Cell ${cellId} does not exist: the notebook has ${notebook.cells.length} cells (cell-0 to cell-${notebook.cells.length - 1}).` };
  }
  const known = notebook.cells.slice(0, 20).map((_, index) => cellIdOf(notebook, index));
  const more = notebook.cells.length > known.length ? ', …' : '';
  return { ok: false, message: `Cell "${cellId}" was not found. Cell ids in this notebook: ${known.join(', ')}${more}.` };
}

/** A fresh id in Jupyter's style (8 hex digits), unique in the notebook. */
export function newCellId(notebook: Notebook): string {
  const taken = new Set(notebook.cells.map((cell) => cell.id));
  for (;;) {
    const id = randomBytes(4).toString('hex');
    if (!taken.has(id)) return id;
  }
}

/** Whether an object's keys are in sorted order, as Jupyter writes them. */
export function hasSortedKeys(value: object): boolean {
  const keys = Object.keys(value);
  return keys.every((key, index) => index === 0 || keys[index - 1]! <= key);
}

export function sortKeys<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) as T;
}
