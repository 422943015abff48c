/**
 * The word and redirection types used across the permission modules. The hand-written lexer that
 * lived here was replaced by tree-sitter-bash (bashParser.ts); this module only keeps the import
 * path that other modules use. New code imports from bashTokens.ts.
 */
export type { ShellOperator, ShellRedirect, ShellWord } from './bashTokens.js';
