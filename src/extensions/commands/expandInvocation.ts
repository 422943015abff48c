// Turns a command or skill and its arguments into the prompt the model receives: placeholders
// substituted, `` !`cmd` `` blocks run (each must be allowed by the permission rules, with the
// definition's allowed-tools in force) and replaced by their output, and the files `@path` names
// attached. A `!` block that is refused or fails stops the whole command: nothing is sent.
import { fileMentionBlocks } from '../../context/fileMentions.js';
import type { PermissionDecision } from '../../permissions/types.js';
import { hasArgumentPlaceholder, substituteArguments } from './commandArguments.js';
import { listedName, type InvocableDefinition } from './invocable.js';
import { bodySegments } from './shellSegments.js';

export interface ShellAccess {
  /** The permission decision for running `command` with the Bash tool (a front end may ask the user). */
  check(command: string, signal: AbortSignal): Promise<PermissionDecision>;
  /** Runs it as the Bash tool would (cwd, environment, sandbox). */
  run(command: string, signal: AbortSignal): Promise<{ output: string; failed: boolean }>;
}

export interface ExpansionOptions {
  cwd: string;
  shell: ShellAccess;
  signal: AbortSignal;
}

export type Expansion = { ok: true; text: string } | { ok: false; error: string };

/** The body with arguments, shell output and mentioned files in place. */
export async function expandBody(definition: InvocableDefinition, args: string, options: ExpansionOptions): Promise<Expansion> {
  const body = definition.baseDirectory === undefined ? definition.body : definition.body.replaceAll('${CLAUDE_SKILL_DIR}', definition.baseDirectory);
  const pieces: string[] = [];
  const typed: string[] = [];
  for (const segment of bodySegments(body)) {
    if (segment.kind === 'text') {
      const text = substituteArguments(segment.text, args);
      pieces.push(text);
      typed.push(text);
      continue;
    }
    const command = substituteArguments(segment.command, args);
    const decision = await options.shell.check(command, options.signal);
    if (decision.behavior !== 'allow') {
      return { ok: false, error: `/${definition.name}: the command \`${command}\` was not run: ${decision.reason} Add a rule for it to the ${definition.kind === 'skill' ? 'skill' : 'command'}'s allowed-tools (e.g. \`Bash(${command})\`) or to permissions.allow.` };
    }
    const { output, failed } = await options.shell.run(command, options.signal);
    if (failed) return { ok: false, error: `/${definition.name}: the command \`${command}\` failed, so the prompt was not sent:\n${output.trimEnd()}` };
    pieces.push(output.trimEnd());
  }
  let text = pieces.join('').trim();
  const trimmedArgs = args.trim();
  if (trimmedArgs !== '' && !hasArgumentPlaceholder(body)) text = `${text}\n\nARGUMENTS: ${trimmedArgs}`;
  // Only what the file and the user wrote can mention files; command output cannot pull more in.
  const mentionSource = [...typed, trimmedArgs !== '' && !hasArgumentPlaceholder(body) ? trimmedArgs : ''].join('\n');
  const files = await fileMentionBlocks(mentionSource, options.cwd);
  if (files.length > 0) text = `${text}\n\n${files.join('\n\n')}`;
  return { ok: true, text };
}

/**
 * What the model receives when the user runs `/name args`: Claude Code's command tags, then the
 * expanded body (a skill's with its base directory, where its other files are).
 */
export function invocationPrompt(definition: InvocableDefinition, args: string, expanded: string): string {
  const tags = [
    `<command-message>${listedName(definition)} is running…</command-message>`,
    `<command-name>/${listedName(definition)}</command-name>`,
    ...(args.trim() !== '' ? [`<command-args>${args.trim()}</command-args>`] : []),
  ].join('\n');
  return `${tags}\n\n${skillPreamble(definition)}${expanded}`;
}

/** A skill's text starts with where it lives, so relative references in it can be read. */
export function skillPreamble(definition: InvocableDefinition): string {
  return definition.baseDirectory === undefined ? '' : `Base directory for this skill: ${definition.baseDirectory}\n\n`;
}
