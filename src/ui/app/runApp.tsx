// Mounts the interactive app on the terminal and keeps the terminal sane: Ink owns raw mode and the
// cursor; leaving by keys, SIGTERM, SIGINT or a crash unmounts it so the shell gets its terminal back.
// Bracketed paste is on while the app runs, so a paste arrives whole and its line breaks never submit.
import { render } from 'ink';
import type { PermissionModeControl } from '../../tools/types.js';
import type { PromptHistory } from '../input/promptHistory.js';
import type { CommandHost } from './commandHost.js';
import { App, type AppProps } from './App.js';
import { editInExternalEditor, openInExternalEditor } from '../input/externalEditor.js';
import type { RestartRequest } from './commandHost.js';
import type { InteractionBroker } from './interactionBroker.js';
import { IdleNotifier } from './idleNotifier.js';
import { FinishedArchive } from './finishedArchive.js';
import { SessionController, type TurnRunner } from './sessionController.js';
import { ThemeContext, themeFor } from './theme.js';
import { trackedInkScreen } from './transcript/inkScreen.js';

export interface RunAppOptions {
  agent: TurnRunner;
  broker: InteractionBroker;
  modeControl: PermissionModeControl;
  bypassAvailable: boolean;
  model: string;
  cwd: string;
  initialPrompt?: string;
  warnings: string[];
  redact: (text: string) => string;
  env: Record<string, string | undefined>;
  history: PromptHistory;
  /** Builds the slash commands' view of the session around the app's controller. */
  commands: (controller: SessionController) => CommandHost;
  statusLine?: AppProps['statusLine'];
  /** Notification hooks' `idle_prompt`: fired once the prompt has waited `delayMs` after a turn; what they say is shown. */
  idleNotification?: { delayMs: number; notify(): Promise<Array<{ text: string; tone: 'info' | 'warning' | 'error' }>> };
}

const BRACKETED_PASTE_ON = '\x1b[?2004h';
const BRACKETED_PASTE_OFF = '\x1b[?2004l';

/** Exit codes, as the CLI's: 0 when the user left, 130/143 for SIGINT/SIGTERM, 1 after a crash. */
const SIGNAL_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/** How the app ended: the exit code, or a request to continue in another session. */
export interface AppExit {
  code: number;
  restart?: RestartRequest;
}

export async function runApp(options: RunAppOptions): Promise<AppExit> {
  const archive = new FinishedArchive();
  const controller = new SessionController({ agent: options.agent, redact: options.redact, archive });
  controller.notice(`wright · ${options.model} · ${options.cwd}`);
  for (const warning of options.warnings) controller.notice(warning, 'warning');
  const stopNotices = options.broker.onNotice((text, tone) => controller.notice(text, tone));
  const idleNotification = options.idleNotification;
  const idle = idleNotification
    ? new IdleNotifier({
        delayMs: idleNotification.delayMs,
        notify: () => void idleNotification.notify().then((messages) => messages.forEach((message) => controller.notice(message.text, message.tone))),
      })
    : undefined;
  const stopIdle = idle ? controller.subscribe(() => idle.observe(controller.busy)) : () => {};

  let code = 0;
  let restart: RestartRequest | undefined;
  let leave: () => void = () => {};
  const left = new Promise<void>((resolve) => (leave = resolve));
  const screen = trackedInkScreen(process.stdout);
  const instance = render(
    <ThemeContext.Provider value={themeFor(options.env)}>
      <App
        controller={controller}
        broker={options.broker}
        modeControl={options.modeControl}
        bypassAvailable={options.bypassAvailable}
        model={options.model}
        cwd={options.cwd}
        screen={screen}
        archive={archive}
        redact={options.redact}
        history={options.history}
        commands={options.commands(controller)}
        {...(options.statusLine ? { statusLine: options.statusLine } : {})}
        {...(options.initialPrompt !== undefined ? { initialPrompt: options.initialPrompt } : {})}
        onExternalEdit={(text) => editWithTerminalHandedOver(text, options.env, controller)}
        onOpenFile={(path) => withTerminalHandedOver(() => openInExternalEditor(path, options.env as NodeJS.ProcessEnv))}
        onExit={() => leave()}
        onRestart={(request) => {
          restart = request;
          leave();
        }}
      />
    </ThemeContext.Provider>,
    { stdout: screen.stream, exitOnCtrlC: false, onRender: screen.frameDrawn },
  );
  if (process.stdout.isTTY) process.stdout.write(BRACKETED_PASTE_ON);
  const onSignal = (signal: keyof typeof SIGNAL_CODES) => {
    code = SIGNAL_CODES[signal];
    controller.interrupt();
    leave();
  };
  const onSigint = () => onSignal('SIGINT');
  const onSigterm = () => onSignal('SIGTERM');
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  try {
    await Promise.race([left, instance.waitUntilExit()]);
  } catch (error) {
    code = 1;
    process.stderr.write(`wright: the terminal UI failed: ${error instanceof Error ? error.message : String(error)}\n`);
  } finally {
    controller.interrupt();
    instance.unmount();
    screen.leaveAlternate();
    archive.dispose();
    if (process.stdout.isTTY) process.stdout.write(BRACKETED_PASTE_OFF);
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
    stopNotices();
    stopIdle();
    idle?.dispose();
  }
  // The interrupted turn records what completed before the session's tools are disposed.
  await Promise.race([controller.whenIdle(), new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
  return restart && code === 0 ? { code, restart } : { code };
}

/**
 * Hands the terminal to an editor (Ctrl+G, /memory) and takes it back. While it runs, Ink reads no
 * keys (stdin paused, raw mode off), so the editor gets every keystroke.
 */
async function withTerminalHandedOver<T>(work: () => Promise<T>): Promise<T> {
  const stdin = process.stdin;
  const raw = stdin.isTTY && stdin.isRaw;
  if (raw) stdin.setRawMode(false);
  stdin.pause();
  try {
    return await work();
  } finally {
    if (raw) stdin.setRawMode(true);
    stdin.resume();
  }
}

async function editWithTerminalHandedOver(text: string, env: Record<string, string | undefined>, controller: SessionController): Promise<string | undefined> {
  try {
    return await withTerminalHandedOver(() => editInExternalEditor(text, env as NodeJS.ProcessEnv));
  } catch (error) {
    controller.notice((error as Error).message, 'warning');
    return undefined;
  }
}
