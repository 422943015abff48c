// The interactive front end (`wright`, `wright "first prompt"`): the same session print mode
// assembles, with permission questions and AskUserQuestion put to the user in the terminal UI.
// main.ts reaches this module only through import(), so print mode never loads Ink or React.
import { realpathSync } from 'node:fs';
import type { PermissionPolicy } from '../permissions/types.js';
import type { Redactor } from '../secrets/redactor.js';
import { disposeToolSessionState } from '../tools/index.js';
import type { UserInteraction } from '../tools/types.js';
import { InteractionBroker } from '../ui/app/interactionBroker.js';
import { interactiveCanUseTool } from '../ui/app/interactiveCanUseTool.js';
import { runApp, type AppExit, type RunAppOptions } from '../ui/app/runApp.js';
import type { RestartRequest } from '../ui/app/commandHost.js';
import { themeFor } from '../ui/app/theme.js';
import { SLASH_COMMANDS } from '../ui/commands/slashCommands.js';
import { findProjectRoot } from '../config/paths.js';
import type { CliOptions } from './args.js';
import { createMemoryPromptHistory, createPromptHistory } from '../ui/input/promptHistory.js';
import { assembleAgent, loadPolicy, type AssembledSession } from './assembleAgent.js';
import { pendingProjectServers, saveProjectServerChoice } from '../extensions/mcp/projectServerChoice.js';
import { managedMcpFileFor } from '../extensions/mcp/mcpConfigFiles.js';
import { readEnvironment } from '../config/env.js';
import { isFolderTrusted, projectConfigurationFound, trustFolder, trustIsRemembered } from '../config/workspaceTrust.js';
import { EXIT } from './exitCodes.js';
import { contextWindowOf } from '../model/contextWindow.js';
import { isMissingCredentials } from '../model/modelConfig.js';
import { promptHistoryFile, sessionCommandHost } from './commandHost.js';
import { ConfigurationError, UsageError } from './errors.js';
import { withHookVerdicts } from './hookPermissionGate.js';
import type { SessionStartSource } from '../extensions/hooks/hookEvents.js';
import { IDLE_PROMPT_MESSAGE, idleNotificationDelay } from '../ui/app/idleNotifier.js';

/**
 * Without credentials a terminal user gets the guided setup instead of an error: it saves the
 * provider to user settings, and the session is assembled again from them.
 */
async function assembleWithFirstRunSetup(assemble: () => Promise<AssembledSession>): Promise<AssembledSession> {
  try {
    return await assemble();
  } catch (error) {
    if (!(error instanceof ConfigurationError) || !isMissingCredentials(error.message)) throw error;
    const { runFirstRunSetup } = await import('../ui/setup/runFirstRunSetup.js');
    const setup = await runFirstRunSetup(readEnvironment(process.env).configDir, process.env);
    if (setup === null) throw error;
    return assemble();
  }
}

/** Project `.mcp.json` servers nobody decided on yet are put to the user once; the answer is saved. */
async function askAboutProjectMcpServers(options: CliOptions): Promise<void> {
  const { settings, environment, projectRoot, env } = loadPolicy(options, process.env);
  const locations = { projectRoot, configDir: environment.configDir, home: environment.home, managedMcpFile: managedMcpFileFor(readEnvironment(process.env).managedSettingsPath) };
  const pending = pendingProjectServers(locations, settings.raw, env);
  if (pending.length === 0) return;
  const { askMcpServerApproval } = await import('../ui/setup/McpServerApproval.js');
  const approved = await askMcpServerApproval(pending);
  if (approved !== null) await saveProjectServerChoice(projectRoot, pending.map((server) => server.name), approved);
}

/**
 * A folder whose configuration can run commands or approve tools is used only once the user trusts
 * it. Answers false when they would rather not start.
 */
async function ensureWorkspaceTrust(): Promise<boolean> {
  const { configDir, home } = readEnvironment(process.env);
  const folder = findProjectRoot(realpathSync(process.cwd()));
  const found = projectConfigurationFound(folder, home);
  if (found.length === 0 || isFolderTrusted(folder, configDir)) return true;
  const { askWorkspaceTrust } = await import('../ui/setup/WorkspaceTrust.js');
  const remembered = trustIsRemembered(folder, home);
  const trusted = await askWorkspaceTrust({ folder, found, remembered });
  if (trusted && remembered) await trustFolder(folder, configDir);
  return trusted;
}

export async function runInteractive(options: CliOptions, version: string, redactor: Redactor): Promise<number> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UsageError('Interactive mode needs a terminal. Run a task non-interactively with -p, e.g. wright -p "explain this repository".');
  }
  if (!(await ensureWorkspaceTrust())) {
    process.stderr.write('wright did not start: this folder is not trusted. Nothing in it was run.\n');
    return EXIT.error;
  }
  let sessionOptions = options;
  let startSource: SessionStartSource | undefined;
  for (;;) {
    const ended = await runSession(sessionOptions, version, redactor, startSource);
    if (!ended.restart) return ended.code;
    sessionOptions = optionsAfter(sessionOptions, ended.restart, ended.sessionId);
    startSource = ended.restart.kind === 'clear' ? 'clear' : 'resume';
  }
}

