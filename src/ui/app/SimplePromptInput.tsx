// The prompt editor: one or more lines, Enter submits, Ctrl+J or `\`+Enter adds a line, readline's
// basic keys, Up/Down through this session's prompts. The rich editor replaces this component and
// keeps `PromptInputProps`.
import { Box, Text, useInput, type Key } from 'ink';
import { useRef, useState } from 'react';
import * as edit from './promptBuffer.js';
import { useTheme } from './theme.js';

export interface PromptInputProps {
  /** Whether keys reach the prompt (false while a dialog has the keyboard). */
  isActive: boolean;
  /** Enter: the text as typed; the prompt empties itself. */
  onSubmit(text: string): void;
  /** Ctrl+C on an empty prompt (on a non-empty one it clears the prompt). */
  onCtrlCEmpty(): void;
  /** Ctrl+D on an empty prompt. */
  onCtrlDEmpty(): void;
  /** Earlier prompts of the session, oldest first, for Up/Down. */
  history: readonly string[];
  placeholder?: string;
}

export function SimplePromptInput(props: PromptInputProps) {
  const theme = useTheme();
  // Several keys can arrive in one read; each must see the edits of the one before, so the buffer
  // lives in a ref and state only triggers the render.
  const buffer = useRef<edit.PromptBuffer>(edit.emptyBuffer());
  const browsing = useRef<{ index: number; draft: string } | null>(null);
  const [, setShown] = useState(buffer.current);
  const set = (next: edit.PromptBuffer) => {
    buffer.current = next;
    setShown(next);
  };

  const submit = () => {
    const text = buffer.current.text;
    browsing.current = null;
    set(edit.emptyBuffer());
    if (text.trim() !== '') props.onSubmit(text);
  };

  const recall = (direction: -1 | 1) => {
    const history = props.history;
    if (history.length === 0) return false;
    const current = browsing.current;
    const index = current === null ? (direction === -1 ? history.length - 1 : -1) : current.index + direction;
    if (index < 0) return false;
    if (index >= history.length) {
      if (current !== null) set(edit.bufferOf(current.draft));
      browsing.current = null;
      return true;
    }
    browsing.current = { index, draft: current?.draft ?? buffer.current.text };
    set(edit.bufferOf(history[index]!));
    return true;
  };

  const onKey = (input: string, key: Key) => {
    const now = buffer.current;
    if (key.ctrl && input === 'c') {
      if (now.text === '') props.onCtrlCEmpty();
      else {
        browsing.current = null;
        set(edit.emptyBuffer());
      }
      return;
    }
    if (key.ctrl && input === 'd') {
      if (now.text === '') props.onCtrlDEmpty();
      return;
    }
    if (key.return) {
      if (key.meta) return set(edit.insert(now, '\n'));
      if (now.cursor > 0 && now.text[now.cursor - 1] === '\\') return set(edit.insert(edit.backspace(now), '\n'));
      return submit();
    }
    if (input === '\n') return set(edit.insert(now, '\n'));
    if (key.backspace || key.delete) return set(edit.backspace(now));
    if (key.leftArrow) return set(edit.left(now));
    if (key.rightArrow) return set(edit.right(now));
    if (key.upArrow) {
      if (edit.isOnFirstLine(now) && recall(-1)) return;
      return set(edit.verticalMove(now, -1));
    }
    if (key.downArrow) {
      if (edit.isOnLastLine(now) && recall(1)) return;
      return set(edit.verticalMove(now, 1));
    }
    if (key.ctrl) {
      if (input === 'a') set(edit.home(now));
      if (input === 'e') set(edit.end(now));
      if (input === 'u') set(edit.killToStart(now));
      if (input === 'k') set(edit.killToEnd(now));
      return;
    }
    if (key.escape || key.tab || key.meta || input === '') return;
    typed(input);
  };

  /** Printable input: one key, or a chunk (fast typing, a paste). */
  const typed = (input: string) => {
    const chunk = input.replace(/\r\n/g, '\n');
    // Text and then Enter in one read is typing ahead; newlines inside a chunk are a paste.
    if (chunk.length > 1 && chunk.endsWith('\r') && !/[\r\n]/.test(chunk.slice(0, -1))) {
      set(edit.insert(buffer.current, chunk.slice(0, -1)));
      return submit();
    }
    set(edit.insert(buffer.current, chunk.replace(/\r/g, '\n')));
  };

  useInput(onKey, { isActive: props.isActive });

  const { text, cursor } = buffer.current;
  const lines = text.split('\n');
  let offset = 0;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={props.isActive ? theme.accent : undefined} borderDimColor={!props.isActive} paddingX={1}>
      {text === '' ? (
        <Text>
          <Text color={theme.accent}>{'> '}</Text>
          {props.isActive ? <Text inverse> </Text> : null}
          <Text dimColor>{props.placeholder ?? ''}</Text>
        </Text>
      ) : (
        lines.map((line, row) => {
          const start = offset;
          offset += line.length + 1;
          const here = props.isActive && cursor >= start && cursor <= start + line.length;
          return (
            <Text key={row}>
              <Text color={theme.accent}>{row === 0 ? '> ' : '  '}</Text>
              {here ? withCursor(line, cursor - start) : line}
            </Text>
          );
        })
      )}
    </Box>
  );
}

function withCursor(line: string, at: number) {
  const char = String.fromCodePoint(line.codePointAt(at) ?? 32);
  const after = at < line.length ? at + char.length : at;
  return (
    <>
      {line.slice(0, at)}
      <Text inverse>{at < line.length ? char : ' '}</Text>
      {line.slice(after)}
    </>
  );
}
