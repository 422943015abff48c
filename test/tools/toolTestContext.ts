import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileReadLedger } from '../../src/tools/fileReadLedger.js';
import { createToolSessionState } from '../../src/tools/index.js';
import { policyModeControl } from '../../src/permissions/modeControl.js';
import type { ToolContext, ToolResult } from '../../src/tools/types.js';

const createdDirectories: string[] = [];

/** A fresh real directory under the OS temp dir (symlinks resolved, so `pwd -P` agrees with it). */
export function makeTempDir(): string {
  const directory = realpathSync(mkdtempSync(join(tmpdir(), 'wright-tools-')));
  createdDirectories.push(directory);
  return directory;
}

export function removeTempDirs(): void {
  for (const directory of createdDirectories.splice(0)) rmSync(directory, { recursive: true, force: true });
}

export function makeContext(cwd: string, overrides: Partial<ToolContext> = {}): ToolContext {
  return {
    cwd,
    workingDirectories: [cwd],
    signal: new AbortController().signal,
    readLedger: new FileReadLedger(),
    session: createToolSessionState(cwd),
    env: { ...process.env },
    modelFeatures: { provider: 'anthropic', documentBlocks: true },
    interaction: { askQuestions: async () => null },
    permissionMode: policyModeControl({ mode: 'default' }),
    ...overrides,
  };
}

/** The result's text, whether it came as a string or as text blocks. */
export function textOf(result: ToolResult): string {
  if (typeof result.content === 'string') return result.content;
  return result.content.map((block) => (block.type === 'text' ? block.text : `[${block.type}]`)).join('\n');
}

/** Read deny rules as a predicate: every `.env` file, and everything under `<root>/secrets/`. */
export function deniesEnvAndSecrets(root: string): (absolutePath: string) => boolean {
  return (absolutePath) => absolutePath.endsWith('/.env') || absolutePath.startsWith(join(root, 'secrets') + '/');
}
