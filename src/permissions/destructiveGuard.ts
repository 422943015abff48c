/**
 * The destructive-command guard: a pipeline stage right after deny rules that asks before any Bash
 * command — top-level or nested in `$(…)`, `bash -c`, `eval`, `find -exec`, behind `sudo`, `env`,
 * `timeout`, `xargs` — that would delete, move away, re-own or overwrite a critical place (see
 * destructiveTargets.ts), that is recursive or forced with a target only known when it runs, or that
 * throws work away wherever it points (`git reset --hard`, `git clean -f`, `mkfs`). It asks in every
 * mode, bypassPermissions and acceptEdits included; print mode turns that into a denial.
 *
 * The one way past it is an allow rule that names the command: a `Bash(…)` rule with a specifier
 * that matches the command and spells out literally, as whole words, the program and every word
 * that made it destructive — the target as written (`~`, `"$HOME"`, `/*`) or the flag (`--hard`,
 * `-fdx`). `Bash(git reset --hard)` and `Bash(rm -rf ./build/*)` name theirs; bare `Bash`,
 * `Bash(*)`, `Bash(rm *)` and `Bash(git reset *)` do not.
 */
import { allowTextsFor, compileBashPattern } from './bashRuleMatch.js';
import { bashCommandSites, type BashCommandSite } from './bashCommandSites.js';
import type { ShellWord } from './bashTokens.js';
import type { BashSubject } from './bashPolicy.js';
import { commandViews } from './bashCommandViews.js';
import { commandName } from './bashWrappers.js';
import { destructiveUse, type DestructiveUse } from './destructiveCommands.js';
import { classifyTarget, isDevice } from './destructiveTargets.js';
import { ruleNameCoversTool } from './toolNames.js';
import type { PermissionPolicy, PermissionRule } from './types.js';

export interface DestructiveFinding {
  site: BashCommandSite;
  /** The destructive command as written, wrappers peeled (`rm -rf ~` out of `sudo rm -rf ~`). */
  text: string;
  /** One sentence: what it would destroy. */
  reason: string;
  /** The critical path it aims at, when known. */
  target?: string;
  /** Words an allow rule must spell out to let it run. */
  triggers: ShellWord[];
}

const STDIN_FEEDERS = new Set(['xargs', 'parallel']);
const UNKNOWN_REACH = 'wright cannot rule out /, your home directory or the working directory';

export function findDestructiveCommands(subject: BashSubject, policy: PermissionPolicy): DestructiveFinding[] {
  const places = { home: policy.home, workingDirectories: [policy.cwd, ...policy.workingDirectories] };
  const findings = new Map<string, DestructiveFinding>();
  for (const site of bashCommandSites(subject.analysis, subject.facts, policy.cwd)) {
    for (const view of commandViews(site.command)) {
      const use = destructiveUse(view.words);
      if (use === undefined) continue;
      const text = view.words.map((word) => word.raw).join(' ');
      const add = (reason: string, triggers: ShellWord[], target?: string) => {
        const key = `${text}\0${reason}`;
        if (!findings.has(key)) findings.set(key, { site, text, reason, triggers: [...use.triggers, ...triggers], ...(target !== undefined ? { target } : {}) });
      };
      if (use.always !== undefined) add(use.always, []);
      for (const target of use.targets) judgeTarget(use, target, site, places, add);
      if (use.unknownTargetsCount && fedFromInput(site, view.words)) {
        add(`it ${use.verb} paths read from standard input; ${UNKNOWN_REACH}`, []);
      }
    }
  }
  return [...findings.values()];
}

function judgeTarget(
  use: DestructiveUse,
  target: ShellWord,
  site: BashCommandSite,
  places: { home: string; workingDirectories: string[] },
  add: (reason: string, triggers: ShellWord[], target?: string) => void,
): void {
  if (use.devicesCritical && isDevice(target)) {
    add(`it ${use.verb} the device ${target.value}`, [target], target.value);
    return;
  }
  const verdict = classifyTarget(target, site.cwds, places);
  if (verdict.kind === 'critical' && !(use.filtered && verdict.exactWorkingDirectory)) {
    add(`it ${use.verb} ${verdict.what}`, [target], verdict.path);
  } else if (verdict.kind === 'unknown' && use.unknownTargetsCount) {
    add(`it ${use.verb} \`${target.raw}\`, which ${verdict.why}; ${UNKNOWN_REACH}`, [target]);
  }
}

/** Whether `xargs`/`parallel` in front of this view feeds it more arguments from standard input. */
function fedFromInput(site: BashCommandSite, view: readonly ShellWord[]): boolean {
  const start = site.command.words.indexOf(view[0] as ShellWord);
  return site.command.words.slice(0, Math.max(start, 0)).some((word) => STDIN_FEEDERS.has(commandName([word])));
}

/** An allow rule that names this destructive command (see the header), if there is one. */
export function ruleNamingDestructiveCommand(finding: DestructiveFinding, rules: readonly PermissionRule[]): PermissionRule | undefined {
  const texts = allowTextsFor(finding.site.command);
  return rules.find((rule) => {
    if (rule.specifier === undefined || !ruleNameCoversTool(rule.toolName, 'Bash', 'allow')) return false;
    const pattern = compileBashPattern(rule.specifier);
    if (!texts.some((text) => pattern.matches(text))) return false;
    const specifier = rule.specifier.trim().replace(/:\*$/, ' *');
    return finding.triggers.every((word) => namesWord(specifier, word.raw) || namesWord(specifier, word.value));
  });
}

/**
 * `text` appears in the specifier as whole words: between spaces or the specifier's ends. A word of
 * nothing but stars (`rm -rf *`) is only named when its stars are escaped (`Bash(rm -rf \*)`):
 * unescaped, they are the rule's wildcard, not the glob.
 */
function namesWord(specifier: string, text: string): boolean {
  if (text === '') return false;
  if (/^\*+$/.test(text)) text = text.replace(/\*/g, '\\*');
  for (let at = specifier.indexOf(text); at !== -1; at = specifier.indexOf(text, at + 1)) {
    const before = at === 0 ? ' ' : specifier[at - 1];
    const after = at + text.length === specifier.length ? ' ' : specifier[at + text.length];
    if (before === ' ' && after === ' ') return true;
  }
  return false;
}

/** The first destructive command no allow rule names, or undefined when there is none. */
export function unapprovedDestructiveCommand(subject: BashSubject, policy: PermissionPolicy): DestructiveFinding | undefined {
  return findDestructiveCommands(subject, policy).find((finding) => ruleNamingDestructiveCommand(finding, policy.rules.allow) === undefined);
}

/** The rule to suggest: the command exactly as it is written. */
export function suggestedRuleFor(finding: DestructiveFinding): string {
  return `Bash(${finding.site.command.effective.map((word) => word.raw).join(' ')})`;
}