/**
 * The options for the session a /clear, /resume or /model leads to: a fresh session, an earlier
 * one, or this one again with another model. The first prompt is never sent twice.
 */
export function optionsAfter(options: CliOptions, request: RestartRequest, currentSessionId: string): CliOptions {
  const { prompt: _prompt, resume: _resume, sessionId: _sessionId, ...rest } = options;
  const base: CliOptions = { ...rest, continue: false, forkSession: false };
  switch (request.kind) {
    case 'clear':
      return base;
    case 'resume':
      return { ...base, resume: request.sessionId };
    case 'model':
      return { ...base, resume: currentSessionId, model: request.model };
  }
}

async function runSession(options: CliOptions, version: string, redactor: Redactor, startSource?: SessionStartSource): Promise<AppExit & { sessionId: string }> {
  const broker = new InteractionBroker();
  const interaction: UserInteraction = { askQuestions: (questions, signal) => broker.askQuestions(questions, signal) };
  // Diff previews are coloured exactly when the app's theme is (not under NO_COLOR).
  const color = themeFor(process.env).accent !== undefined;
  const gate = (policy: PermissionPolicy) =>
    withHookVerdicts(interactiveCanUseTool(policy, broker, { projectRoot: findProjectRoot(policy.cwd), color }), policy, { promptsUser: true });
  await askAboutProjectMcpServers(options);
  const assembled = await assembleWithFirstRunSetup(() => assembleAgent(options, version, gate, interaction, redactor, startSource));
  let endReason: 'clear' | 'prompt_input_exit' | 'other' = 'other';
  try {
    // SessionStart hooks run before the first prompt; what they tell the user opens the session.
    const started = await assembled.agent.startSession();
    const ended = await runApp({
      // Every turn runs in the turn scopes: a command's allowed-tools and model, a skill's rules, end with it.
      agent: {
        run: (prompt, signal) => assembled.customizations.scopes.around(assembled.agent.run(prompt, signal)),
        compact: (instructions, signal) => assembled.agent.compact(instructions, signal),
      },
      broker,
      modeControl: assembled.permissionMode,
      bypassAvailable: assembled.permissionMode.current() === 'bypassPermissions',
      model: assembled.model,
      cwd: assembled.cwd,
      ...(options.prompt !== undefined ? { initialPrompt: options.prompt } : {}),
      warnings: [
        ...assembled.warnings,
        ...assembled.customizations.registry.builtinConflicts(SLASH_COMMANDS.map((command) => command.name)),
        ...started.filter((message) => message.level !== 'verbose').map((message) => message.text),
      ],
      redact: (text) => redactor.redactText(text),
      env: process.env,
      history: options.noSessionPersistence ? createMemoryPromptHistory() : createPromptHistory({ file: promptHistoryFile(assembled.transcriptDir) }),
      commands: (controller) => sessionCommandHost(assembled, version, process.env, controller),
      ...idleNotificationFor(assembled),
      ...(assembled.statusLine
        ? {
            statusLine: {
              settings: assembled.statusLine,
              env: assembled.toolEnv,
              session: {
                sessionId: assembled.session.sessionId,
                transcriptPath: assembled.session.writer?.path ?? null,
                cwd: assembled.cwd,
                projectDir: findProjectRoot(assembled.cwd),
                addedDirs: assembled.policy.workingDirectories.slice(1),
                version,
                contextWindow: contextWindowOf(assembled.model, process.env),
              },
            },
          }
        : {}),
    });
    endReason = ended.restart?.kind === 'clear' ? 'clear' : ended.restart ? 'other' : 'prompt_input_exit';
    return { ...ended, sessionId: assembled.session.sessionId };
  } finally {
    await disposeToolSessionState(assembled.toolSession);
    await assembled.mcp.close();
    await assembled.agent.endSession(endReason);
  }
}

/** Notification hooks matching `idle_prompt` hear when the prompt has waited after a turn (see idleNotifier.ts). */
function idleNotificationFor(assembled: AssembledSession): Pick<RunAppOptions, 'idleNotification'> {
  const hooks = assembled.hooks;
  if (!hooks || !assembled.hookConfig.entries.some((entry) => entry.event === 'Notification')) return {};
  return {
    idleNotification: {
      delayMs: idleNotificationDelay({ ...process.env, ...assembled.settings.env }),
      notify: async () =>
        (await hooks.notification({ type: 'idle_prompt', message: IDLE_PROMPT_MESSAGE, title: 'wright' }))
          .filter((message) => message.level !== 'verbose')
          .map((message) => ({ text: message.text, tone: message.level === 'error' ? 'error' : message.level === 'warning' ? 'warning' : 'info' })),
    },
  };
}
