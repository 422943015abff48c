// Read's view of a notebook: every cell with its id, type and execution count, its source, and its
// outputs as text (streams, results, errors with a trimmed traceback) or as images the model can see.
import type { ImageBlock, TextBlock } from '../model/types.js';
import { MAX_IMAGE_BYTES } from './imageFile.js';
import { cellIdOf, joinedText, type Notebook, type NotebookCell, type NotebookOutput } from './notebookFormat.js';
import { truncateMiddle } from './outputTruncation.js';

export interface NotebookRenderLimits {
  /** Characters of text for the whole view. */
  maxChars: number;
  /** Characters of one cell's source or of one output. */
  maxPartChars: number;
  maxImages: number;
  /** Decoded bytes of all images together. */
  maxImageBytes: number;
}

export const DEFAULT_NOTEBOOK_LIMITS: NotebookRenderLimits = {
  maxChars: 100_000,
  maxPartChars: 10_000,
  maxImages: 10,
  maxImageBytes: 10 * 1024 * 1024,
};

export interface RenderedNotebook {
  content: Array<TextBlock | ImageBlock>;
  /** Cells shown in full (all of them unless the text budget ran out). */
  cellsShown: number;
  truncated: boolean;
}

const ANSI_ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI_ESCAPES, '');
}

const IMAGE_TYPES = ['image/png', 'image/jpeg'] as const;
const TEXT_TYPES = ['text/plain', 'text/markdown', 'text/latex', 'text/html', 'application/json'] as const;

const attribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Appends text and images in order, merging consecutive text into one block. */
class BlockBuilder {
  readonly blocks: Array<TextBlock | ImageBlock> = [];
  private text = '';
  chars = 0;
  images = 0;
  imageBytes = 0;

  addText(text: string): void {
    this.text += text;
    this.chars += text.length;
  }

  addImage(mediaType: string, base64: string, decodedBytes: number): void {
    this.flush();
    this.blocks.push({ type: 'image', source: { type: 'base64', media_type: mediaType, data: base64 } });
    this.images++;
    this.imageBytes += decodedBytes;
  }

  flush(): void {
    if (this.text !== '') this.blocks.push({ type: 'text', text: this.text });
    this.text = '';
  }

  /** A builder for one more part, starting from this one's image budget. */
  child(): BlockBuilder {
    const child = new BlockBuilder();
    child.images = this.images;
    child.imageBytes = this.imageBytes;
    return child;
  }

  /** Takes over a child's blocks and counts. */
  adopt(child: BlockBuilder): void {
    child.flush();
    for (const block of child.blocks) {
      if (block.type === 'text') this.addText(block.text);
      else {
        this.flush();
        this.blocks.push(block);
      }
    }
    this.images = child.images;
    this.imageBytes = child.imageBytes;
  }
}

export function renderNotebook(notebook: Notebook, filePath: string, limits: NotebookRenderLimits = DEFAULT_NOTEBOOK_LIMITS): RenderedNotebook {
  const builder = new BlockBuilder();
  const cells = notebook.cells;
  builder.addText(`${notebookHeader(notebook, filePath)}\n`);
  let cellsShown = 0;
  for (const [index, cell] of cells.entries()) {
    const rendered = builder.child();
    rendered.addText(`\n${renderCellSource(cell, cellIdOf(notebook, index), limits)}`);
    const outputs = cell.outputs ?? [];
    for (const [outputIndex, output] of outputs.entries()) {
      if (rendered.chars > limits.maxChars) {
        rendered.addText(`[${outputs.length - outputIndex} more outputs of this cell omitted]\n`);
        break;
      }
      renderOutput(output, rendered, limits);
    }
    if (cellsShown > 0 && builder.chars + rendered.chars > limits.maxChars) break;
    builder.adopt(rendered);
    cellsShown++;
  }
  const truncated = cellsShown < cells.length;
  if (truncated) {
    builder.addText(
      `\n[Showing cells 1-${cellsShown} of ${cells.length}: the view is limited to ${limits.maxChars} characters. ` +
        `See the remaining cells through Bash, e.g. \`jq '.cells[${cellsShown}:]' '${filePath.replace(/'/g, "'\\''")}'\`, ` +
        'or Read with offset and limit for the raw JSON.]\n',
    );
  }
  builder.flush();
  return { content: builder.blocks, cellsShown, truncated };
}

