/**
 * Reads the simple commands out of a tree-sitter-bash syntax tree, in the order they appear: through
 * lists and pipelines (`&& || ; | |& &`, newlines), subshells, `{ … }` groups, `!`, `[ … ]`, and the
 * bodies of `if`, `while`/`until`, `for`/`select` and `case`, so every command that may run is judged
 * on its own. Redirections on a compound command apply to every command inside it. Substitutions are
 * not entered here (see bashSubstitutions.ts); here-documents are read in bashHereDocuments.ts.
 *
 * Where tree-sitter-bash 0.25 groups differently from bash, bash wins:
 *  - `a && b > out` comes back as `(a && b) > out`; the redirection belongs to `b` alone.
 *  - `echo >out a` comes back with `a` as a second redirection target; it is an argument of `echo`.
 *
 * A command is `nested` when it runs in a subshell, a pipeline, a compound command or in the
 * background: a `cd` there does not carry over the way a flat reading of the line would assume.
 */
import { readHereDocument } from './bashHereDocuments.js';
import type { SyntaxNode } from './bashSyntaxTree.js';
import { ISSUE, type ShellOperator, type ShellRedirect, type ShellWord } from './bashTokens.js';
import { buildWord, groupWordPieces, type WordProblems } from './bashWords.js';
import { isSafeAssignment } from './bashWrappers.js';

export interface BashSimpleCommand {
  /** Words in order, leading `VAR=value` assignments and wrappers included. */
  words: ShellWord[];
  redirects: ShellRedirect[];
  /** The operator between this command and the previous one (undefined for the first). */
  joinedBy: ShellOperator | undefined;
}

export interface CommandStructure {
  commands: BashSimpleCommand[];
  /** The commands (of `commands`) that run nested, as described above. */
  nested: Set<BashSimpleCommand>;
  issues: Set<string>;
}

const OPERATORS = new Set<string>(['&&', '||', ';', ';;', ';&', ';;&', '|', '|&', '&']);
const REDIRECTS = new Set(['file_redirect', 'heredoc_redirect', 'herestring_redirect']);
const SIMPLE = new Set(['command', 'declaration_command', 'unset_command', 'variable_assignment', 'variable_assignments']);
const SUBSTITUTIONS = new Set(['command_substitution', 'process_substitution']);
/** Nodes whose statements run in a subshell or only sometimes. */
const NESTING = new Set([
  'subshell', 'compound_statement', 'pipeline', 'if_statement', 'while_statement', 'for_statement',
  'c_style_for_statement', 'case_statement', 'function_definition',
]);
/** Statements: never part of a command's words (assignments are, at its start). */
const STATEMENTS = new Set([
  'command', 'declaration_command', 'unset_command', ...NESTING, 'list', 'negated_command', 'redirected_statement', 'test_command',
]);
const WORD_FIELDS = new Set(['variable', 'value', 'name', 'condition_value']);
/** Inside `[ … ]`: expression nodes whose parts are separate words. */
const TEST_EXPRESSIONS = new Set(['unary_expression', 'binary_expression', 'parenthesized_expression', 'ternary_expression', 'postfix_expression']);

interface Frame {
  node: SyntaxNode;
  redirects: ShellRedirect[];
  nested: boolean;
  /** Arguments the grammar put among the redirection targets (`echo >out a`). */
  extraWords?: ShellWord[];
}

interface ReadRedirects {
  redirects: ShellRedirect[];
  words: ShellWord[];
}

export function readSimpleCommands(source: string, root: SyntaxNode): CommandStructure {
  const reader = new StructureReader(source);
  return reader.read(root);
}

class StructureReader {
  private readonly structure: CommandStructure = { commands: [], nested: new Set(), issues: new Set() };
  private readonly problems: WordProblems = { unrecognisedSubstitution: false };
  private pending: ShellOperator | undefined;

  constructor(private readonly source: string) {}

