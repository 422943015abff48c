import { Box, Text } from 'ink';
import type { ConversationItem } from './conversationState.js';
import { renderAssistantText, wrapText } from './text.js';
import { useTheme } from './theme.js';
import { ToolLine } from './ToolLine.js';

/** One finished item of the conversation, as it is written to scrollback. */
export function ConversationItemView({ item, width, cwd, redact = (text) => text }: { item: ConversationItem; width: number; cwd?: string; redact?: (text: string) => string }) {
  const theme = useTheme();
  switch (item.kind) {
    case 'user':
      return (
        <Box marginTop={1}>
          <Text dimColor>{wrapText(`> ${item.text}`, width)}</Text>
        </Box>
      );
    case 'assistant':
      // Parts written while streaming come from raw deltas, so they are redacted here as well.
      return (
        <Box {...(item.continued ? { marginTop: 1 } : {})}>
          <AssistantText text={redact(item.text)} width={width} />
        </Box>
      );
    case 'thinking':
      return <ThinkingText text={item.text} width={width} />;
    case 'tool':
      return <ToolLine tool={item} width={width} {...(cwd !== undefined ? { cwd } : {})} />;
    case 'notice':
      return (
        <Text color={item.tone === 'error' ? theme.error : item.tone === 'warning' ? theme.warning : undefined} dimColor={item.tone === 'info'}>
          {wrapText(`⎿ ${item.text}`, width)}
        </Text>
      );
  }
}

export function AssistantText({ text, width, maxLines }: { text: string; width: number; maxLines?: number }) {
  const colour = useTheme().accent !== undefined;
  const rendered = renderAssistantText(text, width, colour);
  return <Text>{maxLines === undefined ? rendered : latestLines(rendered, maxLines)}</Text>;
}

/** The last `maxLines` lines, after a note saying how many are above (shown in full when finished). */
export function latestLines(rendered: string, maxLines: number): string {
  const lines = rendered.split('\n');
  if (lines.length <= maxLines) return rendered;
  const kept = lines.slice(lines.length - Math.max(1, maxLines - 1));
  return [`… ${lines.length - kept.length} lines above (all shown when the answer is complete)`, ...kept].join('\n');
}

export function ThinkingText({ text, width }: { text: string; width: number }) {
  return (
    <Text dimColor italic>
      {wrapText(`✻ ${text}`, width)}
    </Text>
  );
}
