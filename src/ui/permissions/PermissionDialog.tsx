/**
 * The dialog a tool call that needs approval opens: what will run, why wright asks, and three
 * answers, each one keypress (or Up/Down and Enter):
 *   1 / y      Yes
 *   2 / a      Yes, and don't ask again for <rules>  (only when there are rules to remember)
 *   3 / n      No, and tell wright what to do instead — opens a one-line field; Esc there skips it
 *   Esc        No, without feedback
 * The dialog answers once; keys after the answer are ignored.
 */
import { Box, Text, useInput } from 'ink';
import { eachTypedKey } from '../input/typedAhead.js';
import { useRef, useState, type ReactElement } from 'react';
import { FeedbackInput, editFeedback } from './FeedbackInput.js';
import { cutPreview, moreLinesLabel } from './previewLines.js';
import { summariseRequest } from './requestSummary.js';
import { useTheme } from '../app/theme.js';

export type PermissionDialogDecision = { behavior: 'allow'; remember?: string[] } | { behavior: 'deny'; feedback?: string };

export interface PermissionDialogProps {
  request: { toolName: string; input: Record<string, unknown>; reason: string; preview?: string /* pre-rendered diff or text, may contain ANSI */ };
  suggestedRules: string[];
  onDecision(decision: PermissionDialogDecision): void;
  width: number;
  /**
   * Lines the preview may take (default 20). The app keeps the whole dialog shorter than the
   * terminal, since a live region taller than the screen makes Ink repaint everything.
   */
  maxPreviewLines?: number;
}

type Choice = 'yes' | 'always' | 'no';

interface Option {
  choice: Choice;
  key: string;
  label: string;
}

function optionsFor(rules: readonly string[]): Option[] {
  const options: Option[] = [{ choice: 'yes', key: '1', label: 'Yes' }];
  if (rules.length > 0) options.push({ choice: 'always', key: '2', label: `Yes, and don't ask again for ${rules.join(', ')}` });
  options.push({ choice: 'no', key: '3', label: 'No, and tell wright what to do instead (esc)' });
  return options;
}

const KEY_CHOICES: Readonly<Record<string, Choice>> = { '1': 'yes', y: 'yes', '2': 'always', a: 'always', '3': 'no', n: 'no' };

export function PermissionDialog(props: PermissionDialogProps): ReactElement {
  const { request, suggestedRules, onDecision, width } = props;
  const theme = useTheme();
  const options = optionsFor(suggestedRules);
  const [selected, setSelected] = useState(0);
  const [feedback, setFeedback] = useState<string | undefined>(undefined);
  // Keys can arrive faster than React re-renders (typing ahead, a paste), so the handler reads the
  // latest state from refs: the key after `n` already goes to the field, and none after the answer counts.
  const answered = useRef(false);
  const feedbackRef = useRef<string | undefined>(undefined);
  const selectedRef = useRef(0);

  const decide = (decision: PermissionDialogDecision) => {
    if (answered.current) return;
    answered.current = true;
    onDecision(decision);
  };
  const setFeedbackText = (text: string | undefined) => {
    feedbackRef.current = text;
    setFeedback(text);
  };
  const select = (index: number) => {
    selectedRef.current = index;
    setSelected(index);
  };
  const choose = (choice: Choice) => {
    if (choice === 'yes') decide({ behavior: 'allow' });
    else if (choice === 'always' && suggestedRules.length > 0) decide({ behavior: 'allow', remember: [...suggestedRules] });
    else if (choice === 'no') setFeedbackText('');
  };

  useInput(eachTypedKey((input, key) => {
    if (answered.current) return;
    const typed = feedbackRef.current;
    if (typed !== undefined) {
      if (key.escape) decide({ behavior: 'deny' });
      else if (key.return) decide(typed.trim() === '' ? { behavior: 'deny' } : { behavior: 'deny', feedback: typed.trim() });
      else setFeedbackText(editFeedback(typed, input, key));
      return;
    }
    if (key.escape) decide({ behavior: 'deny' });
    else if (key.upArrow) select((selectedRef.current + options.length - 1) % options.length);
    else if (key.downArrow) select((selectedRef.current + 1) % options.length);
    else if (key.return) choose((options[selectedRef.current] as Option).choice);
    else if (!key.ctrl && !key.meta && Object.hasOwn(KEY_CHOICES, input.toLowerCase())) choose(KEY_CHOICES[input.toLowerCase()] as Choice);
  }));

  const view = summariseRequest(request.toolName, request.input, request.preview);
  // Border (2) and padding (2) take four columns.
  const inner = Math.max(10, width - 4);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.permission} paddingX={1} width={width}>
      <Text bold color={theme.permission}>{view.title}</Text>
      {view.subject !== undefined && (
        <Box paddingLeft={2} marginTop={1} width={inner}>
          <Text wrap="wrap">{view.subject}</Text>
        </Box>
      )}
      {view.detail !== undefined && (
        <Box paddingLeft={2} width={inner}>
          <Text dimColor wrap="wrap">{view.detail}</Text>
        </Box>
      )}
      {view.preview !== undefined && <Preview text={view.preview} width={inner} {...(props.maxPreviewLines !== undefined ? { maxLines: props.maxPreviewLines } : {})} />}
      <Box marginTop={1} width={inner}>
        <Text wrap="wrap">{request.reason}</Text>
      </Box>
      <Box marginTop={1} flexDirection="column">
        {feedback !== undefined ? (
          <FeedbackInput text={feedback} />
        ) : (
          <>
            <Text>Do you want to proceed?</Text>
            {options.map((option, index) => (
              <Text key={option.choice} wrap="wrap" {...(index === selected ? { color: 'cyan' } : {})}>
                {index === selected ? '❯ ' : '  '}
                {option.key}. {option.label}
              </Text>
            ))}
          </>
        )}
      </Box>
    </Box>
  );
}

function Preview({ text, width, maxLines }: { text: string; width: number; maxLines?: number }): ReactElement {
  const { lines, hidden } = cutPreview(text, maxLines);
  return (
    <Box flexDirection="column" marginTop={1} width={width}>
      {lines.map((line, index) => (
        <Text key={index} wrap="truncate-end">
          {line === '' ? ' ' : line}
        </Text>
      ))}
      {hidden > 0 && <Text dimColor>{moreLinesLabel(hidden)}</Text>}
    </Box>
  );
}
