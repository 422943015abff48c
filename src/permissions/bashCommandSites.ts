/**
 * Every simple command a Bash line could run, with the directories it might run in — what the
 * destructive-command guard and the protected-path check judge relative paths against.
 *
 * The analysis follows `cd` along the top-level commands, but a `cd` inside a subshell, a pipeline or
 * a background job does not move the commands after it (`(cd a/b); rm -rf ../..`). When the line has
 * any of those (see ISOLATING_OPERATORS), each top-level command is judged from both the directory the analysis followed and
 * the starting directory. Nested commands (`$(…)`, `bash -c '…'`) are judged
 * from the starting directory until any of them changes directory; after that their directory is
 * unknown, because the flat list of nested commands does not say which payload a `cd` belonged to.
 */
import type { BashAnalysis, BashCommand } from './bashAnalysis.js';
import type { BashCommandFacts } from './bashFacts.js';
import { commandViews } from './bashCommandViews.js';
import { commandName } from './bashWrappers.js';

export interface BashCommandSite {
  command: BashCommand;
  /** Directories it may run in; `undefined` stands for one only known when it runs. */
  cwds: Array<string | undefined>;
  /** True for commands inside substitutions, shell payloads and `find -exec`. */
  nested: boolean;
}

const DIRECTORY_CHANGERS = new Set(['cd', 'pushd', 'popd', 'source', '.']);
/**
 * Operators around commands that run in a subshell of their own, so their `cd` goes nowhere — and
 * `||`, after which the command runs only if the `cd` before it failed. Compound commands (`if`,
 * functions) show up as unanalysable and count too: their `cd` may never run.
 */
const ISOLATING_OPERATORS = new Set(['(', ')', '|', '|&', '&', '||']);

export function bashCommandSites(analysis: BashAnalysis, facts: readonly BashCommandFacts[], startCwd: string): BashCommandSite[] {
  const isolating =
    analysis.unanalysable.length > 0 || analysis.commands.some((command) => command.joinedBy !== undefined && ISOLATING_OPERATORS.has(command.joinedBy));
  const sites: BashCommandSite[] = analysis.commands.map((command, i) => {
    const followed = facts[i]?.cwd;
    return { command, cwds: followed === startCwd || !isolating ? [followed] : [followed, startCwd], nested: false };
  });
  let nestedCwd: string | undefined = startCwd;
  for (const command of analysis.allCommands.slice(analysis.commands.length)) {
    sites.push({ command, cwds: [nestedCwd], nested: true });
    if (changesDirectory(command)) nestedCwd = undefined;
  }
  return sites;
}

function changesDirectory(command: BashCommand): boolean {
  return commandViews(command).some((view) => DIRECTORY_CHANGERS.has(commandName(view.words)));
}
