// The one-time question before a session when the project's .mcp.json names servers the user has
// not decided on: start them (they run commands on this machine) or not. The answer is saved.
import { Box, Text, render, useInput } from 'ink';
import { eachTypedKey } from '../input/typedAhead.js';
import { useRef } from 'react';
import type { PendingProjectServer } from '../../extensions/mcp/projectServerChoice.js';

interface McpServerApprovalProps {
  servers: readonly PendingProjectServer[];
  onDone(approved: boolean | null): void;
}

export function McpServerApproval({ servers, onDone }: McpServerApprovalProps) {
  const done = useRef(false);
  const finish = (answer: boolean | null) => {
    if (done.current) return;
    done.current = true;
    onDone(answer);
  };
  useInput(eachTypedKey((input, key) => {
    if (input === '1' || input === 'y') finish(true);
    else if (input === '2' || input === 'n') finish(false);
    else if (key.escape) finish(null);
  }));
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold>New MCP servers found in .mcp.json</Text>
      {servers.map((server) => (
        <Text key={server.name}>
          {'  '}
          {server.name}: <Text dimColor>{server.summary}</Text>
        </Text>
      ))}
      <Text> </Text>
      <Text>MCP servers run commands or reach services with your permissions. Use them in this project?</Text>
      <Text>  1. Yes, use these servers</Text>
      <Text>  2. No, continue without them</Text>
      <Text dimColor>The choice is saved in .wright/settings.local.json. Esc: decide later.</Text>
    </Box>
  );
}

/** Asks on the terminal; answers true, false, or null when the user put it off. */
export async function askMcpServerApproval(servers: readonly PendingProjectServer[]): Promise<boolean | null> {
  let finish: (answer: boolean | null) => void = () => {};
  const answered = new Promise<boolean | null>((resolve) => (finish = resolve));
  const instance = render(<McpServerApproval servers={servers} onDone={(answer) => finish(answer)} />, { exitOnCtrlC: true });
  try {
    return await Promise.race([answered, instance.waitUntilExit().then(() => null)]);
  } finally {
    instance.unmount();
  }
}
