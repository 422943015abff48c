/**
 * The one-line text field behind "No, and tell wright what to do instead". It only draws: the dialog
 * owns the keys, so none typed right after choosing "No" can slip past the field (see
 * PermissionDialog.tsx).
 */
import { Box, Text } from 'ink';
import type { ReactElement } from 'react';

export function FeedbackInput({ text }: { text: string }): ReactElement {
  return (
    <Box flexDirection="column">
      <Text>Tell wright what to do instead (Enter to send, Esc to skip):</Text>
      <Box>
        <Text color="cyan">{'> '}</Text>
        <Text>{text}</Text>
        <Text inverse> </Text>
      </Box>
    </Box>
  );
}

/** The field's text after one key: typed characters are added, Backspace removes one. */
export function editFeedback(text: string, input: string, key: { backspace: boolean; delete: boolean; ctrl: boolean; meta: boolean }): string {
  if (key.backspace || key.delete) return Array.from(text).slice(0, -1).join('');
  if (key.ctrl || key.meta || input === '') return text;
  return text + input.replace(/[\r\n\t]+/g, ' ');
}
