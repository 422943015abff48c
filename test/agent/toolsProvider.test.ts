// The agent's tool set can change between requests (an MCP server's tools changed): each request
// offers the provider's tools, the system/init event names them, and calls run against them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { Agent } from '../../src/agent/agent.js';
import type { AgentEvent } from '../../src/agent/events.js';
import type { AnyTool } from '../../src/tools/types.js';
import { FakeModelClient } from './fakeModelClient.js';
import { testAgentOptions } from './agentToolContext.js';

const tool = (name: string, onRun?: () => void): AnyTool => ({
  name,
  description: `the ${name} tool`,
  inputSchema: z.object({}),
  isReadOnly: () => true,
  async run() {
    onRun?.();
    return { content: `${name} ran` };
  },
});

async function drain(run: AsyncIterable<AgentEvent>): Promise<AgentEvent[]> {
  const events: AgentEvent[] = [];
  for await (const event of run) events.push(event);
  return events;
}

test('each request offers the tools the provider answers, and init names them', async () => {
  let current: AnyTool[] = [tool('Base')];
  let calls = 0;
  const model = new FakeModelClient([
    // Turn 1: the model calls Base; while it runs the set grows (as an MCP list_changed would do).
    { content: [{ type: 'tool_use', id: 'toolu_1', name: 'Base', input: {} }] },
    { content: [{ type: 'text', text: 'one' }] },
    { content: [{ type: 'tool_use', id: 'toolu_2', name: 'Added', input: {} }] },
    { content: [{ type: 'text', text: 'two' }] },
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'wright-agent-'));
  const agent = new Agent(
    testAgentOptions(model, dir, {
      tools: current,
      toolsProvider: () => {
        calls++;
        return current;
      },
    }),
  );
  const names = (index: number) => model.requests[index]!.tools!.map((definition) => definition.name);

  current = [tool('Base', () => (current = [tool('Base'), tool('Added')]))];
  const first = await drain(agent.run('go', new AbortController().signal));
  assert.deepEqual(names(0), ['Base']);
  assert.deepEqual(names(1), ['Base', 'Added'], 'the request after the change offers the new tool');
  const init = first.find((event) => event.type === 'system' && event.subtype === 'init') as { tools: string[] };
  assert.deepEqual(init.tools, ['Base']);

  const second = await drain(agent.run('again', new AbortController().signal));
  const init2 = second.find((event) => event.type === 'system' && event.subtype === 'init') as { tools: string[] };
  assert.deepEqual(init2.tools, ['Base', 'Added']);
  const results = JSON.stringify(model.requests.at(-1)!.messages);
  assert.match(results, /Added ran/);
  assert.ok(calls > 0);
  // Unchanged arrays keep the converted definitions.
  assert.equal(model.requests[2]!.tools![1]!.description, 'the Added tool');
});
