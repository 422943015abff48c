// Assembles the system prompt: core instructions (or the user's replacement), the environment
// block, the git snapshot, the pre-approved tool rules, the output style's text, then any appended text. The parts that
// rarely change come first, which keeps the prompt cache warm across sessions.
import { platform as osPlatform, release, type } from 'node:os';
import { CORE_INSTRUCTIONS, STYLE_BASE_INSTRUCTIONS } from './coreInstructions.js';
import type { GitSnapshot } from './gitSnapshot.js';

export { memoryContextReminder } from './memoryReminder.js';

export interface EnvironmentFacts {
  cwd: string;
  isGitRepo: boolean;
  platform: string;
  osVersion: string;
  /** YYYY-MM-DD. */
  date: string;
  model: string;
}

export function environmentBlock(facts: EnvironmentFacts): string {
  return [
    'Facts about the environment you are running in:',
    '<env>',
    `Working directory: ${facts.cwd}`,
    `Is directory a git repo: ${facts.isGitRepo ? 'Yes' : 'No'}`,
    `Platform: ${facts.platform}`,
    `OS Version: ${facts.osVersion}`,
    `Today's date: ${facts.date}`,
    '</env>',
    `You are running on the model ${facts.model}.`,
  ].join('\n');
}

export function gitStatusSection(git: GitSnapshot): string {
  const status = git.status === '' ? '(clean)' : git.status;
  const truncation = git.statusTruncated ? '\n… (status cut short; run `git status` for the rest)' : '';
  const commits = git.recentCommits.length === 0 ? '(no commits yet)' : git.recentCommits.join('\n');
  return [
    'gitStatus: a snapshot taken when this conversation started; it does not update as work proceeds.',
    `Current branch: ${git.branch}`,
    '',
    `Main branch (the usual target for pull requests): ${git.mainBranch}`,
    '',
    `Status:\n${status}${truncation}`,
    '',
    `Recent commits:\n${commits}`,
  ].join('\n');
}

export interface SystemPromptOptions {
  model: string;
  cwd: string;
  git: GitSnapshot | null;
  /** YYYY-MM-DD; see `localDate`. */
  date: string;
  /** Defaults to this machine's. */
  platform?: string;
  osVersion?: string;
  /** `--system-prompt`: replaces the core instructions; the environment sections stay. */
  customSystemPrompt?: string;
  /** `--append-system-prompt`: added at the very end. */
  appendSystemPrompt?: string;
  /** Allow rules as written (`Bash(npm test:*)`), shown so the model knows what runs unprompted. */
  allowedToolRules?: string[];
  /**
   * The output style in effect (none or an empty prompt: Default). Its text is appended; without
   * `keepCodingInstructions` the core instructions give way to a short base without the coding part.
   */
  outputStyle?: { name: string; prompt: string; keepCodingInstructions: boolean };
}

export function buildSystemPrompt(options: SystemPromptOptions): string {
  const style = options.outputStyle !== undefined && options.outputStyle.prompt.trim() !== '' ? options.outputStyle : undefined;
  const instructions = style !== undefined && !style.keepCodingInstructions ? STYLE_BASE_INSTRUCTIONS : CORE_INSTRUCTIONS;
  const sections = [
    options.customSystemPrompt ?? instructions,
    environmentBlock({
      cwd: options.cwd,
      isGitRepo: options.git !== null,
      platform: options.platform ?? osPlatform(),
      osVersion: options.osVersion ?? `${type()} ${release()}`,
      date: options.date,
      model: options.model,
    }),
  ];
  if (options.git !== null) sections.push(gitStatusSection(options.git));
  const rules = options.allowedToolRules ?? [];
  if (rules.length > 0) {
    sections.push(`The user has pre-approved these tool uses; they run without asking: ${rules.join(', ')}`);
  }
  if (style !== undefined) sections.push(`# Output style: ${style.name}\n${style.prompt.trim()}`);
  if (options.appendSystemPrompt !== undefined && options.appendSystemPrompt.trim() !== '') {
    sections.push(options.appendSystemPrompt);
  }
  return sections.filter((section) => section.trim() !== '').join('\n\n');
}

/** The local calendar date as YYYY-MM-DD. */
export function localDate(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
