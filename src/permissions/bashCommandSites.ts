/**
 * Every simple command a Bash line could run, with the directories it might run in — what the
 * destructive-command guard and the protected-path check judge relative paths against.
 *
 * The analysis follows `cd` only along the top-level commands, and it cannot tell where a subshell
 * ends (`(cd a/b); rm -rf ../..`), so each top-level command is judged from both the directory the
 * analysis followed and the starting directory. Nested commands (`$(…)`, `bash -c '…'`) are judged
 * from the starting directory until any of them changes directory; after that their directory is
 * unknown, because the flat list of nested commands does not say which payload a `cd` belonged to.
 */
import type { BashAnalysis, BashCommand } from './bashAnalysis.js';
import type { BashCommandFacts } from './bashFacts.js';
import { commandName, denyViews } from './bashWrappers.js';

export interface BashCommandSite {
  command: BashCommand;
  /** Directories it may run in; `undefined` stands for one only known when it runs. */
  cwds: Array<string | undefined>;
  /** True for commands inside substitutions, shell payloads and `find -exec`. */
  nested: boolean;
}

const DIRECTORY_CHANGERS = new Set(['cd', 'pushd', 'popd', 'source', '.']);

export function bashCommandSites(analysis: BashAnalysis, facts: readonly BashCommandFacts[], startCwd: string): BashCommandSite[] {
  const sites: BashCommandSite[] = analysis.commands.map((command, i) => {
    const followed = facts[i]?.cwd;
    return { command, cwds: followed === startCwd ? [startCwd] : [followed, startCwd], nested: false };
  });
  let nestedCwd: string | undefined = startCwd;
  for (const command of analysis.allCommands.slice(analysis.commands.length)) {
    sites.push({ command, cwds: [nestedCwd], nested: true });
    if (changesDirectory(command)) nestedCwd = undefined;
  }
  return sites;
}

function changesDirectory(command: BashCommand): boolean {
  return denyViews(command.words).some((view) => DIRECTORY_CHANGERS.has(commandName(view.words)));
}
