// The full-screen transcript (Ctrl+O): the whole session, every tool call's input and output in full,
// in a pager. Only the lines in view become Ink nodes; the layout of the rest is cached per item. The
// view is exactly one line shorter than the terminal: Ink clears the whole screen, scrollback
// included, before any frame that follows one as tall as the terminal.
import { Box, Text, type Key } from 'ink';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { textWidth } from '../../markdown/styledText.js';
import type { ConversationState } from '../conversationState.js';
import { useTheme } from '../theme.js';
import { shorten } from '../toolSummary.js';
import { followBottom, positionAt, reveal, scrollBy, topLine, type PagerLayout, type PagerPosition } from './pager.js';
import { highlightMatches, matchingLines, nextMatch } from './search.js';
import { terminalText } from './terminalText.js';
import type { KeyRouter } from './keyRouter.js';
import type { ItemLineCache } from './transcriptLayout.js';

const TRANSCRIPT_TITLE = 'Transcript · ↑↓ scroll · / search · Esc or Ctrl+O to return';
/** Shorter titles for narrow terminals, longest first. */
const TITLES = [TRANSCRIPT_TITLE, 'Transcript · / search · Esc to return', 'Transcript · Esc to return', 'Transcript'];

export interface TranscriptViewProps {
  conversation: ConversationState;
  /** The terminal's size. */
  columns: number;
  rows: number;
  /** The items' laid-out lines, kept from one opening to the next (see transcriptLayout.ts). */
  lineCache: ItemLineCache;
  /** Where the app sends the keys while the view is up. */
  keys: KeyRouter;
  onClose(): void;
}

interface SearchState {
  /** The query being typed after `/`, or undefined when not typing. */
  draft?: string;
  query: string;
  /** The line of the match last moved to. */
  current?: number;
  /** The last move went past the end (or the start) and came round. */
  wrapped?: boolean;
  notFound?: boolean;
}

/** Body rows: the view takes `rows - 1` lines, one each for the title and the status line. */
export const transcriptBodyRows = (rows: number) => Math.max(1, rows - 3);

export function TranscriptView({ conversation, columns, rows, lineCache: cache, keys, onClose }: TranscriptViewProps) {
  const theme = useTheme();
  const color = theme.accent !== undefined;
  const width = Math.max(10, columns - 1);
  const height = transcriptBodyRows(rows);
  const layout = useMemo(() => cache.layout(conversation, width, color), [cache, conversation, width, color]);
  const pagerLayout: PagerLayout = { starts: layout.starts, total: layout.lines.length };
  const [position, setPosition] = useState<PagerPosition>(followBottom);
  const [search, setSearch] = useState<SearchState>({ query: '' });
  const matches = useMemo(() => matchingLines(layout.lines, search.query), [layout.lines, search.query]);
  const top = topLine(position, pagerLayout, height);

  // Key handlers can run twice before React re-renders: they read the latest values from here.
  const latest = useRef({ position, search, pagerLayout, height, top });
  latest.current = { position, search, pagerLayout, height, top };
  const move = (next: PagerPosition) => {
    latest.current.position = next;
    setPosition(next);
  };
  const updateSearch = (next: SearchState) => {
    latest.current.search = next;
    setSearch(next);
  };
  const goToMatch = (query: string, from: number, direction: 1 | -1) => {
    const { pagerLayout: laidOut, height: rowsShown, position: at } = latest.current;
    const found = nextMatch(matchingLines(layout.lines, query), from, direction);
    if (found === undefined) return updateSearch({ query, notFound: true });
    updateSearch({ query, current: found, wrapped: direction === 1 ? found <= from : found >= from });
    move(reveal(at, found, laidOut, rowsShown));
  };

  const onKey = (input: string, key: Key) => {
    const { search: now, pagerLayout: laidOut, height: rowsShown, top: shownTop } = latest.current;
    if (now.draft !== undefined) {
      if (key.ctrl && input === 'o') return onClose();
      if (key.escape || (key.ctrl && input === 'c')) return updateSearch({ query: now.query });
      if (key.backspace || key.delete) return updateSearch({ ...now, draft: now.draft.slice(0, -1) });
      // Typed text and Enter can arrive in one chunk.
      const [text = '', ...afterEnter] = key.return ? ['', ''] : input.split(/\r\n?|\n/);
      const draft = now.draft + (key.ctrl || key.meta ? '' : text.replace(/[\x00-\x1f\x7f]/g, ''));
      if (afterEnter.length === 0) return updateSearch({ ...now, draft });
      const query = draft === '' ? now.query : draft;
      return query === '' ? updateSearch({ query }) : goToMatch(query, shownTop - 1, 1);
    }
    if (key.escape || (input === 'q' && !key.ctrl) || (key.ctrl && (input === 'o' || input === 'c'))) return onClose();
    if (key.ctrl || key.meta) return;
    const scroll = (lines: number) => move(scrollBy(latest.current.position, lines, laidOut, rowsShown));
    if (key.upArrow || input === 'k') scroll(-1);
    else if (key.downArrow || input === 'j') scroll(1);
    else if (key.pageUp || input === 'b') scroll(-rowsShown);
    else if (key.pageDown || input === ' ') scroll(rowsShown);
    else if (key.home || input === 'g') move(positionAt(0, laidOut, rowsShown));
    else if (key.end || input === 'G') move(followBottom());
    else if (input === '/') updateSearch({ query: now.query, draft: '' });
    else if ((input === 'n' || input === 'N') && now.query !== '') {
      const direction = input === 'n' ? 1 : -1;
      goToMatch(now.query, now.current ?? (direction === 1 ? shownTop - 1 : shownTop), direction);
    }
  };
  // A layout effect runs as the view is committed, before any later key can arrive.
  useLayoutEffect(() => keys.attach(onKey));

  const visible = layout.lines.slice(top, top + height);
  const total = layout.lines.length;
  const range = total === 0 ? 'empty' : `lines ${top + 1}–${Math.min(top + height, total)} of ${total}`;
  const typing = search.draft !== undefined;
  const room = Math.max(0, width - textWidth(range) - 3);
  const status = room === 0 ? '' : shorten(typing ? `/${search.draft}` : searchStatus(search, matches), room);
  const padding = ' '.repeat(Math.max(1, width - textWidth(status) - (typing ? 1 : 0) - textWidth(range)));
  return (
    <Box flexDirection="column" width={columns} height={height + 2}>
      <Text bold color={theme.accent} wrap="truncate-end">
        {TITLES.find((title) => textWidth(title) <= width) ?? shorten(TRANSCRIPT_TITLE, width)}
      </Text>
      <Box flexDirection="column" height={height} overflow="hidden">
        {visible.map((line, index) => (
          <Text key={top + index} wrap="truncate-end">
            {terminalText(search.query === '' ? line : highlightMatches(line, search.query, top + index === search.current), color)}
          </Text>
        ))}
      </Box>
      <Text wrap="truncate-end">
        {typing ? status : <Text dimColor>{status}</Text>}
        {typing ? <Text inverse> </Text> : null}
        <Text dimColor>
          {padding}
          {range}
        </Text>
      </Text>
    </Box>
  );
}

function searchStatus(search: SearchState, matches: readonly number[]): string {
  if (search.query === '') return '';
  if (search.notFound || matches.length === 0) return `Not found: ${search.query}`;
  const index = search.current === undefined ? -1 : matches.indexOf(search.current);
  const where = index === -1 ? `${matches.length} matching lines` : `match ${index + 1} of ${matches.length}${search.wrapped ? ' (wrapped)' : ''}`;
  return `"${search.query}": ${where} · n next · N previous`;
}
