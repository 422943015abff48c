/**
 * Splits lexed tokens into simple commands at every control operator (`&& || ; | |& &`, newlines and
 * the case terminators). Compound syntax (subshells, groups, `if`/`for`/`while`/`case`, `[[ … ]]`,
 * function definitions) is reported as an issue, and its keywords are peeled off the front of each
 * piece so that deny rules still see the commands inside (`if true; then rm -rf /; fi` → `rm -rf /`).
 */
import type { ShellOperator, ShellRedirect, ShellToken, ShellWord } from './bashLexer.js';

export interface BashSimpleCommand {
  /** Words in order, leading `VAR=value` assignments and wrappers included. */
  words: ShellWord[];
  redirects: ShellRedirect[];
  /** The operator between this command and the previous one (undefined for the first). */
  joinedBy: ShellOperator | undefined;
}

/** Reserved words that open or continue compound commands; `time` and `!` are handled elsewhere. */
const COMPOUND_KEYWORDS = new Set([
  'if', 'then', 'elif', 'else', 'fi', 'for', 'select', 'while', 'until', 'do', 'done',
  'case', 'esac', 'function', 'coproc', '{', '}', '[[', ']]',
]);

export const STRUCTURE_ISSUE = {
  subshell: 'subshell, group or function definition ( … )',
  keyword: (word: string) => `compound command or shell keyword \`${word}\``,
} as const;

export function splitSimpleCommands(tokens: readonly ShellToken[]): { commands: BashSimpleCommand[]; issues: string[] } {
  const issues = new Set<string>();
  const commands: BashSimpleCommand[] = [];
  let current: BashSimpleCommand = { words: [], redirects: [], joinedBy: undefined };

  const close = (next: ShellOperator | undefined) => {
    const words = stripLeadingKeywords(current.words, issues);
    if (words.length > 0 || current.redirects.length > 0) commands.push({ ...current, words });
    current = { words: [], redirects: [], joinedBy: next };
  };

  for (const token of tokens) {
    if (token.kind === 'word') current.words.push(token.word);
    else if (token.kind === 'redirect') current.redirects.push(token.redirect);
    else {
      if (token.operator === '(' || token.operator === ')') issues.add(STRUCTURE_ISSUE.subshell);
      close(token.operator);
    }
  }
  close(undefined);
  return { commands, issues: [...issues] };
}

/** Peels `!`, `{`, `then`, `do`… off the front; each word after one is again in command position. */
function stripLeadingKeywords(words: ShellWord[], issues: Set<string>): ShellWord[] {
  let start = 0;
  for (; start < words.length; start++) {
    const word = words[start] as ShellWord;
    if (word.raw === '!') continue;
    if (!COMPOUND_KEYWORDS.has(word.raw)) break;
    issues.add(STRUCTURE_ISSUE.keyword(word.raw));
  }
  let end = words.length;
  // A closing `}` or `]]` at the end of a piece belongs to the compound syntax, not to the command.
  while (end > start && (words[end - 1]?.raw === '}' || words[end - 1]?.raw === ']]')) {
    issues.add(STRUCTURE_ISSUE.keyword(words[end - 1]?.raw as string));
    end--;
  }
  return words.slice(start, end);
}
