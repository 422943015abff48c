// AskUserQuestion's dialog: one question at a time with numbered options. A number picks (or, for
// multiSelect, toggles and Enter confirms); the last number, "Other", lets the user answer in their
// own words; Esc answers nothing, and the model proceeds on its own.
import { Box, Text, useInput } from 'ink';
import { eachTypedKey } from '../input/typedAhead.js';
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
  // Keys can arrive before React re-renders; the progress lives in a ref so each sees the last.
  const progress = useRef<{ step: number; picked: number[]; answers: Record<string, string>; other: string | null }>({ step: 0, picked: [], answers: {}, other: null });
  const [, rerender] = useState(0);
  const { step, picked, other } = progress.current;
  const question = questions[step];

  useInput(eachTypedKey((input, key) => {
    const now = progress.current;
    const current = questions[now.step];
    if (!current) return;
    const record = (labels: string[]) => {
      now.answers[current.question] = labels.join(', ');
      progress.current = { step: now.step + 1, picked: [], answers: now.answers, other: null };
      if (now.step + 1 >= questions.length) onAnswer({ ...now.answers });
      else rerender((n) => n + 1);
    };
    if (now.other !== null) {
      // Typing the user's own answer: Enter sends it, Esc goes back to the options.
      if (key.escape) progress.current = { ...now, other: null };
      else if (key.return) {
        if (now.other.trim() !== '') return record([now.other.trim()]);
      } else if (key.backspace || key.delete) progress.current = { ...now, other: now.other.slice(0, -1) };
      else if (!key.ctrl && !key.meta) progress.current = { ...now, other: now.other + input.replace(/[\r\n]/g, '') };
      return rerender((n) => n + 1);
    }
    if (key.escape) return onAnswer(null);
    if (current.multiSelect && key.return) {
      if (now.picked.length > 0) record(now.picked.map((index) => current.options[index]!.label));
      return;
    }
    const index = Number.parseInt(input, 10) - 1;
    if (index === current.options.length) {
      progress.current = { ...now, other: '' };
      return rerender((n) => n + 1);
    }
    if (!Number.isInteger(index) || index < 0 || index >= current.options.length) return;
    if (!current.multiSelect) return record([current.options[index]!.label]);
    const picked = now.picked.includes(index) ? now.picked.filter((p) => p !== index) : [...now.picked, index];
    progress.current = { ...now, picked };
    rerender((n) => n + 1);
  }));

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
      <Text>
        <Text bold>{question.options.length + 1}.</Text> Other <Text dimColor>— answer in your own words</Text>
      </Text>
      {other !== null ? (
        <>
          <Text>
            › {other}
            <Text inverse> </Text>
          </Text>
          <Text dimColor>Enter to send · Esc to go back to the options</Text>
        </>
      ) : (
        <Text dimColor>
          {question.multiSelect ? 'Numbers toggle, Enter confirms' : 'Press a number to choose'} · Esc to skip
        </Text>
      )}
    </Box>
  );
}
