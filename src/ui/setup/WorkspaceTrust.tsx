// The question before the first interactive session in a folder that configures hooks, MCP servers,
// permission rules or commands: trust it (its configuration is used) or leave without starting.
import { Box, Text, render, useInput } from 'ink';
import { eachTypedKey } from '../input/typedAhead.js';
import { useRef } from 'react';

export interface WorkspaceTrustQuestion {
  folder: string;
  /** What the folder configures, relative to it (e.g. `.claude/settings.json`, `.mcp.json`). */
  found: readonly string[];
  /** False for the home directory and /: trust then lasts for this session only. */
  remembered: boolean;
}

interface WorkspaceTrustProps extends WorkspaceTrustQuestion {
  onDone(trusted: boolean): void;
}

export function WorkspaceTrust({ folder, found, remembered, onDone }: WorkspaceTrustProps) {
  const done = useRef(false);
  const finish = (trusted: boolean) => {
    if (done.current) return;
    done.current = true;
    onDone(trusted);
  };
  useInput(eachTypedKey((input, key) => {
    if (input === '1' || input === 'y') finish(true);
    else if (input === '2' || input === 'n' || key.escape) finish(false);
  }));
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold>Do you trust the files in this folder?</Text>
      <Text>{folder}</Text>
      <Text> </Text>
      <Text>It has configuration that can run commands on this machine or approve tools for wright:</Text>
      {found.map((entry) => (
        <Text key={entry}>
          {'  '}
          {entry}
        </Text>
      ))}
      <Text> </Text>
      <Text>Only trust a folder whose contents you or someone you trust wrote.</Text>
      <Text>  1. Yes, I trust this folder</Text>
      <Text>  2. No, exit</Text>
      <Text dimColor>Press 1 or 2. {remembered ? 'The answer is remembered for this folder and the folders inside it.' : 'Trusting your home directory or / lasts for this session only.'}</Text>
    </Box>
  );
}

/** Asks on the terminal; Ctrl+C or Esc count as no. */
export async function askWorkspaceTrust(question: WorkspaceTrustQuestion): Promise<boolean> {
  let finish: (trusted: boolean) => void = () => {};
  const answered = new Promise<boolean>((resolve) => (finish = resolve));
  const instance = render(<WorkspaceTrust {...question} onDone={(trusted) => finish(trusted)} />, { exitOnCtrlC: true });
  try {
    return await Promise.race([answered, instance.waitUntilExit().then(() => false)]);
  } finally {
    instance.unmount();
  }
}
