import type { ToolContext } from './types.js';

/**
 * The context's read-deny predicate, asked at most once per path (one search can print thousands of
 * lines from the same file).
 */
export function readDenialCheck(ctx: Pick<ToolContext, 'isReadDenied'>): (absolutePath: string) => boolean {
  const isReadDenied = ctx.isReadDenied;
  if (isReadDenied === undefined) return () => false;
  const answers = new Map<string, boolean>();
  return (absolutePath) => {
    let denied = answers.get(absolutePath);
    if (denied === undefined) {
      denied = isReadDenied(absolutePath);
      answers.set(absolutePath, denied);
    }
    return denied;
  };
}

/** Tells the model that results are missing on purpose, so it does not conclude the files are absent. */
export function hiddenFilesNote(hiddenFiles: number): string {
  return `(${hiddenFiles} file${hiddenFiles === 1 ? '' : 's'} hidden by permission deny rules)`;
}
