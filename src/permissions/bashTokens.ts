/** The vocabulary the Bash lexer produces and the rest of the analysis consumes. */

export interface ShellWord {
  /** The word as written, quotes included. */
  raw: string;
  /** After quote removal and escape processing; expansions are left as written. */
  value: string;
  /** Contains a parameter, arithmetic or command expansion (unquoted or in double quotes). */
  hasExpansion: boolean;
  /** Contains an unquoted glob (`* ? [`) or brace expansion, so it may become several paths. */
  hasGlob: boolean;
  /** Starts with an unquoted `~`. */
  startsWithTilde: boolean;
}

export interface ShellRedirect {
  operator: string;
  /** Explicit file descriptor written before the operator (`2>`), if any. */
  fd?: string;
  /** The word after the operator; for a here-document, its delimiter. */
  target?: ShellWord;
  heredoc?: { body: string; expands: boolean };
}

export type ShellOperator = '&&' | '||' | ';' | ';;' | ';&' | ';;&' | '|' | '|&' | '&' | '(' | ')' | '\n';

export type ShellToken =
  | { kind: 'word'; word: ShellWord }
  | { kind: 'operator'; operator: ShellOperator }
  | { kind: 'redirect'; redirect: ShellRedirect };

export interface ShellLexResult {
  tokens: ShellToken[];
  /** Constructs found that a simple-command analysis cannot reason about (deduplicated). */
  issues: string[];
  /** Text of commands that run inside this one: `$(…)`, backticks, `<(…)`, `>(…)`. */
  substitutions: string[];
}

export const ISSUE = {
  commandSubstitution: 'command substitution $(…)',
  backtickSubstitution: 'command substitution `…`',
  processSubstitution: 'process substitution <(…) or >(…)',
  arithmeticExpansion: 'arithmetic expansion $((…))',
  unbalancedQuotes: 'unbalanced quotes',
  unbalancedParentheses: 'unbalanced parentheses',
  hereDocument: 'here-document',
  redirectWithoutTarget: 'redirection without a target',
  tooDeeplyNested: 'substitutions nested too deeply',
} as const;