  read(root: SyntaxNode): CommandStructure {
    const stack: Frame[] = [{ node: root, redirects: [], nested: false }];
    const pushAll = (frames: Frame[]) => {
      for (let i = frames.length - 1; i >= 0; i--) stack.push(frames[i] as Frame);
    };
    for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
      const { node, redirects, nested } = frame;
      if (!node.named) {
        if (OPERATORS.has(node.type)) this.pending = node.type as ShellOperator;
        // `a & b`: the command before `&` runs in the background.
        if (node.type === '&') this.markLastNested();
        continue;
      }
      if (SIMPLE.has(node.type) || (node.type === 'test_command' && node.children[0]?.type === '[')) {
        this.emit(this.simpleCommand(node, redirects, frame.extraWords ?? []), nested);
        continue;
      }
      if (frame.extraWords !== undefined && frame.extraWords.length > 0) {
        this.structure.issues.add(ISSUE.couldNotParse('words after a redirection of a compound command'));
      }
      // Commands inside substitutions are analysed from their own text (see bashAnalysis.ts).
      if (SUBSTITUTIONS.has(node.type)) continue;
      if (node.type === 'redirected_statement') {
        pushAll(this.redirectedStatement(node, frame));
        continue;
      }
      if (node.type === 'for_statement') this.checkLoopVariable(node);
      const inner = nested || NESTING.has(node.type);
      pushAll(
        node.children
          .filter((child) => child.type !== 'comment' && !REDIRECTS.has(child.type) && !isWordPart(node, child))
          .map((child) => ({ node: child, redirects, nested: inner })),
      );
    }
    if (this.problems.unrecognisedSubstitution) this.structure.issues.add(ISSUE.couldNotParse('a substitution the parser did not recognise'));
    return this.structure;
  }

  private emit(command: BashSimpleCommand, nested: boolean): void {
    const { commands } = this.structure;
    command.joinedBy = commands.length === 0 ? undefined : (this.pending ?? '\n');
    this.pending = undefined;
    commands.push(command);
    if (nested) this.structure.nested.add(command);
  }

  private markLastNested(): void {
    const last = this.structure.commands[this.structure.commands.length - 1];
    if (last !== undefined) this.structure.nested.add(last);
  }

  /**
   * `body > file`: the redirections apply to the whole body, except that for a list or pipeline
   * they belong to its last command. A here-document's node also holds what follows its operator on
   * the same line (`cat <<EOF | sh`, `cat <<EOF && rm x`): those run after the body, without it.
   */
  private redirectedStatement(node: SyntaxNode, frame: Frame): Frame[] {
    const own: ShellRedirect[] = [];
    const words: ShellWord[] = [];
    const after: Frame[] = [];
    for (const child of node.children) {
      if (!REDIRECTS.has(child.type)) continue;
      const read = this.readRedirect(child);
      own.push(...read.redirects);
      words.push(...read.words);
      if (child.type !== 'heredoc_redirect') continue;
      for (const part of child.children) {
        const follows = OPERATORS.has(part.type) || (part.named && !REDIRECTS.has(part.type) && !part.type.startsWith('heredoc_'));
        if (follows) after.push({ node: part, redirects: frame.redirects, nested: frame.nested });
      }
    }
    const body = node.children.filter((child) => child.named && !REDIRECTS.has(child.type) && child.type !== 'comment');
    const redirects = [...frame.redirects, ...own];
    if (body.length === 0) {
      // `> file` alone: a command with no words that still creates the file.
      const empty: SyntaxNode = { type: 'command', named: true, missing: false, field: 'body', start: node.start, end: node.start, children: [] };
      return [{ node: empty, redirects, nested: frame.nested, extraWords: words }, ...after];
    }
    return [...body.flatMap((child) => distribute(child, frame, redirects, words)), ...after];
  }

  private simpleCommand(node: SyntaxNode, inherited: ShellRedirect[], extraWords: ShellWord[]): BashSimpleCommand {
    const words: ShellWord[] = [];
    const redirects: ShellRedirect[] = [];
    let pieces: SyntaxNode[] = [];
    const flush = () => {
      words.push(...groupWordPieces(this.source, pieces).map((group) => buildWord(this.source, group, this.problems)));
      pieces = [];
    };
    const parts = node.type === 'variable_assignment' ? [node] : node.type === 'test_command' ? testPieces(node) : node.children;
    for (const child of parts) {
      if (child.type === 'comment') continue;
      if (REDIRECTS.has(child.type)) {
        flush();
        const read = this.readRedirect(child);
        redirects.push(...read.redirects);
        words.push(...read.words);
        continue;
      }
      if (STATEMENTS.has(child.type)) this.structure.issues.add(ISSUE.couldNotParse(`\`${this.text(child)}\` inside a command's words`));
      pieces.push(child);
    }
    flush();
    words.push(...extraWords);
    // `coproc cmd` runs cmd in the background; the grammar reads `coproc` as a command name.
    if (words[0]?.raw === 'coproc') {
      this.structure.issues.add(ISSUE.keyword('coproc'));
      words.shift();
    }
    return { words, redirects: [...redirects, ...inherited], joinedBy: undefined };
  }

  private readRedirect(node: SyntaxNode): ReadRedirects {
    const issues = this.structure.issues;
    if (node.type === 'heredoc_redirect') {
      const document = readHereDocument(this.source, node);
      if (document.mismatch) issues.add(ISSUE.hereDocumentMismatch);
      const read: ReadRedirects = { redirects: [document.redirect], words: [] };
      for (const child of node.children) {
        if (child.field !== 'redirect' || !REDIRECTS.has(child.type)) continue;
        const more = this.readRedirect(child);
        read.redirects.push(...more.redirects);
        read.words.push(...more.words);
      }
      return read;
    }
    const operatorNode = node.children.find((child) => !child.named);
    const operator = operatorNode?.type ?? '';
    const descriptor = node.children.find((child) => child.type === 'file_descriptor');
    const targetPieces = node.children.filter((child) => child !== operatorNode && child !== descriptor && child.type !== 'comment');
    const redirect: ShellRedirect = operator.endsWith('&-')
      ? { operator: operator.slice(0, -1), target: { raw: '-', value: '-', hasExpansion: false, hasGlob: false, startsWithTilde: false } }
      : { operator };
    if (descriptor !== undefined) redirect.fd = this.text(descriptor);
    const groups = groupWordPieces(this.source, targetPieces);
    const [target, ...rest] = groups.map((group) => buildWord(this.source, group, this.problems));
    if (target !== undefined) {
      redirect.target = target;
      // bash never looks past the end of the line for a target.
      if (operatorNode !== undefined && this.source.slice(operatorNode.end, targetPieces[0]?.start).includes('\n')) {
        issues.add(ISSUE.couldNotParse(ISSUE.redirectWithoutTarget));
      }
    } else if (redirect.target === undefined) issues.add(ISSUE.redirectWithoutTarget);
    return { redirects: [redirect], words: rest };
  }

  /** `for PATH in /tmp/evil; do ls; done` assigns PATH for the body, like `PATH=/tmp/evil ls`. */
  private checkLoopVariable(node: SyntaxNode): void {
    const variable = node.children.find((child) => child.field === 'variable');
    if (variable === undefined) return;
    const name = this.text(variable);
    const asAssignment: ShellWord = { raw: `${name}=`, value: `${name}=`, hasExpansion: false, hasGlob: false, startsWithTilde: false };
    if (!isSafeAssignment(asAssignment)) this.structure.issues.add(ISSUE.loopVariable(name));
  }

  private text(node: SyntaxNode): string {
    return this.source.slice(node.start, node.end);
  }
}

