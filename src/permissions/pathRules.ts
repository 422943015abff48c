/**
 * `Read(pattern)` and `Edit(pattern)` rules, gitignore-style. Anchors:
 *   `//abs/path` absolute · `~/x` home · `/x` the rule's root (its settings file's root) ·
 *   `./x` or `x/y` the cwd · a bare name with no `/` (`.env`, `*.pem`) matches at any depth below cwd.
 * `*` matches within one segment, `**` across segments; a pattern that matches a directory covers
 * everything inside it (`Read(./secrets)` ≡ `Read(./secrets/**)`). A leading `!` is literal: rules
 * never negate. An `Edit` allow rule also allows reading there; a `Read` deny or ask rule also covers
 * editing there. Path rules named after other file tools (`Write(…)`, `Glob(…)`) count as Edit or Read.
 */
import picomatch from 'picomatch';
import { isAbsolute, relative, resolve } from 'node:path';
import { realPathOf, type ResolvedPath } from './pathResolution.js';
import { EDIT_FILE_TOOLS, READ_FILE_TOOLS } from './toolNames.js';
import type { PermissionBehavior, PermissionRule } from './types.js';

export type FileAccess = 'read' | 'edit';

export interface PathRuleContext {
  cwd: string;
  home: string;
}

/** Case-insensitive file systems make `Secrets` and `secrets` the same file. */
const CASE_INSENSITIVE = process.platform === 'darwin' || process.platform === 'win32';

/** The kind of file access a tool performs, or undefined when it touches no file. */
export function fileAccessOfTool(toolName: string): FileAccess | undefined {
  if (READ_FILE_TOOLS.has(toolName)) return 'read';
  if (EDIT_FILE_TOOLS.has(toolName)) return 'edit';
  return undefined;
}

/**
 * The path a file tool call touches: `file_path`, `notebook_path`, or `path` (default: cwd). For
 * Glob, the fixed start of the pattern counts too: `{pattern: "/etc/**"}` searches /etc.
 */
export function toolInputPath(toolName: string, input: Record<string, unknown>, cwd: string): string | undefined {
  const access = fileAccessOfTool(toolName);
  if (access === undefined) return undefined;
  for (const key of ['file_path', 'notebook_path']) {
    const value = input[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  if (toolName !== 'Glob' && toolName !== 'Grep' && toolName !== 'LS') {
    return typeof input['path'] === 'string' && input['path'] !== '' ? input['path'] : undefined;
  }
  const base = typeof input['path'] === 'string' && input['path'] !== '' ? input['path'] : cwd;
  const pattern = toolName === 'Glob' && typeof input['pattern'] === 'string' ? input['pattern'] : '';
  const fixed = pattern.slice(0, pattern.lastIndexOf('/', pattern.search(/[*?[{]|$/)) + 1);
  if (fixed === '') return base;
  return isAbsolute(fixed) || fixed.startsWith('~') ? fixed : `${base}/${fixed}`;
}

/** Whether a path rule (one with a specifier, on a file tool) applies to this access and behavior. */
export function pathRuleApplies(rule: PermissionRule, access: FileAccess, behavior: PermissionBehavior): boolean {
  if (rule.specifier === undefined) return false;
  const ruleAccess = fileAccessOfTool(rule.toolName);
  if (ruleAccess === undefined) return false;
  if (ruleAccess === access) return true;
  // Edit allow grants reading; Read deny/ask also guards editing.
  return behavior === 'allow' ? ruleAccess === 'edit' && access === 'read' : ruleAccess === 'read' && access === 'edit';
}

/**
 * Whether a path rule matches a resolved path. For deny and ask, either the path as written or the
 * symlink target matching is enough; for allow, both must match.
 */
export function pathRuleMatches(rule: PermissionRule, target: ResolvedPath, behavior: PermissionBehavior, context: PathRuleContext): boolean {
  const pattern = compilePathPattern(rule, context);
  const lexical = pattern.matches(target.lexical);
  const real = pattern.matches(target.real);
  return behavior === 'allow' ? lexical && real : lexical || real;
}

interface PathPattern {
  matches(absolutePath: string): boolean;
}

interface AnchoredPattern {
  /** The directory the pattern is relative to. */
  anchor: string;
  /** The glob below the anchor, without trailing slashes; `**` for "everything". */
  body: string;
  /** A bare name (`.env`, `*.pem`): matches at any depth below the anchor. */
  anyDepth: boolean;
}

function anchorPattern(rule: PermissionRule, context: PathRuleContext): AnchoredPattern {
  const specifier = (rule.specifier ?? '').trim();
  let anchor: string;
  let body: string;
  let anyDepth = false;
  if (specifier.startsWith('//')) [anchor, body] = ['/', specifier.slice(2)];
  else if (specifier === '~' || specifier.startsWith('~/')) [anchor, body] = [context.home, specifier.slice(2)];
  else if (specifier.startsWith('/')) [anchor, body] = [resolve(context.cwd, rule.root), specifier.slice(1)];
  else if (specifier.startsWith('./')) [anchor, body] = [context.cwd, specifier.slice(2)];
  else {
    [anchor, body] = [context.cwd, specifier];
    anyDepth = !body.replace(/\/+$/, '').includes('/');
  }
  body = body.replace(/\/+$/, '');
  if (body === '' || body === '.') body = '**';
  return { anchor: resolve(anchor), body, anyDepth };
}

export function compilePathPattern(rule: PermissionRule, context: PathRuleContext): PathPattern {
  const { anchor, body, anyDepth } = anchorPattern(rule, context);
  const isMatch = picomatch(anyDepth ? `**/${body}` : body, { dot: true, nonegate: true, nocase: CASE_INSENSITIVE });
  const anchors = [...new Set([anchor, realPathOf(anchor)])];
  return {
    matches(absolutePath: string): boolean {
      return anchors.some((root) => {
        const rel = relative(root, absolutePath);
        if (rel === '..' || rel.startsWith('../') || isAbsolute(rel)) return false;
        if (rel === '') return body === '**';
        // gitignore: matching a directory covers everything below it.
        const segments = rel.split('/');
        return segments.some((_, i) => isMatch(segments.slice(0, i + 1).join('/')));
      });
    },
  };
}

/**
 * The directories below which a path rule could match anything: used to tell whether a shell glob
 * (`cat src/*`) might reach a file the rule guards.
 */
export function pathRuleScopes(rule: PermissionRule, context: PathRuleContext): string[] {
  const { anchor, body, anyDepth } = anchorPattern(rule, context);
  const segments = body.split('/');
  const firstGlob = segments.findIndex((segment) => /[*?[\]{}()!+@]/.test(segment));
  const fixed = anyDepth ? [] : segments.slice(0, firstGlob === -1 ? segments.length : firstGlob);
  const scope = resolve(anchor, ...fixed);
  return [...new Set([scope, realPathOf(scope)])];
}
