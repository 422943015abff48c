// Carries out what a slash command asked for. The session-specific parts (the context the commands
// read, adding a directory, the doctor checks) come from a CommandHost the CLI builds, so the app
// and its tests need no assembled session.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { SlashCommandContext, SlashCommandOutcome } from '../commands/slashCommands.js';

export interface CommandHost {
  /** The session as the commands see it, read when a command runs. */
  context(): SlashCommandContext;
  /** Adds a working directory (relative to cwd); returns what to tell the user. */
  addDirectory(path: string): string;
  /** Runs the installation checks; resolves to the report. */
  doctor(): Promise<string>;
  /** /permissions allow|ask|deny: saves the rule to the personal settings and applies it now. */
  addRule?(behavior: 'allow' | 'ask' | 'deny', rule: string): Promise<string>;
  /** /output-style <name>: saves the style to the personal settings; resolves to what to tell the user. */
  setOutputStyle?(name: string): Promise<string>;
  /**
   * What a typed prompt mentions beyond files (MCP resources, `@server:uri`): blocks to append after
   * the prompt, and notices for what could not be attached.
   */
  mentionAttachments?(text: string): Promise<{ blocks: string[]; notices: string[] }>;
  /** Calls `listener` when the custom commands may have changed (MCP prompts); answers how to stop. */
  onCustomCommandsChange?(listener: () => void): () => void;
  /** What `@` completion offers besides files: MCP resources as `server:uri`. */
  resourceMentions?(): readonly string[];
  /** /mcp reconnect <server>: restarts the server's connection; resolves to what to tell the user. */
  reconnectMcpServer?(name: string): Promise<string>;
  /** /mcp login <server>: OAuth sign-in in the browser (`say` shows the URL), then a reconnect. */
  loginMcpServer?(name: string, say: (text: string) => void): Promise<string>;
  /** /mcp logout <server>: forgets the server's OAuth credentials. */
  logoutMcpServer?(name: string): Promise<string>;
  /** `!command`: runs it as the Bash tool would (cwd, environment, sandbox), without asking. */
  runShell?(command: string, signal: AbortSignal): Promise<{ output: string; failed: boolean }>;
  /**
   * `/name args` for a custom command or skill: expands it (its `!` blocks may ask for permission) and
   * submits the prompt as a turn of its own, shown as `text`; resolves to an error message when the
   * command could not be sent.
   */
  runCustomCommand?(name: string, args: string, text: string): Promise<string | undefined>;
}

export interface OutcomeEffects {
  cwd: string;
  notice(text: string, tone?: 'info' | 'warning' | 'error'): void;
  /** Sends text to the model as if typed. */
  send(text: string): void;
  exit(): void;
  /** Leaves this session for another: a fresh one, an earlier one, or this one with another model. */
  restart(request: RestartRequest): void;
  /** Replaces the conversation with a summary (focused by `instructions`), as a turn of its own. */
  compact(instructions: string): void;
  /** Opens a file in the user's editor with the terminal handed over. */
  openFile?(path: string): Promise<void>;
}

export type RestartRequest = { kind: 'clear' } | { kind: 'resume'; sessionId: string } | { kind: 'model'; model: string };

export async function carryOutCommand(outcome: SlashCommandOutcome, host: CommandHost, effects: OutcomeEffects): Promise<void> {
  switch (outcome.kind) {
    case 'print':
      return effects.notice(outcome.text);
    case 'exit':
      return effects.exit();
    case 'prompt':
      return effects.send(outcome.text);
    case 'compact':
      return effects.compact(outcome.instructions);
    case 'export': {
      const path = resolve(effects.cwd, outcome.path);
      try {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, outcome.markdown, 'utf8');
        return effects.notice(`Exported the conversation to ${path}`);
      } catch (error) {
        return effects.notice(`Could not write ${path}: ${(error as Error).message}`, 'error');
      }
    }
    case 'doctor':
      effects.notice('Running checks…');
      try {
        return effects.notice(await host.doctor());
      } catch (error) {
        return effects.notice(`The checks failed: ${(error as Error).message}`, 'error');
      }
    case 'addDirectory':
      return effects.notice(host.addDirectory(outcome.path));
    case 'setModel':
      return effects.restart({ kind: 'model', model: outcome.model });
    case 'clear':
      return effects.restart({ kind: 'clear' });
    case 'resume':
      return effects.restart({ kind: 'resume', sessionId: outcome.sessionId });
    case 'addRule': {
      const addRule = host.addRule;
      if (!addRule) return effects.notice('Rules cannot be changed here.', 'warning');
      return noticeOutcome(effects, () => addRule(outcome.behavior, outcome.rule));
    }
    case 'setOutputStyle': {
      const setOutputStyle = host.setOutputStyle;
      if (!setOutputStyle) return effects.notice('The output style cannot be changed here.', 'warning');
      return noticeOutcome(effects, () => setOutputStyle(outcome.name));
    }
    case 'mcpReconnect': {
      const reconnectMcpServer = host.reconnectMcpServer;
      if (!reconnectMcpServer) return effects.notice('MCP servers cannot be reconnected here.', 'warning');
      effects.notice(`Reconnecting to ${outcome.name}…`);
      return noticeOutcome(effects, () => reconnectMcpServer(outcome.name));
    }
    case 'mcpLogin': {
      const loginMcpServer = host.loginMcpServer;
      if (!loginMcpServer) return effects.notice('MCP servers cannot be signed in to here.', 'warning');
      effects.notice(`Signing in to ${outcome.name}…`);
      return noticeOutcome(effects, () => loginMcpServer(outcome.name, (text) => effects.notice(text)));
    }
    case 'mcpLogout': {
      const logoutMcpServer = host.logoutMcpServer;
      if (!logoutMcpServer) return effects.notice('MCP servers cannot be signed out of here.', 'warning');
      return noticeOutcome(effects, () => logoutMcpServer(outcome.name));
    }
    case 'custom': {
      if (!host.runCustomCommand) return effects.notice('Custom commands are not available here.', 'warning');
      try {
        const error = await host.runCustomCommand(outcome.name, outcome.args, outcome.text);
        if (error !== undefined) effects.notice(error, 'error');
      } catch (error) {
        effects.notice(`/${outcome.name} failed: ${(error as Error).message}`, 'error');
      }
      return;
    }
    case 'openFile':
      if (!effects.openFile) return effects.notice(`Open ${outcome.path} in your editor.`);
      try {
        await effects.openFile(outcome.path);
        return effects.notice(`Edited ${outcome.path}; it applies from the next session (or /clear).`);
      } catch (error) {
        return effects.notice((error as Error).message, 'warning');
      }
  }
}

/** Shows what an action resolves to, or its failure as an error. */
async function noticeOutcome(effects: Pick<OutcomeEffects, 'notice'>, action: () => Promise<string>): Promise<void> {
  try {
    effects.notice(await action());
  } catch (error) {
    effects.notice((error as Error).message, 'error');
  }
}
