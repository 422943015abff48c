// The status area: while working a spinner with elapsed time and output tokens; always the model,
// the permission mode, the session's cost and how full the context window is.
import { Box, Text } from 'ink';
import type { PermissionMode } from '../../permissions/types.js';
import { MODE_LABELS } from './modeCycle.js';
import { useTheme } from './theme.js';

export const DEFAULT_CONTEXT_WINDOW = 200_000;
const SPINNER = ['·', '✢', '✳', '✶', '✻', '✽'];

export interface FooterProps {
  model: string;
  mode: PermissionMode;
  costUsd: number;
  contextTokens: number;
  contextWindow?: number;
  /** When the turn in flight began, or null when idle. */
  busySince: number | null;
  /** Set while the agent does something other than answering. */
  activity?: 'compacting' | null;
  now: number;
  outputTokens: number;
  /** A line above the status, e.g. "Press Ctrl+C again to exit". */
  hint?: string;
  /** Output of the user's `statusLine` command: shown instead of model, cost and context. */
  statusLines?: readonly string[];
}

export function contextPercent(tokens: number, window = DEFAULT_CONTEXT_WINDOW): number {
  return Math.min(100, Math.round((tokens / window) * 100));
}

export function formatCost(usd: number): string {
  return usd > 0 && usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
}

export function Footer(props: FooterProps) {
  const theme = useTheme();
  const seconds = props.busySince === null ? 0 : Math.max(0, Math.floor((props.now - props.busySince) / 1000));
  const frame = SPINNER[Math.floor(props.now / 250) % SPINNER.length];
  const modeColor = props.mode === 'default' ? undefined : props.mode === 'plan' ? theme.accent : theme.warning;
  return (
    <Box flexDirection="column">
      {props.hint ? <Text color={theme.warning}>{props.hint}</Text> : null}
      {props.busySince !== null ? (
        <Text>
          <Text color={theme.accent}>
            {frame} {props.activity === 'compacting' ? 'Compacting the conversation…' : 'Working…'}{' '}
          </Text>
          <Text dimColor>
            ({seconds}s · ↓ {Math.round(props.outputTokens)} tokens · esc to interrupt)
          </Text>
        </Text>
      ) : null}
      <Text wrap="truncate-end">
        <Text color={modeColor} bold={props.mode !== 'default'}>
          {MODE_LABELS[props.mode]}
        </Text>
        <Text dimColor>
          {' (shift+tab to cycle)'}
          {props.statusLines && props.statusLines.length > 0
            ? ''
            : ` · ${props.model} · ${formatCost(props.costUsd)} · ${contextPercent(props.contextTokens, props.contextWindow)}% context`}
        </Text>
      </Text>
      {props.statusLines?.map((line, index) => (
        <Text key={index} wrap="truncate-end">
          {line}
        </Text>
      ))}
    </Box>
  );
}
