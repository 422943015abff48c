// Asks whether one tool call may run: what it will do, why the gate asks, and three one-key
// answers. The rich dialog (diffs, rule suggestions written to settings) replaces this component
// and keeps `PermissionPromptProps`.
import { Box, Text, useInput } from 'ink';
import type { PermissionAnswer, PermissionRequest } from './interactionBroker.js';
import { useTheme } from './theme.js';
import { shorten } from './toolSummary.js';

export interface PermissionPromptProps {
  request: PermissionRequest;
  onAnswer(answer: PermissionAnswer): void;
}

const TITLES: Record<string, string> = {
  Bash: 'Run this command?',
  Edit: 'Edit this file?',
  MultiEdit: 'Edit this file?',
  Write: 'Write this file?',
  NotebookEdit: 'Edit this notebook?',
  WebFetch: 'Fetch this URL?',
};

export function SimplePermissionPrompt({ request, onAnswer }: PermissionPromptProps) {
  const theme = useTheme();
  useInput((input, key) => {
    if (key.escape) return onAnswer('no');
    const answer = ({ y: 'yes', a: 'always', n: 'no' } as const)[input.toLowerCase() as 'y' | 'a' | 'n'];
    if (answer !== undefined) onAnswer(answer);
  });
  const call = request.subject === '' ? request.toolName : `${request.toolName}(${shorten(request.subject.replace(/\s+/g, ' '), 60)})`;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.permission} paddingX={1}>
      <Text bold color={theme.permission}>
        {TITLES[request.toolName] ?? `Use ${request.toolName}?`}
      </Text>
      <Box marginLeft={2} flexDirection="column">
        <Text bold>{request.toolName}</Text>
        {request.subject !== '' ? <Text>{request.subject}</Text> : <Text dimColor>{shorten(JSON.stringify(request.input), 200)}</Text>}
      </Box>
      <Text dimColor>{request.reason}</Text>
      <Text>
        <Text bold>y</Text> Yes{'  '}
        <Text bold>a</Text> Yes, and don't ask again for {call} this session{'  '}
        <Text bold>n</Text> No (esc)
      </Text>
    </Box>
  );
}
