import { Box, Text, useStdin } from 'ink';
import React, { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandInfo } from './completion.js';
import {
  INITIAL_EDITOR_STATE,
  activeCompletion,
  reduceEditor,
  type EditorContext,
  type EditorInput,
  type EditorState,
  pickerEntries,
} from './editorState.js';
import { projectPaths } from './fileIndex.js';
import { decodeInput } from './keys.js';
import { layoutBuffer, type Row } from './layout.js';
import type { PromptHistory } from './promptHistory.js';

export interface PromptInputProps {
  /**
   * Enter submits (trimmed, non-empty). The text has large pastes expanded back to their full text;
   * `@path` mentions are left as typed: call `expandFileMentions(text, cwd)` before sending it to the model.
   * The prompt has already been added to `history`.
   */
  onSubmit(text: string): void;
  /** Ctrl+D or Ctrl+C on an empty buffer (the app counts Ctrl+C presses; Ctrl+D leaves at once). */
  onExitRequest(key: 'ctrl-c' | 'ctrl-d'): void;
  /** False while a dialog has the keyboard: every key is ignored. */
  isActive: boolean;
  history: PromptHistory;
  /** For `/` completion at the start of the buffer, names without the slash. */
  commands: ReadonlyArray<CommandInfo>;
  /** Root for `@` file completion. */
  cwd: string;
  /** Offered by `@` completion before the files, read when completing (e.g. MCP resources as `server:uri`). */
  extraMentions?: () => readonly string[];
  /** Columns available. */
  width: number;
  placeholder?: string;
  /**
   * Ctrl+G: edit the (paste-expanded) buffer in an external editor. The app pauses Ink, calls
   * `editInExternalEditor(text, process.env)`, resumes, and resolves to the new text (undefined keeps
   * the buffer). Without this prop Ctrl+G does nothing.
   */
  onExternalEdit?: (text: string) => Promise<string | undefined>;
}

const PROMPT = '> ';
const CONTINUATION = '  ';
const MAX_VISIBLE_ROWS = 12;

function BufferRow({ row, showCursor }: { row: Row; showCursor: boolean }): React.ReactElement {
  const marker = row.firstLine ? PROMPT : CONTINUATION;
  if (!showCursor || row.cursorIndex === undefined) return <Text>{marker + row.text}</Text>;
  const chars = [...row.text.slice(row.cursorIndex)];
  const under = chars[0] ?? ' ';
  return (
    <Text>
      {marker + row.text.slice(0, row.cursorIndex)}
      <Text inverse>{under}</Text>
      {chars.slice(1).join('')}
    </Text>
  );
}

