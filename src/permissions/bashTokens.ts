/** The vocabulary the Bash parser produces and the rest of the analysis consumes. */

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

export type ShellOperator = '&&' | '||' | ';' | ';;' | ';&' | ';;&' | '|' | '|&' | '&' | '\n';

export const ISSUE = {
  commandSubstitution: 'command substitution $(…)',
  backtickSubstitution: 'command substitution `…`',
  processSubstitution: 'process substitution <(…) or >(…)',
  arithmeticExpansion: 'arithmetic expansion $((…))',
  arithmeticCommand: 'arithmetic command ((…)) or for ((…))',
  /** `${a[i]}`, `${s:i}`, `${!p}` and `a[i]=` evaluate `i` as arithmetic, which can run `$(…)` hidden in a variable. */
  arithmeticInExpansion: 'array subscript, substring or indirect expansion evaluated as arithmetic',
  unbalancedQuotes: 'unbalanced quotes',
  unbalancedParentheses: 'unbalanced parentheses',
  redirectWithoutTarget: 'redirection without a target',
  hereDocumentMismatch: 'here-document whose end wright cannot be sure of',
  functionDefinition: 'subshell, group or function definition ( … )',
  testCommand: 'compound command or shell keyword `[[`',
  keyword: (word: string) => `compound command or shell keyword \`${word}\``,
  loopVariable: (name: string) => `for loop assigning \`${name}\``,
  directoryChangeInScope: 'a directory change inside a subshell, pipeline, compound command or background job',
  parserNotReady: 'the Bash parser is not loaded yet',
  couldNotParse: (detail: string | undefined) => (detail === undefined ? 'could not be parsed' : `could not be parsed: ${detail}`),
} as const;
