/**
 * What `wright permissions check` reports: the decision the gate would make for one call, without
 * running anything, with what decided it — the pipeline stage, the rule (as written, and where from),
 * the part of a compound command, the resolved path, the safety guard — and, on request, the parsed
 * command tree of a Bash command.
 */
import { analyzeBashCommand, type BashAnalysis, type BashCommand } from './bashAnalysis.js';
import type { ShellWord } from './bashTokens.js';
import { tracePermission } from './evaluatePermission.js';
import type { PermissionBehavior, PermissionMode, PermissionPolicy, PermissionToolCall } from './types.js';

export interface PermissionCheckReport {
  behavior: PermissionBehavior;
  reason: string;
  /** The deciding rule as written, or null when no rule decided. */
  rule: string | null;
  ruleSource?: string;
  mode: PermissionMode;
  /** The pipeline stage that decided. */
  stage: string;
  /** The part of a compound command that decided. */
  subcommand?: string;
  path?: string;
  guard?: string;
  /** With `--explain`, for Bash: the parsed command tree. */
  analysis?: AnalysisReport;
}

export interface CommandReport {
  /** The operator joining it to the command before (`&&`, `|`, …). */
  joinedBy?: string;
  words: string[];
  /** The words allow rules judge: safe assignments and wrappers removed. */
  effective: string[];
  /** Notes on words whose value is only known when it runs, globs, and `~`. */
  notes: string[];
  redirects: string[];
}

export interface AnalysisReport {
  commands: CommandReport[];
  /** Commands that run inside others: substitutions, `bash -c`, `eval`, `find -exec`, launchers. */
  nested: CommandReport[];
  /** The text of each nested payload. */
  payloads: string[];
  unanalysable: string[];
  hidden: string[];
}

export function checkPermissionForCli(call: PermissionToolCall, policy: PermissionPolicy, options: { explain?: boolean } = {}): PermissionCheckReport {
  const trace = tracePermission(call, policy);
  const { decision } = trace;
  const command = call.input['command'];
  const explainBash = options.explain === true && call.toolName === 'Bash' && typeof command === 'string';
  return {
    behavior: decision.behavior,
    reason: decision.reason,
    rule: decision.rule ?? null,
    ...(decision.ruleSource !== undefined ? { ruleSource: decision.ruleSource } : {}),
    mode: policy.mode,
    stage: trace.stage,
    ...(trace.subcommand !== undefined ? { subcommand: trace.subcommand } : {}),
    ...(trace.path !== undefined ? { path: trace.path } : {}),
    ...(trace.guard !== undefined ? { guard: trace.guard } : {}),
    ...(explainBash ? { analysis: analysisReport(analyzeBashCommand(command)) } : {}),
  };
}

export function analysisReport(analysis: BashAnalysis): AnalysisReport {
  return {
    commands: analysis.commands.map(commandReport),
    nested: analysis.allCommands.slice(analysis.commands.length).map(commandReport),
    payloads: analysis.commandLines.slice(1),
    unanalysable: analysis.unanalysable,
    hidden: analysis.hidden,
  };
}

function commandReport(command: BashCommand): CommandReport {
  return {
    ...(command.joinedBy !== undefined ? { joinedBy: command.joinedBy === '\n' ? 'newline' : command.joinedBy } : {}),
    words: command.words.map((word) => word.raw),
    effective: command.effective.map((word) => word.raw),
    notes: command.words.flatMap(wordNotes),
    redirects: command.redirects.map((r) => `${r.fd ?? ''}${r.operator}${r.target !== undefined ? ` ${r.target.raw}` : ''}${r.heredoc !== undefined ? ' (here-document)' : ''}`),
  };
}

function wordNotes(word: ShellWord): string[] {
  const notes: string[] = [];
  if (word.hasExpansion) notes.push(`\`${word.raw}\` is only known when it runs`);
  if (word.hasGlob) notes.push(`\`${word.raw}\` is a glob`);
  if (word.startsWithTilde) notes.push(`\`${word.raw}\` starts with ~`);
  return notes;
}

/** The report as readable text: the decision and what decided it, then the command tree. */
export function renderPermissionCheck(report: PermissionCheckReport): string {
  const lines = [`decision: ${report.behavior}`, `reason:   ${report.reason}`, `stage:    ${report.stage}`];
  if (report.guard !== undefined) lines.push(`guard:    ${report.guard}`);
  if (report.rule !== null) lines.push(`rule:     ${report.rule}${report.ruleSource !== undefined ? ` (from ${report.ruleSource})` : ''}`);
  if (report.subcommand !== undefined) lines.push(`part:     ${report.subcommand}`);
  if (report.path !== undefined) lines.push(`path:     ${report.path}`);
  lines.push(`mode:     ${report.mode}`);
  if (report.analysis !== undefined) lines.push('', ...renderAnalysis(report.analysis));
  return `${lines.join('\n')}\n`;
}

function renderAnalysis(analysis: AnalysisReport): string[] {
  const lines = ['command tree:'];
  analysis.commands.forEach((command, i) => lines.push(...renderCommand(command, `${i + 1}.`, '  ')));
  if (analysis.nested.length > 0) {
    lines.push('runs inside (substitutions, shell payloads, find -exec):');
    analysis.nested.forEach((command) => lines.push(...renderCommand(command, '-', '  ')));
  }
  if (analysis.payloads.length > 0) lines.push('payloads:', ...analysis.payloads.map((payload) => `  ${JSON.stringify(payload)}`));
  lines.push(`unanalysable: ${analysis.unanalysable.length === 0 ? 'none' : analysis.unanalysable.join('; ')}`);
  lines.push(`hidden: ${analysis.hidden.length === 0 ? 'none' : analysis.hidden.join('; ')}`);
  return lines;
}

function renderCommand(command: CommandReport, bullet: string, indent: string): string[] {
  const joined = command.joinedBy !== undefined ? `[${command.joinedBy}] ` : '';
  const lines = [`${indent}${bullet} ${joined}${command.words.join(' ')}`];
  const inner = `${indent}   `;
  if (command.effective.join(' ') !== command.words.join(' ')) lines.push(`${inner}effective: ${command.effective.join(' ')}`);
  if (command.redirects.length > 0) lines.push(`${inner}redirects: ${command.redirects.join(', ')}`);
  for (const note of command.notes) lines.push(`${inner}note: ${note}`);
  return lines;
}