function truncate(text: string, width: number): string {
  const chars = [...text];
  if (width <= 0) return '';
  return chars.length <= width ? text : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

function withExtraMentions(extra: readonly string[], paths: readonly string[]): readonly string[] {
  return extra.length === 0 ? paths : [...extra, ...paths];
}

export function PromptInput(props: PromptInputProps): React.ReactElement {
  const { isActive, width, placeholder, cwd } = props;
  const { setRawMode, isRawModeSupported, internal_eventEmitter: inputEvents } = useStdin();
  const [state, setState] = useState<EditorState>(INITIAL_EDITOR_STATE);
  const [files, setFiles] = useState<{ cwd: string; paths: readonly string[] } | undefined>(undefined);
  // Several key events can arrive in one stdin chunk, so the reducer runs on a ref, not on React state.
  const stateRef = useRef(state);
  const propsRef = useRef(props);
  propsRef.current = props;
  const filesRef = useRef(files);
  filesRef.current = files;

  const context = useCallback((): EditorContext => {
    const current = propsRef.current;
    const loaded = filesRef.current;
    return {
      history: current.history.entries(),
      commands: current.commands,
      files: loaded && loaded.cwd === current.cwd ? withExtraMentions(current.extraMentions?.() ?? [], loaded.paths) : undefined,
    };
  }, []);

  const dispatch = useCallback(
    (input: EditorInput) => {
      const { state: next, effect } = reduceEditor(stateRef.current, input, context());
      stateRef.current = next;
      setState(next);
      const current = propsRef.current;
      if (effect?.type === 'submit') {
        current.history.add(effect.text);
        current.onSubmit(effect.text);
      } else if (effect?.type === 'exit') {
        current.onExitRequest(effect.key);
      } else if (effect?.type === 'externalEdit' && current.onExternalEdit) {
        void current.onExternalEdit(effect.text).then(
          (edited) => {
            if (edited !== undefined) dispatch({ kind: 'replace', text: edited });
          },
          () => undefined,
        );
      }
    },
    [context],
  );

  useEffect(() => {
    if (!isActive || !isRawModeSupported) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [isActive, isRawModeSupported, setRawMode]);

  useEffect(() => {
    if (!isActive) return;
    const onInput = (sequence: string) => {
      for (const event of decodeInput(sequence)) dispatch(event);
    };
    inputEvents.on('input', onInput);
    return () => {
      inputEvents.removeListener('input', onInput);
    };
  }, [isActive, inputEvents, dispatch]);

  const completion = activeCompletion(state, context());
  const needsFiles = completion?.loading === true;
  useEffect(() => {
    if (!needsFiles) return;
    let cancelled = false;
    void projectPaths(cwd).then((paths) => {
      if (!cancelled) setFiles({ cwd, paths });
    });
    return () => {
      cancelled = true;
    };
  }, [needsFiles, cwd]);

  const textWidth = Math.max(1, width - PROMPT.length);
  const { text, cursor } = state.buffer;
  const showPlaceholder = text === '' && placeholder !== undefined && state.search === null;
  const layout = layoutBuffer(text, cursor, textWidth, MAX_VISIBLE_ROWS);

  return (
    <Box flexDirection="column" width={width}>
      {showPlaceholder ? (
        <Text>
          {PROMPT}
          {isActive ? <Text inverse>{placeholder.slice(0, 1) || ' '}</Text> : placeholder.slice(0, 1)}
          <Text dimColor>{truncate(placeholder.slice(1), textWidth - 1)}</Text>
        </Text>
      ) : (
        <>
          {layout.hiddenAbove > 0 && <Text dimColor>{`${CONTINUATION}↑ ${layout.hiddenAbove} more lines`}</Text>}
          {layout.rows.map((row, index) => (
            <BufferRow key={index} row={row} showCursor={isActive} />
          ))}
          {layout.hiddenBelow > 0 && <Text dimColor>{`${CONTINUATION}↓ ${layout.hiddenBelow} more lines`}</Text>}
        </>
      )}
      {state.search && (
        <Text dimColor>
          {truncate(`${state.search.match === null && state.search.query !== '' ? 'failing ' : ''}reverse-i-search: ${state.search.query}`, width)}
        </Text>
      )}
      {state.picker && (
        <Box flexDirection="column">
          <Text dimColor>{truncate('Earlier prompts — Enter or 1-9 to edit and send again, Esc to close:', width)}</Text>
          {pickerEntries(props.history.entries()).map((entry, index) => (
            <Text key={index} color={index === state.picker!.selected ? 'cyan' : undefined}>
              {truncate(`${index === state.picker!.selected ? '›' : ' '} ${index + 1}. ${entry.replace(/\s+/g, ' ')}`, width)}
            </Text>
          ))}
        </Box>
      )}
      {completion?.loading && <Text dimColor>{`${CONTINUATION}Listing files…`}</Text>}
      {completion?.items.map((item, index) => {
        const selected = index === completion.selected;
        const label = `${selected ? '› ' : '  '}${item.label}`;
        const description = item.description ? `  ${item.description}` : '';
        return (
          <Text key={item.label} color={selected ? 'cyan' : undefined}>
            {truncate(label, width)}
            <Text dimColor>{truncate(description, Math.max(0, width - [...label].length))}</Text>
          </Text>
        );
      })}
    </Box>
  );
}
