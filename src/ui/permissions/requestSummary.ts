/**
 * What the permission dialog shows about a call, as plain data: a title, the main text (the command,
 * path or URL — exactly what will run or change), a secondary line, and a preview (a diff, the start
 * of new content, or the input as JSON). Kept apart from the component so it can be read and tested
 * without a terminal.
 */
export interface PermissionRequestView {
  title: string;
  /** The command, path or URL; shown in full, wrapped. */
  subject?: string;
  /** A description or prompt given with the call, shown dimmed. */
  detail?: string;
  /** Lines shown below the subject; cut to a height by previewLines. */
  preview?: string;
}

const EDIT_TITLES: Readonly<Record<string, string>> = {
  Edit: 'Edit file',
  MultiEdit: 'Edit file',
  Write: 'Write file',
  NotebookEdit: 'Edit notebook',
};

export function summariseRequest(toolName: string, input: Record<string, unknown>, preview: string | undefined): PermissionRequestView {
  const text = (key: string) => (typeof input[key] === 'string' ? (input[key] as string) : undefined);
  if (toolName === 'Bash') {
    return withOptional({ title: 'Bash command', subject: text('command') ?? '' }, { detail: text('description'), preview });
  }
  if (Object.hasOwn(EDIT_TITLES, toolName)) {
    const path = text('file_path') ?? text('notebook_path') ?? '';
    return withOptional({ title: EDIT_TITLES[toolName] as string, subject: path }, { preview: preview ?? editExcerpt(toolName, input) });
  }
  if (toolName === 'WebFetch') {
    return withOptional({ title: 'Fetch', subject: text('url') ?? '' }, { detail: text('prompt'), preview });
  }
  return withOptional({ title: toolTitle(toolName) }, { preview: preview ?? compactJson(input) });
}

function withOptional(view: PermissionRequestView, extra: { detail?: string | undefined; preview?: string | undefined }): PermissionRequestView {
  const result = { ...view };
  if (extra.detail !== undefined && extra.detail.trim() !== '') result.detail = extra.detail;
  if (extra.preview !== undefined && extra.preview !== '') result.preview = extra.preview;
  return result;
}

/** `mcp__github__create_issue` → `github · create_issue (MCP)`; other tools by name. */
function toolTitle(toolName: string): string {
  const mcp = /^mcp__([^_]+(?:_[^_]+)*)__(.+)$/.exec(toolName);
  return mcp === null ? toolName : `${mcp[1]} · ${mcp[2]} (MCP)`;
}

/** Without a pre-rendered diff: the replaced and new text as -/+ lines, or the start of new content. */
function editExcerpt(toolName: string, input: Record<string, unknown>): string | undefined {
  const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const change = (oldText: string | undefined, newText: string | undefined) =>
    [...lines(oldText).map((line) => `- ${line}`), ...lines(newText).map((line) => `+ ${line}`)].join('\n');
  switch (toolName) {
    case 'Edit':
      return change(str(input['old_string']), str(input['new_string']));
    case 'MultiEdit': {
      const edits = Array.isArray(input['edits']) ? (input['edits'] as unknown[]) : [];
      return edits
        .map((edit) => (typeof edit === 'object' && edit !== null ? (edit as Record<string, unknown>) : {}))
        .map((edit) => change(str(edit['old_string']), str(edit['new_string'])))
        .join('\n⋯\n');
    }
    case 'Write':
      return str(input['content']);
    case 'NotebookEdit':
      return str(input['new_source']);
    default:
      return undefined;
  }
}

function lines(text: string | undefined): string[] {
  return text === undefined || text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

/** The input as one line of JSON per top-level key: compact, yet long values stay readable. */
export function compactJson(input: Record<string, unknown>): string {
  const entries = Object.entries(input);
  if (entries.length === 0) return '{}';
  return entries.map(([key, value]) => `${key}: ${JSON.stringify(value) ?? String(value)}`).join('\n');
}
