import { cwdCaptureLines } from './shellCwd.js';
import { sourceEnvFileLine } from './shellEnvFile.js';
import { shellQuote } from './shellQuote.js';

export interface ScriptParts {
  command: string;
  /** Foreground commands record their final directory here. */
  cwdCaptureFile?: string;
  snapshotFile?: string;
  /** `errorFile` collects a failed sourcing's messages; without it they go to the command's stderr. */
  envFile?: { path: string; errorFile?: string };
}

/**
 * The script bash runs for one command: the cwd trap, then the shell snapshot, then the env file (which
 * may override what the snapshot set), each on its own line, and last the command itself.
 */
export function buildCommandScript(parts: ScriptParts): string {
  const lines: string[] = [];
  if (parts.cwdCaptureFile) lines.push(cwdCaptureLines(parts.cwdCaptureFile));
  if (parts.snapshotFile) lines.push(`. ${shellQuote(parts.snapshotFile)} </dev/null >/dev/null 2>&1 || :`);
  if (parts.envFile) {
    lines.push(
      parts.envFile.errorFile
        ? sourceEnvFileLine(parts.envFile.path, parts.envFile.errorFile)
        : `. ${shellQuote(parts.envFile.path)} </dev/null >/dev/null || :`,
    );
  }
  lines.push(parts.command);
  return lines.join('\n');
}
