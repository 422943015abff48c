// The todo list TodoWrite keeps, shown above the prompt while Ctrl+T has it open.
import { Box, Text } from 'ink';
import type { TodoItem } from '../../tools/types.js';
import { useTheme } from './theme.js';

const MARK: Record<TodoItem['status'], string> = { completed: '☒', in_progress: '◐', pending: '☐' };

export function TodoPanel({ todos }: { todos: readonly TodoItem[] }) {
  const theme = useTheme();
  if (todos.length === 0) return <Text dimColor>No todos yet (Ctrl+T to hide)</Text>;
  const done = todos.filter((todo) => todo.status === 'completed').length;
  return (
    <Box flexDirection="column">
      <Text dimColor>
        Todos {done}/{todos.length} (Ctrl+T to hide)
      </Text>
      {todos.map((todo, index) => (
        <Text key={index} strikethrough={todo.status === 'completed'} bold={todo.status === 'in_progress'} color={todo.status === 'in_progress' ? theme.accent : undefined}>
          {`  ${MARK[todo.status]} ${todo.status === 'in_progress' ? todo.activeForm : todo.content}`}
        </Text>
      ))}
    </Box>
  );
}
