// AskUserQuestion's dialog: one question at a time with numbered options. A number picks (or, for
// multiSelect, toggles and Enter confirms); Esc answers nothing, and the model proceeds on its own.
import { Box, Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import type { UserQuestion } from '../../tools/types.js';
import type { QuestionAnswers } from './interactionBroker.js';
import { useTheme } from './theme.js';

export interface QuestionPromptProps {
  questions: UserQuestion[];
  onAnswer(answers: QuestionAnswers): void;
}

export function QuestionPrompt({ questions, onAnswer }: QuestionPromptProps) {
  const theme = useTheme();
  const [step, setStep] = useState(0);
  const [picked, setPicked] = useState<number[]>([]);
  const answers = useRef<Record<string, string>>({});
  const question = questions[step];

  const record = (labels: string[]) => {
    if (!question) return;
    answers.current[question.question] = labels.join(', ');
    setPicked([]);
    if (step + 1 >= questions.length) onAnswer({ ...answers.current });
    else setStep(step + 1);
  };

  useInput((input, key) => {
    if (!question) return;
    if (key.escape) return onAnswer(null);
    if (question.multiSelect && key.return) {
      if (picked.length > 0) record(picked.map((index) => question.options[index]!.label));
      return;
    }
    const index = Number.parseInt(input, 10) - 1;
    if (!Number.isInteger(index) || index < 0 || index >= question.options.length) return;
    if (!question.multiSelect) return record([question.options[index]!.label]);
    setPicked(picked.includes(index) ? picked.filter((p) => p !== index) : [...picked, index]);
  });

  if (!question) return null;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.accent} paddingX={1}>
      <Text>
        <Text color={theme.accent}>[{question.header}]</Text> <Text bold>{question.question}</Text>
        {questions.length > 1 ? <Text dimColor> ({step + 1}/{questions.length})</Text> : null}
      </Text>
      {question.options.map((option, index) => (
        <Text key={option.label}>
          {question.multiSelect ? (picked.includes(index) ? '[x] ' : '[ ] ') : ''}
          <Text bold>{index + 1}.</Text> {option.label}
          {option.description ? <Text dimColor> — {option.description}</Text> : null}
        </Text>
      ))}
      <Text dimColor>
        {question.multiSelect ? 'Numbers toggle, Enter confirms' : 'Press a number to choose'} · Esc to skip
      </Text>
    </Box>
  );
}