/** Frames for a redirected body: a list or pipeline passes the redirections on to its last command. */
function distribute(body: SyntaxNode, frame: Frame, redirects: ShellRedirect[], extraWords: ShellWord[]): Frame[] {
  if (body.type !== 'list' && body.type !== 'pipeline') return [{ node: body, redirects, nested: frame.nested, extraWords }];
  const nested = frame.nested || body.type === 'pipeline';
  const parts = body.children.filter((child) => child.type !== 'comment');
  let last = -1;
  parts.forEach((child, i) => {
    if (child.named) last = i;
  });
  return parts.flatMap((child, i) =>
    i === last ? distribute(child, { ...frame, nested }, redirects, extraWords) : [{ node: child, redirects: frame.redirects, nested }],
  );
}

/** `for x in WORDS`, `case WORD in PATTERN|PATTERN)`: words, not statements or operators. */
function isWordPart(parent: SyntaxNode, child: SyntaxNode): boolean {
  if (child.named) return WORD_FIELDS.has(child.field ?? '');
  return parent.type === 'case_item' && child.type === '|';
}

/** The words of `[ … ]`: the grammar nests them in expression nodes. */
function testPieces(node: SyntaxNode): SyntaxNode[] {
  const pieces: SyntaxNode[] = [];
  const stack = [...node.children].reverse();
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (TEST_EXPRESSIONS.has(next.type)) stack.push(...[...next.children].reverse());
    else pieces.push(next);
  }
  return pieces;
}
