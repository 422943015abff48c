import { isUtf8 } from 'node:buffer';
import { extname } from 'node:path';
import { z } from 'zod';
import { loadFileForChange, writeFileBytes } from './editableFile.js';
import {
  cellIdOf,
  findCell,
  hasCellIds,
  hasSortedKeys,
  newCellId,
  parseNotebook,
  serializeNotebook,
  sortKeys,
  toSourceLines,
  type Notebook,
  type NotebookCell,
} from './notebookFormat.js';
import { missingFileHint } from './similarPaths.js';
import { bomLength, encodeTextFile } from './textFileCodec.js';
import { abortedResult, errorResult, resolveToolPath } from './toolPath.js';
import type { Tool, ToolContext, ToolResult } from './types.js';

const inputSchema = z.object({
  notebook_path: z.string().describe('Absolute path of the Jupyter notebook (.ipynb) to edit'),
  cell_id: z
    .string()
    .optional()
    .describe('Id of the cell to edit, as Read shows it. For insert, the new cell goes after this cell, or first when omitted'),
  new_source: z.string().describe('The new source of the cell (ignored for delete)'),
  cell_type: z
    .enum(['code', 'markdown'])
    .optional()
    .describe('Type of the cell; required for insert. For replace, defaults to the current type'),
  edit_mode: z.enum(['replace', 'insert', 'delete']).optional().describe('replace (the default), insert or delete'),
});

type NotebookEditInput = z.infer<typeof inputSchema>;
type CellKind = 'code' | 'markdown';

export interface NotebookEditData {
  notebookPath: string;
  editMode: 'replace' | 'insert' | 'delete';
  cellId: string;
  cellType: string;
  cellCount: number;
}

const description = `Replaces, inserts or deletes one cell of a Jupyter notebook (.ipynb).

- Read the notebook first; it must not have changed since. Cell ids are the id="…" Read shows (cells without ids are cell-0, cell-1, … by position).
- replace (default) sets a cell's source; pass cell_type to change its type. A replaced code cell loses its outputs and execution count.
- insert adds a cell after cell_id, or first when cell_id is omitted; cell_type is required.
- delete removes the cell; new_source is ignored.
- Use this rather than Edit or Write for notebooks: the rest of the file keeps its formatting.`;

/** The cell's source in the same shape (string or list of lines) as the cell it replaces. */
function sourceLike(previous: NotebookCell['source'] | undefined, text: string): NotebookCell['source'] {
  return typeof previous === 'string' ? text : toSourceLines(text);
}

/** A cell with new content and type; code cells start without outputs, as if never run. */
function withContent(cell: NotebookCell, type: string, source: NotebookCell['source']): NotebookCell {
  const next: NotebookCell = { ...cell, cell_type: type, source };
  if (type === 'code') {
    next.execution_count = null;
    next.outputs = [];
  } else {
    delete next.execution_count;
    delete next.outputs;
  }
  return hasSortedKeys(cell) ? sortKeys(next) : next;
}

function newCell(notebook: Notebook, type: CellKind, text: string): NotebookCell {
  const cell: NotebookCell = {
    cell_type: type,
    ...(hasCellIds(notebook) ? { id: newCellId(notebook) } : {}),
    metadata: {},
    source: toSourceLines(text),
    ...(type === 'code' ? { execution_count: null, outputs: [] } : {}),
  };
  // Jupyter writes keys sorted.
  return sortKeys(cell);
}

type Edit = { ok: true; message: string; data: Omit<NotebookEditData, 'notebookPath' | 'cellCount'> } | { ok: false; message: string };

