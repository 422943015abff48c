import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import React from 'react';
import { PromptInput, type PromptInputProps } from '../../../src/ui/input/PromptInput.js';
import type { PromptHistory } from '../../../src/ui/input/promptHistory.js';

export const KEYS = {
  enter: '\r',
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  escape: '\u001b',
  tab: '\t',
  backspace: '\u007f',
  ctrlA: '\u0001',
  ctrlC: '\u0003',
  ctrlD: '\u0004',
  ctrlG: '\u0007',
  ctrlJ: '\n',
  ctrlK: '\u000b',
  ctrlR: '\u0012',
  ctrlU: '\u0015',
  ctrlY: '\u0019',
  shiftEnter: '\u001b[13;2u',
  pasteStart: '\u001b[200~',
  pasteEnd: '\u001b[201~',
};

export function memoryHistory(initial: string[] = []): PromptHistory & { added: string[] } {
  const entries = [...initial];
  const added: string[] = [];
  return {
    added,
    entries: () => entries,
    add(entry) {
      added.push(entry);
      entries.push(entry);
    },
  };
}

const tempDirs: string[] = [];
export function makeTempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wright-input-'));
  tempDirs.push(dir);
  return dir;
}
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Lets Ink's input parser, React and pending promises settle. */
export const settle = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

export async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await settle(10);
  }
}

export function renderInput(overrides: Partial<PromptInputProps> = {}) {
  const submitted: string[] = [];
  const exitKeys: string[] = [];
  const props: PromptInputProps = {
    onSubmit: (text) => submitted.push(text),
    onExitRequest: (key) => {
      exitKeys.push(key);
    },
    isActive: true,
    history: memoryHistory(),
    commands: [
      { name: 'help', description: 'Show help' },
      { name: 'clear', description: 'Clear the conversation' },
      { name: 'compact', description: 'Summarise the conversation' },
    ],
    cwd: process.cwd(),
    width: 40,
    ...overrides,
  };
  const instance = render(<PromptInput {...props} />);
  /** Writes each sequence as its own stdin chunk (a keypress each) and waits for the render. */
  const press = async (...sequences: string[]) => {
    for (const sequence of sequences) {
      instance.stdin.write(sequence);
      await settle(sequence === KEYS.escape ? 40 : 5);
    }
    await settle();
  };
  const type = async (text: string) => press(...[...text]);
  return {
    ...instance,
    props,
    submitted,
    exitRequests: () => exitKeys.length,
    exitKeys: () => [...exitKeys],
    press,
    type,
    frame: () => instance.lastFrame() ?? '',
    rerenderWith: (next: Partial<PromptInputProps>) => {
      Object.assign(props, next);
      instance.rerender(<PromptInput {...props} />);
    },
  };
}
