// The conversation: finished items are written once to the terminal's normal scrollback (see
// Scrollback); only the live region (the response being streamed, running tools) re-renders.
import { Box } from 'ink';
import type { ConversationState } from './conversationState.js';
import { AssistantText, ConversationItemView, ThinkingText } from './ConversationItemView.js';
import { Scrollback } from './Scrollback.js';
import { ToolLine } from './ToolLine.js';

export interface ConversationViewProps {
  conversation: ConversationState;
  width: number;
  cwd?: string;
  now: number;
  /** Applied to streamed text before it is shown (the agent's events are redacted already). */
  redact?: (text: string) => string;
  /**
   * How many lines the streaming text may take. Ink repaints the whole screen, scrollback included,
   * once the live region is taller than the terminal, so a long answer shows only its latest lines
   * while it streams; all of it goes to scrollback when it is finished.
   */
  maxLiveLines?: number;
}

export function ConversationView({ conversation, width, cwd, now, redact = (text) => text, maxLiveLines }: ConversationViewProps) {
  const cwdProp = cwd !== undefined ? { cwd } : {};
  return (
    <>
      <Scrollback recent={conversation.finished} total={conversation.finishedCount}>
        {(item) => (
          <Box paddingRight={1}>
            <ConversationItemView item={item} width={width - 1} {...cwdProp} redact={redact} />
          </Box>
        )}
      </Scrollback>
      <Box flexDirection="column" paddingRight={1}>
        {conversation.streaming.map((block, index) =>
          block === undefined || block.text.slice(block.committed) === '' ? null : block.kind === 'text' ? (
            <Box key={index} {...(block.committed > 0 ? { marginTop: 1 } : {})}>
              <AssistantText text={redact(block.text.slice(block.committed))} width={width - 1} {...(maxLiveLines !== undefined ? { maxLines: maxLiveLines } : {})} />
            </Box>
          ) : (
            <ThinkingText key={index} text={redact(block.text)} width={width - 1} />
          ),
        )}
        {conversation.running.map((tool) => (
          <ToolLine key={tool.id} tool={tool} width={width - 1} now={now} {...cwdProp} />
        ))}
      </Box>
    </>
  );
}