function notebookHeader(notebook: Notebook, filePath: string): string {
  const metadata = notebook.metadata ?? {};
  const kernel = metadata.kernelspec as { language?: unknown; display_name?: unknown } | undefined;
  const languageInfo = metadata.language_info as { name?: unknown } | undefined;
  const language = [languageInfo?.name, kernel?.language, kernel?.display_name].find((value) => typeof value === 'string');
  const format = notebook.nbformat === undefined ? '' : `nbformat ${notebook.nbformat}.${notebook.nbformat_minor ?? 0}, `;
  const count = notebook.cells.length;
  return `Notebook ${filePath} (${format}${language ? `${String(language)}, ` : ''}${count} cell${count === 1 ? '' : 's'})`;
}

function renderCellSource(cell: NotebookCell, id: string, limits: NotebookRenderLimits): string {
  const count = cell.cell_type === 'code' ? ` execution_count="${cell.execution_count ?? ''}"` : '';
  const source = truncateMiddle(joinedText(cell.source), limits.maxPartChars);
  return `<cell id="${attribute(id)}" type="${attribute(String(cell.cell_type))}"${count}>\n${source}${source.endsWith('\n') || source === '' ? '' : '\n'}</cell>\n`;
}

function outputBlock(tag: string, body: string, limits: NotebookRenderLimits): string {
  const text = truncateMiddle(stripAnsi(body), limits.maxPartChars);
  return `<output ${tag}>\n${text}${text.endsWith('\n') || text === '' ? '' : '\n'}</output>\n`;
}

function renderOutput(output: NotebookOutput, builder: BlockBuilder, limits: NotebookRenderLimits): void {
  switch (output.output_type) {
    case 'stream':
      builder.addText(outputBlock(`type="stream" name="${attribute(String(output.name ?? 'stdout'))}"`, joinedText(output.text), limits));
      return;
    case 'execute_result':
    case 'display_data':
      renderMimeBundle(output, builder, limits);
      return;
    case 'error': {
      const traceback = Array.isArray(output.traceback) ? output.traceback.map(String).join('\n') : '';
      const tag = `type="error" ename="${attribute(String(output.ename ?? ''))}" evalue="${attribute(stripAnsi(String(output.evalue ?? '')))}"`;
      builder.addText(outputBlock(tag, traceback, limits));
      return;
    }
    default:
      builder.addText(`<output type="${attribute(String(output.output_type))}"/>\n`);
  }
}

function renderMimeBundle(output: NotebookOutput, builder: BlockBuilder, limits: NotebookRenderLimits): void {
  const data = (output.data ?? {}) as Record<string, unknown>;
  const type = `type="${output.output_type}"`;
  const imageType = IMAGE_TYPES.find((mime) => typeof data[mime] === 'string' || Array.isArray(data[mime]));
  if (imageType) {
    const base64 = joinedText(data[imageType]).replace(/\s+/g, '');
    const bytes = Math.floor((base64.length * 3) / 4);
    const fits =
      bytes <= MAX_IMAGE_BYTES && builder.images < limits.maxImages && builder.imageBytes + bytes <= limits.maxImageBytes;
    if (fits) {
      builder.addText(`<output ${type} mime="${imageType}">[image below]</output>\n`);
      builder.addImage(imageType, base64, bytes);
      return;
    }
    const why = bytes > MAX_IMAGE_BYTES ? 'too large to send' : 'over the image budget of one Read';
    builder.addText(`<output ${type} mime="${imageType}">[image of ${bytes} bytes omitted: ${why}]</output>\n`);
  }
  const textType = TEXT_TYPES.find((mime) => data[mime] !== undefined);
  if (textType) {
    const value = data[textType];
    const text = textType === 'application/json' && typeof value === 'object' && !Array.isArray(value) ? JSON.stringify(value, null, 1) : joinedText(value);
    builder.addText(outputBlock(`${type} mime="${textType}"`, text, limits));
  } else if (!imageType) {
    builder.addText(`<output ${type} mimes="${attribute(Object.keys(data).join(', '))}"/>\n`);
  }
}
