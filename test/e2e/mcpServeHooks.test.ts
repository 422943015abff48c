// End-to-end: `wright mcp serve` runs the settings' PreToolUse and PostToolUse hooks around the calls
// it serves, driven by the official SDK client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CLI, cliEnv, makeWorkspace } from './harness.js';

const textOf = (result: any) => (result.content as Array<{ type: string; text?: string }>).map((item) => item.text ?? '').join('\n');

// Logs each call it hears of, then answers as the event and tool call for.
const HOOK = `
import { appendFileSync, readFileSync } from 'node:fs';
const input = JSON.parse(readFileSync(0, 'utf8'));
appendFileSync(process.argv[2], JSON.stringify({ event: input.hook_event_name, tool: input.tool_name, response: input.tool_response ?? null }) + '\\n');
if (input.hook_event_name === 'PreToolUse' && input.tool_name === 'Write') {
  process.stdout.write(JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'allow', permissionDecisionReason: 'writes to notes are fine' } }));
} else if (input.hook_event_name === 'PreToolUse' && input.tool_name === 'Glob') {
  process.stderr.write('globbing is switched off here');
  process.exit(2);
} else if (input.hook_event_name === 'PostToolUse' && input.tool_name === 'Read') {
  process.stdout.write(JSON.stringify({ hookSpecificOutput: { hookEventName: 'PostToolUse', additionalContext: 'This file is generated; do not edit it.' } }));
}
`;

test('wright mcp serve runs PreToolUse and PostToolUse hooks for the calls it serves', async () => {
  const workspace = makeWorkspace({ 'src/app.ts': 'export const answer = 42;\n' });
  const hook = join(workspace.home, 'hook.mjs');
  const log = join(workspace.home, 'hook-log.jsonl');
  writeFileSync(hook, HOOK);
  const command = `"${process.execPath}" "${hook}" "${log}"`;
  mkdirSync(join(workspace.repo, '.wright'), { recursive: true });
  writeFileSync(
    join(workspace.repo, '.wright', 'settings.json'),
    JSON.stringify({
      hooks: {
        PreToolUse: [{ matcher: 'Write|Glob|Read', hooks: [{ type: 'command', command }] }],
        PostToolUse: [{ matcher: 'Read|Write', hooks: [{ type: 'command', command }] }],
      },
    }),
  );
  const env = cliEnv({ workspace }) as Record<string, string>;
  const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', 'serve'], cwd: workspace.repo, env, stderr: 'pipe' });
  const client = new Client({ name: 'wright-test', version: '1.0.0' });
  await client.connect(transport);
  try {
    // Write needs approval in print-mode semantics; the hook's allow answers it.
    const notes = join(workspace.repo, 'notes.txt');
    const write = await client.callTool({ name: 'Write', arguments: { file_path: notes, content: 'hello' } });
    assert.ok(!write.isError, textOf(write));
    assert.equal(readFileSync(notes, 'utf8'), 'hello');

    const glob = await client.callTool({ name: 'Glob', arguments: { pattern: '**/*.ts' } });
    assert.equal(glob.isError, true);
    assert.match(textOf(glob), /A PreToolUse hook blocked this Glob call: globbing is switched off here/);

    const read = await client.callTool({ name: 'Read', arguments: { file_path: join(workspace.repo, 'src', 'app.ts') } });
    assert.match(textOf(read), /export const answer = 42;/);
    assert.match(textOf(read), /PostToolUse hook additional context: This file is generated; do not edit it\./);
  } finally {
    await client.close();
  }
  const heard = readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  assert.deepEqual(
    heard.map((entry) => `${entry.event} ${entry.tool}`),
    ['PreToolUse Write', 'PostToolUse Write', 'PreToolUse Glob', 'PreToolUse Read', 'PostToolUse Read'],
  );
});
