// The interactive session's root: the conversation, queued messages, the prompt or the dialog
// that has the keyboard, and the footer. Global keys: Esc interrupts, Shift+Tab cycles the
// permission mode, Ctrl+O opens the full-screen transcript, Ctrl+C twice / Ctrl+D exit. Submitted
// text is a slash command (carried out here) or a prompt, sent to the model with its `@file` mentions
// expanded.
import { Box, Text, useInput, useStdout } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { PermissionModeControl } from '../../tools/types.js';
import { runSlashCommand, SLASH_COMMANDS } from '../commands/slashCommands.js';
import { expandFileMentions } from '../input/fileMentions.js';
import { PromptInput } from '../input/PromptInput.js';
import { memoryPromptHistory, type PromptHistory } from '../input/promptHistory.js';
import { carryOutCommand, type CommandHost, type RestartRequest } from './commandHost.js';
import { ConversationView } from './ConversationView.js';
import { Footer } from './Footer.js';
import { TodoPanel } from './TodoPanel.js';
import type { StatusLineSettings } from '../../config/settingsSchema.js';
import type { StatusLineSession } from '../statusLine/statusLineInput.js';
import { useStatusLine } from './useStatusLine.js';
import type { InteractionBroker } from './interactionBroker.js';
import { nextPermissionMode } from './modeCycle.js';
import { PermissionDialog } from '../permissions/PermissionDialog.js';
import { MAX_PREVIEW_LINES } from '../permissions/previewLines.js';
import { QuestionPrompt } from './QuestionPrompt.js';
import type { SessionController } from './sessionController.js';
import { useTerminalSize } from './useTerminalWidth.js';
import { wrapText } from './text.js';
import type { ConversationState } from './conversationState.js';
import { immediateInkScreen, type InkScreen } from './transcript/inkScreen.js';
import { keyRouter } from './transcript/keyRouter.js';
import { ItemLineCache } from './transcript/transcriptLayout.js';
import { TranscriptView } from './transcript/TranscriptView.js';
import type { ItemArchive } from './finishedArchive.js';
import { useTranscriptScreen } from './transcript/useTranscriptScreen.js';

export const EXIT_CONFIRM_MS = 2000;
const TICK_MS = 250;
/** Rows kept for what shares the live region with streaming text: tools, queue, prompt, footer. */
const LIVE_REGION_RESERVED_ROWS = 12;
/** Rows the permission dialog needs besides its preview: border, title, command, reason, options, prompt, footer. */
const DIALOG_RESERVED_ROWS = 18;
const COMMANDS = SLASH_COMMANDS.map(({ name, description }) => ({ name, description }));

export interface AppProps {
  controller: SessionController;
  /** Finished items the conversation state no longer holds, for the transcript view. */
  archive?: ItemArchive;
  broker: InteractionBroker;
  modeControl: PermissionModeControl;
  /** Whether Shift+Tab may reach bypassPermissions (the session started in it). */
  bypassAvailable: boolean;
  model: string;
  cwd?: string;
  initialPrompt?: string;
  redact?: (text: string) => string;
  /** Prompt history for Up/Down and Ctrl+R (persisted per project by the CLI); in memory by default. */
  history?: PromptHistory;
  /** Slash commands reach the session through this; without it all text goes to the model. */
  commands?: CommandHost;
  /** Ctrl+G: edit the prompt in an external editor (see src/ui/input/README.md). */
  onExternalEdit?: (text: string) => Promise<string | undefined>;
  /** The user's status line command and the session facts it is told about besides the live ones. */
  statusLine?: { settings: StatusLineSettings; session: StatusLineBase; env: Record<string, string | undefined> };
  /** The user asked to leave (Ctrl+D, Ctrl+C twice); the turn in flight has been interrupted. */
  onExit(): void;
  /** /memory: open a file in the user's editor with the terminal handed over. */
  onOpenFile?(path: string): Promise<void>;
  /** /clear, /resume and /model: leave this session for another (the CLI assembles it). */
  onRestart?(request: RestartRequest): void;
  now?: () => number;
  /** The terminal as Ink draws on it, for the transcript's alternate screen (see transcript/inkScreen.ts). */
  screen?: InkScreen;
}

