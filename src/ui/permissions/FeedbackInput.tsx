/**
 * The one-line text field behind "No, and tell wright what to do instead": printable keys type,
 * Backspace deletes, Enter sends the text, Esc sends nothing.
 */
import { Box, Text, useInput } from 'ink';
import { useState, type ReactElement } from 'react';

export interface FeedbackInputProps {
  onSubmit(text: string): void;
  onCancel(): void;
}

export function FeedbackInput({ onSubmit, onCancel }: FeedbackInputProps): ReactElement {
  const [text, setText] = useState('');
  useInput((input, key) => {
    if (key.escape) onCancel();
    else if (key.return) onSubmit(text);
    else if (key.backspace || key.delete) setText((current) => Array.from(current).slice(0, -1).join(''));
    else if (!key.ctrl && !key.meta && input !== '') setText((current) => current + input.replace(/[\r\n\t]+/g, ' '));
  });
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
