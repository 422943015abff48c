/**
 * Loads tree-sitter-bash (web-tree-sitter, WebAssembly) once per process and turns a command line into
 * a plain `SyntaxNode` tree. Loading is asynchronous and parsing is not, so callers start
 * `initBashParser()` early (the CLI awaits it before the first permission decision) and
 * `parseBash` answers `undefined` until it is ready; the analysis then treats the command as
 * unanalysable, which only ever means asking.
 *
 * The two .wasm files are looked for beside the running module (the build copies them into dist/),
 * one level up (a bundled chunk lives in dist/chunks/), and in node_modules (running from source).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Language, Parser } from 'web-tree-sitter';
import { toSyntaxTree, type SyntaxNode } from './bashSyntaxTree.js';

export const RUNTIME_WASM = 'tree-sitter.wasm';
export const BASH_GRAMMAR_WASM = 'tree-sitter-bash.wasm';
const PACKAGE_PATHS: Record<string, string> = {
  [RUNTIME_WASM]: 'web-tree-sitter/tree-sitter.wasm',
  [BASH_GRAMMAR_WASM]: 'tree-sitter-bash/tree-sitter-bash.wasm',
};

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** Idempotent: the first call loads the parser, later calls return the same promise. */
export function initBashParser(): Promise<void> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

export function isBashParserReady(): boolean {
  return parser !== undefined;
}

async function load(): Promise<void> {
  const [runtime, grammar, treeSitter] = await Promise.all([
    readWasm(RUNTIME_WASM),
    readWasm(BASH_GRAMMAR_WASM),
    import('web-tree-sitter'),
  ]);
  await treeSitter.Parser.init({ wasmBinary: runtime });
  const language: Language = await treeSitter.Language.load(grammar);
  const ready = new treeSitter.Parser();
  ready.setLanguage(language);
  parser = ready;
}

/** Candidate locations for one wasm file, most specific first. */
export function wasmCandidates(file: string, moduleUrl: string = import.meta.url): string[] {
  const candidates = [fileURLToPath(new URL(file, moduleUrl)), fileURLToPath(new URL(`../${file}`, moduleUrl))];
  try {
    candidates.push(createRequire(moduleUrl).resolve(PACKAGE_PATHS[file] as string));
  } catch {
    // Not installed: only the copies beside the bundle can serve.
  }
  return candidates;
}

async function readWasm(file: string): Promise<Uint8Array> {
  const candidates = wasmCandidates(file);
  for (const path of candidates) {
    try {
      return await readFile(path);
    } catch {
      // Try the next location.
    }
  }
  throw new Error(
    `cannot load the Bash parser: ${file} was not found (looked in ${candidates.join(', ')}). ` +
      'The installation is incomplete; reinstall wright (or run `npm run build` in a checkout).',
  );
}

/** The syntax tree of `source`, or undefined while the parser is not loaded. */
export function parseBash(source: string): SyntaxNode | undefined {
  if (parser === undefined) return undefined;
  const tree = parser.parse(source);
  if (tree === null) return undefined;
  try {
    return toSyntaxTree(tree.walk());
  } finally {
    tree.delete();
  }
}