function applyEdit(notebook: Notebook, input: NotebookEditInput, notebookPath: string): Edit {
  let mode = input.edit_mode ?? 'replace';
  let cellType: CellKind | undefined = input.cell_type;
  const cells = notebook.cells;

  if (mode === 'insert') {
    if (cellType === undefined) return { ok: false, message: 'cell_type (code or markdown) is required to insert a cell.' };
    let index = 0;
    if (input.cell_id !== undefined) {
      const found = findCell(notebook, input.cell_id);
      if (!found.ok) return found;
      index = found.index + 1;
    }
    cells.splice(index, 0, newCell(notebook, cellType, input.new_source));
    const id = cellIdOf(notebook, index);
    const where = input.cell_id === undefined ? 'at the start' : `after cell ${input.cell_id}`;
    return { ok: true, message: `Inserted ${cellType} cell ${id} ${where} of ${notebookPath}.`, data: { editMode: mode, cellId: id, cellType } };
  }

  if (input.cell_id === undefined) {
    return { ok: false, message: `cell_id is required to ${mode} a cell. Read the notebook to see the cell ids.` };
  }
  const found = findCell(notebook, input.cell_id, { allowEnd: mode === 'replace' });
  if (!found.ok) return found;
  const index = found.index;

  // Replacing the cell just past the end (cell-<count>) appends, as Claude Code does.
  if (index === cells.length) {
    cellType ??= 'code';
    cells.push(newCell(notebook, cellType, input.new_source));
    mode = 'insert';
    const id = cellIdOf(notebook, index);
    return { ok: true, message: `Appended ${cellType} cell ${id} to ${notebookPath}.`, data: { editMode: mode, cellId: id, cellType } };
  }

  const cell = cells[index]!;
  const id = cellIdOf(notebook, index);
  if (mode === 'delete') {
    cells.splice(index, 1);
    const remaining = `${cells.length} cell${cells.length === 1 ? '' : 's'} remain`;
    return { ok: true, message: `Deleted cell ${id} from ${notebookPath} (${remaining}).`, data: { editMode: mode, cellId: id, cellType: String(cell.cell_type) } };
  }

  const type = cellType ?? String(cell.cell_type);
  const hadOutputs = (cell.outputs?.length ?? 0) > 0;
  cells[index] = withContent(cell, type, sourceLike(cell.source, input.new_source));
  const cleared = type === 'code' && hadOutputs ? ' Its outputs were cleared; run the cell to produce new ones.' : '';
  const retyped = type !== cell.cell_type ? ` (now a ${type} cell)` : '';
  return { ok: true, message: `Updated cell ${id}${retyped} of ${notebookPath}.${cleared}`, data: { editMode: mode, cellId: id, cellType: type } };
}

async function runNotebookEdit(input: NotebookEditInput, ctx: ToolContext): Promise<ToolResult> {
  if (ctx.signal.aborted) return abortedResult();
  const notebookPath = resolveToolPath(input.notebook_path, ctx);
  if (extname(notebookPath).toLowerCase() !== '.ipynb') {
    return errorResult(`${notebookPath} is not a Jupyter notebook (.ipynb). Use Edit for other files.`);
  }
  const loaded = await loadFileForChange(notebookPath, ctx, 'edit');
  if (!loaded.ok) return loaded.result;
  const file = loaded.file;
  if (!file.exists) {
    return errorResult(`Notebook does not exist: ${notebookPath}.${await missingFileHint(notebookPath)} To create a notebook, Write its JSON.`);
  }
  // Rewriting the JSON would turn such bytes into U+FFFD everywhere in the file.
  if (file.format.encoding === 'utf8' && !isUtf8(file.bytes.subarray(bomLength(file.format.bom ? 'utf8' : undefined)))) {
    return errorResult(`${notebookPath} holds bytes that are not valid UTF-8, which rewriting the notebook would lose. Repair the file through Bash first.`);
  }
  const parsed = parseNotebook(file.text);
  if (!parsed.ok) {
    return errorResult(`${notebookPath} is not a valid Jupyter notebook (${parsed.message}). Fix its JSON with Edit or Write.`);
  }

  const edit = applyEdit(parsed.notebook, input, notebookPath);
  if (!edit.ok) return errorResult(edit.message);
  if (ctx.signal.aborted) return abortedResult();
  const writeError = await writeFileBytes(notebookPath, encodeTextFile(serializeNotebook(parsed.notebook, parsed.layout), file.format), ctx);
  if (writeError) return writeError;
  const data: NotebookEditData = { notebookPath, cellCount: parsed.notebook.cells.length, ...edit.data };
  return { content: edit.message, data };
}

export const notebookEditTool: Tool<typeof inputSchema> = {
  name: 'NotebookEdit',
  description,
  inputSchema,
  isReadOnly: () => false,
  run: runNotebookEdit,
};
