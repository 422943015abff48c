// One tool call on one line — `● Bash(npm test) · done 1.2s` — with the first lines of its result
// dimmed underneath (Ctrl+O's transcript shows the call and its result in full).
import { Box, Text } from 'ink';
import type { ToolItem } from './conversationState.js';
import { useTheme } from './theme.js';
import { formatDuration, resultPreview, toolCallLabel } from './toolSummary.js';

/** How many result lines a tool line shows; the transcript (Ctrl+O) shows all of them. */
export const COMPACT_RESULT_LINES = 3;

export interface ToolLineProps {
  tool: ToolItem;
  width: number;
  cwd?: string;
  /** For a running tool: now, to show how long it has run. */
  now?: number;
}

export function ToolLine({ tool, width, cwd, now }: ToolLineProps) {
  const theme = useTheme();
  const bulletColor = { running: theme.accent, done: theme.success, error: theme.error, interrupted: theme.warning }[tool.status];
  const elapsed = tool.durationMs ?? (now !== undefined ? Math.max(0, now - tool.startedAt) : undefined);
  const status = tool.status === 'running' ? 'running' : tool.status;
  const label = toolCallLabel(tool.name, tool.input, cwd, Math.max(20, width - 30));
  const preview = tool.result !== undefined ? resultPreview(tool.result, COMPACT_RESULT_LINES, Math.max(20, width - 6)) : [];
  return (
    <Box flexDirection="column">
      <Text>
        <Text color={bulletColor}>● </Text>
        <Text bold>{label}</Text>
        <Text dimColor>
          {' · '}
          {status}
          {elapsed !== undefined ? ` ${formatDuration(elapsed)}` : ''}
        </Text>
      </Text>
      {preview.map((line, index) => (
        <Text key={index} dimColor color={tool.status === 'error' ? theme.error : undefined}>
          {index === 0 ? '  ⎿ ' : '    '}
          {line}
        </Text>
      ))}
    </Box>
  );
}
