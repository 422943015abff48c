import { Box, Text } from 'ink';
import type { ConversationItem } from './conversationState.js';
import { renderAssistantText, wrapText } from './text.js';
import { useTheme } from './theme.js';
import { ToolLine } from './ToolLine.js';

/** One finished item of the conversation, as it is written to scrollback. */
export function ConversationItemView({ item, width, cwd }: { item: ConversationItem; width: number; cwd?: string }) {
  const theme = useTheme();
  switch (item.kind) {
    case 'user':
      return (
        <Box marginTop={1}>
          <Text dimColor>{wrapText(`> ${item.text}`, width)}</Text>
        </Box>
      );
    case 'assistant':
      return <AssistantText text={item.text} width={width} />;
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

export function AssistantText({ text, width }: { text: string; width: number }) {
  const colour = useTheme().accent !== undefined;
  return <Text>{renderAssistantText(text, width, colour)}</Text>;
}

export function ThinkingText({ text, width }: { text: string; width: number }) {
  return (
    <Text dimColor italic>
      {wrapText(`✻ ${text}`, width)}
    </Text>
  );
}
