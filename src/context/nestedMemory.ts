// Memory that applies to part of a repository: WRIGHT.md / AGENTS.md / CLAUDE.md files in directories
// below the working directory, and rules whose `paths:` match. Each is given to the model the first
// time a file there is touched (read or written), next to that tool's result, and again after a
// compaction has dropped it.
import { dirname, isAbsolute, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { directoriesFromRootToCwd, directoryCandidates, loadCandidates, type MemoryFile } from './memoryFiles.js';
import type { MemoryRule } from './memoryRules.js';
import { nestedMemoryReminder } from './memoryReminder.js';

/** What the agent needs: the reminder for newly applicable memory, and a way to start over after compaction. */
export interface NestedMemoryLookup {
  discover(paths: readonly string[]): Promise<string | null>;
  reset(): void;
}

export interface NestedMemoryOptions {
  cwd: string;
  projectRoot: string;
  home: string;
  /** Canonical paths of the memory files loaded at start: never attached again. */
  loadedAtStart: ReadonlySet<string>;
  scopedRules: readonly MemoryRule[];
}

export class NestedMemory implements NestedMemoryLookup {
  private attached = new Set<string>();
  private readonly alwaysLoaded: Set<string>;
  private readonly matchers: Array<{ rule: MemoryRule; matches: (path: string) => boolean }>;

  constructor(private readonly options: NestedMemoryOptions) {
    this.alwaysLoaded = new Set(directoriesFromRootToCwd(options.projectRoot, options.cwd));
    this.matchers = options.scopedRules.map((rule) => ({ rule, matches: picomatch(rule.globs, { dot: true }) }));
  }

  async discover(paths: readonly string[]): Promise<string | null> {
    const found: MemoryFile[] = [];
    for (const path of paths) {
      const inProject = relative(this.options.projectRoot, path);
      if (inProject === '' || inProject.startsWith(`..${sep}`) || inProject === '..' || isAbsolute(inProject)) continue;
      const seen = new Set([...this.options.loadedAtStart, ...this.attached]);
      const directories = directoriesFromRootToCwd(this.options.projectRoot, dirname(path)).filter((dir) => !this.alwaysLoaded.has(dir));
      const loaded = await loadCandidates(directories.flatMap(directoryCandidates), this.options.home, seen);
      for (const canonical of seen) if (!this.options.loadedAtStart.has(canonical)) this.attached.add(canonical);
      found.push(...loaded.files);
      const relativePath = inProject.split(sep).join('/');
      for (const { rule, matches } of this.matchers) {
        if (this.attached.has(rule.path) || !matches(relativePath)) continue;
        this.attached.add(rule.path);
        found.push(rule);
      }
    }
    return found.length === 0 ? null : nestedMemoryReminder(found);
  }

  reset(): void {
    this.attached = new Set();
  }
}