/** What a status line is told that does not change as the session runs. */
export type StatusLineBase = Omit<StatusLineSession, 'model' | 'permissionMode' | 'totalCostUsd' | 'currentUsage' | 'totalDurationMs' | 'totalApiDurationMs'>;

export function App(props: AppProps) {
  const { controller, broker, modeControl } = props;
  const clock = props.now ?? Date.now;
  const state = useSyncExternalStore(controller.subscribe, controller.getState);
  const pending = useSyncExternalStore(
    useCallback((listener: () => void) => broker.subscribe(listener), [broker]),
    () => broker.current(),
  );
  const { columns: width, rows } = useTerminalSize();
  const cwd = props.cwd ?? process.cwd();
  const [history] = useState(() => props.history ?? memoryPromptHistory());
  // Built-in commands, then custom commands, skills and MCP prompts (read again when the host says
  // they changed: an MCP server's prompts change when it reconnects or says its list changed).
  const readCommands = () => [
    ...COMMANDS,
    ...(props.commands?.context().customCommands?.() ?? []).map(({ name, description, argumentHint, origin }) => ({
      name,
      description: `${description} ${origin}`,
      ...(argumentHint !== undefined ? { argumentHint } : {}),
    })),
  ];
  const [commands, setCommands] = useState(readCommands);
  useEffect(() => props.commands?.onCustomCommandsChange?.(() => setCommands(readCommands())), []);
  const [, setModeShown] = useState(modeControl.current());
  const [exitArmedAt, setExitArmedAt] = useState<number | null>(null);
  const [todosShown, setTodosShown] = useState(false);
  const { stdout } = useStdout();
  const [fallbackScreen] = useState(() => immediateInkScreen(stdout));
  const transcript = useTranscriptScreen(props.screen ?? fallbackScreen);
  const [transcriptKeys] = useState(keyRouter);
  // Kept while the app runs, so opening the transcript again lays out only what is new.
  const [transcriptLines] = useState(() => new ItemLineCache({ ...(props.cwd !== undefined ? { cwd: props.cwd } : {}), ...(props.redact ? { redact: props.redact } : {}) }));
  // While the transcript is open the scrollback must not grow (Ink would write new items to the
  // alternate screen): finished items stay as they were when it opened, the rest follow on return.
  const [frozenFinished, setFrozenFinished] = useState<Pick<ConversationState, 'finished' | 'finishedCount'> | null>(null);
  const openTranscript = () => {
    const { finished, finishedCount } = controller.getState().conversation;
    setFrozenFinished({ finished, finishedCount });
    transcript.open();
  };
  useEffect(() => {
    if (transcript.phase === 'closed') setFrozenFinished(null);
  }, [transcript.phase]);
  // A question for the user closes the transcript, so it is seen and answered.
  useEffect(() => {
    if (pending !== undefined && transcript.phase === 'open') transcript.close();
  }, [pending, transcript.phase]);
  const [now, setNow] = useState(clock());
  const busy = state.busySince !== null;

  // The clock ticks only while working, so an idle screen writes nothing.
  useEffect(() => {
    if (!busy) return;
    setNow(clock());
    const timer = setInterval(() => setNow(clock()), TICK_MS);
    return () => clearInterval(timer);
  }, [busy]);

  useEffect(() => {
    if (exitArmedAt === null) return;
    const timer = setTimeout(() => {
      armedAt.current = null;
      setExitArmedAt(null);
    }, EXIT_CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [exitArmedAt]);

  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    if (props.initialPrompt !== undefined && props.initialPrompt.trim() !== '') submit(props.initialPrompt);
  }, []);

  const exit = () => {
    controller.interrupt();
    props.onExit();
  };

  // Expanding mentions reads files; the chain keeps submissions in the order they were typed.
  const submissions = useRef<Promise<void>>(Promise.resolve());
  // Output of the user's own `!` commands, sent to the model with the next prompt.
  const shellContext = useRef<string[]>([]);
  const send = (text: string) => {
    submissions.current = submissions.current.then(async () => {
      try {
        const withFiles = await expandFileMentions(text, cwd);
        const attached = props.commands?.mentionAttachments ? await props.commands.mentionAttachments(text) : { blocks: [], notices: [] };
        for (const notice of attached.notices) controller.notice(notice, 'warning');
        const expanded = [withFiles, ...attached.blocks].join('\n\n');
        const context = shellContext.current.splice(0);
        controller.submit(text, context.length > 0 ? `${context.join('\n\n')}\n\n${expanded}` : expanded);
      } catch (error) {
        controller.notice(`Could not read the mentioned files: ${(error as Error).message}`, 'error');
      }
    });
  };

  const runShell = (command: string) => {
    const host = props.commands;
    if (!host?.runShell) return controller.notice('! commands need a full session; they are not available here.', 'warning');
    const abort = new AbortController();
    controller.notice(`! ${command}`);
    submissions.current = submissions.current.then(async () => {
      const { output, failed } = await host.runShell!(command, abort.signal);
      controller.notice(shellPreview(output), failed ? 'warning' : 'info');
      shellContext.current.push(`<bash-input>${command}</bash-input>\n<bash-output>${output}</bash-output>`);
    });
  };

  const submit = (text: string) => {
    if (/^!\s*\S/.test(text)) return runShell(text.replace(/^!\s*/, ''));
    const host = props.commands;
    const outcome = host ? runSlashCommand(text, host.context()) : undefined;
    if (host && outcome) {
      const restart = (request: RestartRequest) => {
        if (!props.onRestart) return controller.notice('This command needs a full session; it is not available here.', 'warning');
        controller.interrupt();
        props.onRestart(request);
      };
      void carryOutCommand(outcome, host, {
        cwd,
        notice: (message, tone) => controller.notice(message, tone),
        send,
        exit,
        restart,
        compact: (instructions) => controller.compact(instructions),
        ...(props.onOpenFile ? { openFile: props.onOpenFile } : {}),
      });
      return;
    }
    send(text);
  };

  const onExitRequest = (key: 'ctrl-c' | 'ctrl-d') => (key === 'ctrl-d' ? exit() : onCtrlC());

  // Read by key handlers, which can run twice before React re-renders.
  const armedAt = useRef<number | null>(null);
  const onCtrlC = () => {
    const at = clock();
    if (armedAt.current !== null && at - armedAt.current <= EXIT_CONFIRM_MS) return exit();
    controller.interrupt();
    armedAt.current = at;
    setExitArmedAt(at);
  };

  useInput((input, key) => {
    // The transcript has the keyboard from the moment it is asked for until it has closed.
    const phase = transcript.current();
    if (phase === 'opening' || phase === 'open') return transcriptKeys.route(input, key);
    if (phase === 'closing') return;
    if (broker.current() !== undefined) {
      // The dialog has the keyboard; Ctrl+C still reaches the exit.
      if (key.ctrl && input === 'c') onCtrlC();
      return;
    }
    if (key.escape && controller.busy) {
      controller.interrupt();
      return;
    }
    if (key.tab && key.shift) {
      const next = nextPermissionMode(modeControl.current(), props.bypassAvailable);
      modeControl.set(next);
      setModeShown(next);
    }
    if (key.ctrl && input === 't') setTodosShown((shown) => !shown);
    if (key.ctrl && input === 'o') openTranscript();
  });

  const conversation = state.conversation;
  const mainShown = transcript.phase === 'closed';
  const frozen = mainShown ? null : frozenFinished;
  // The count is frozen with the items: the scrollback writer finds what is new by it.
  const scrollbackConversation = useMemo(() => (frozen ? { ...conversation, ...frozen } : conversation), [conversation, frozen]);
  // The whole session for the transcript: what the state's window let go is read back from the archive.
  const archived = props.archive?.count ?? 0;
  const earlier = useMemo(() => (transcript.phase === 'open' && props.archive ? props.archive.readAll() : []), [transcript.phase, archived]);
  const transcriptConversation = useMemo(
    () => (earlier.length === 0 ? conversation : { ...conversation, finished: [...earlier, ...conversation.finished] }),
    [conversation, earlier],
  );
  const statusLines = useStatusLine(
    props.statusLine?.settings,
    {
      ...(props.statusLine?.session ?? { sessionId: '', transcriptPath: null, cwd: props.cwd ?? '', projectDir: props.cwd ?? '', addedDirs: [], version: '', contextWindow: 200_000 }),
      model: props.model,
      permissionMode: modeControl.current(),
      totalCostUsd: conversation.costUsd,
      totalDurationMs: 0,
      totalApiDurationMs: 0,
      currentUsage: { input_tokens: conversation.contextTokens, output_tokens: conversation.outputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    },
    props.statusLine?.env ?? {},
  );
  return (
    <Box flexDirection="column" width={width}>
      {transcript.phase === 'open' ? (
        <TranscriptView
          conversation={transcriptConversation}
          columns={width}
          rows={rows}
          lineCache={transcriptLines}
          keys={transcriptKeys}
          onClose={transcript.close}
        />
      ) : null}
      {/* Hidden, not unmounted, while the transcript is up: the draft and the scrollback's bookkeeping survive. */}
      <Box flexDirection="column" display={mainShown ? 'flex' : 'none'}>
        <ConversationView
          conversation={scrollbackConversation}
          maxLiveLines={Math.max(3, rows - LIVE_REGION_RESERVED_ROWS)}
          width={width}
          now={now}
          {...(props.cwd !== undefined ? { cwd: props.cwd } : {})}
          {...(props.redact ? { redact: props.redact } : {})}
        />
        {state.queued.map((text, index) => (
          <Text key={index} dimColor>
            {wrapText(`> ${text} (queued)`, width - 1)}
          </Text>
        ))}
        {!mainShown ? null : pending?.kind === 'permission' ? (
          <PermissionDialog key={pending.id} request={pending.request} suggestedRules={pending.request.suggestedRules} onDecision={pending.answer} width={width - 1} maxPreviewLines={Math.max(3, Math.min(MAX_PREVIEW_LINES, rows - DIALOG_RESERVED_ROWS))} />
        ) : pending?.kind === 'questions' ? (
          <QuestionPrompt key={pending.id} questions={pending.questions} onAnswer={pending.answer} />
        ) : null}
        {todosShown ? <TodoPanel todos={conversation.todos} /> : null}
        <PromptInput
          isActive={pending === undefined && mainShown}
          onSubmit={submit}
          onExitRequest={onExitRequest}
          history={history}
          commands={commands}
          cwd={cwd}
          {...(props.commands?.resourceMentions ? { extraMentions: props.commands.resourceMentions } : {})}
          width={width}
          placeholder={busy ? 'Type to queue a message for the next turn' : 'Ask wright to do something'}
          {...(props.onExternalEdit ? { onExternalEdit: props.onExternalEdit } : {})}
        />
        <Footer
          model={props.model}
          mode={modeControl.current()}
          costUsd={conversation.costUsd}
          contextTokens={conversation.contextTokens}
          busySince={state.busySince}
          activity={conversation.activity}
          now={now}
          outputTokens={conversation.outputTokens}
          {...(exitArmedAt !== null ? { hint: 'Press Ctrl+C again to exit' } : {})}
          {...(statusLines ? { statusLines } : {})}
        />
      </Box>
    </Box>
  );
}

const SHELL_PREVIEW_LINES = 20;

/** What the user sees of a `!` command's output: its first lines (all of it goes to the model). */
function shellPreview(output: string): string {
  const lines = output.split('\n');
  if (lines.length <= SHELL_PREVIEW_LINES) return output;
  return [...lines.slice(0, SHELL_PREVIEW_LINES), `… ${lines.length - SHELL_PREVIEW_LINES} more lines`].join('\n');
}
