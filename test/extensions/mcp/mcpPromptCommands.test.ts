import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { McpPromptInfo } from '../../../src/extensions/mcp/mcpConnection.js';
import { expandMcpPrompt, findMcpPromptCommand, mcpPromptCommands, promptArguments, promptMessagesText } from '../../../src/extensions/mcp/mcpPromptCommands.js';

const weather: McpPromptInfo = {
  name: 'ask weather',
  description: 'Weather question',
  arguments: [
    { name: 'city', required: true },
    { name: 'question', required: false },
  ],
};
const hub = { prompts: () => [{ server: 'my.srv', prompt: weather }, { server: 'x', prompt: { name: 'plain', arguments: [] } }] };

test('prompts are named /mcp__<server>__<prompt> with an argument hint', () => {
  const commands = mcpPromptCommands(hub);
  assert.deepEqual(
    commands.map((command) => [command.name, command.argumentHint, command.description]),
    [
      ['mcp__my_srv__ask_weather', '<city> [question]', 'Weather question'],
      ['mcp__x__plain', undefined, 'Prompt "plain" of MCP server "x"'],
    ],
  );
  assert.equal(findMcpPromptCommand(hub, 'mcp__x__plain')?.server, 'x');
  assert.equal(findMcpPromptCommand(hub, 'plain'), undefined);
});

test('arguments map in order with shell quoting; the last argument takes the rest', () => {
  const command = findMcpPromptCommand(hub, 'mcp__my_srv__ask_weather')!;
  assert.deepEqual(promptArguments(command, '"New York" what   to "wear today"'), { ok: true, values: { city: 'New York', question: 'what to wear today' } });
  assert.deepEqual(promptArguments(command, 'Paris'), { ok: true, values: { city: 'Paris' } });
  assert.deepEqual(promptArguments(command, ''), { ok: false, error: '/mcp__my_srv__ask_weather needs the argument city. Usage: /mcp__my_srv__ask_weather <city> [question]' });
  assert.deepEqual(promptArguments(findMcpPromptCommand(hub, 'mcp__x__plain')!, 'extra'), { ok: false, error: '/mcp__x__plain takes no arguments.' });
});

test('prompt messages become one turn: text, embedded resources as text, notes for the rest', () => {
  const text = promptMessagesText([
    { role: 'user', content: { type: 'text', text: 'Look at this:' } },
    { role: 'user', content: { type: 'resource', resource: { uri: 'demo://a', text: 'resource body' } } },
    { role: 'user', content: { type: 'resource', resource: { uri: 'demo://b', blob: 'AAAA', mimeType: 'application/zip' } } },
    { role: 'assistant', content: { type: 'text', text: 'Noted.' } },
    { role: 'user', content: { type: 'image', data: 'AAAA', mimeType: 'image/png' } },
  ]);
  assert.equal(
    text,
    'Look at this:\n\n<mcp-resource uri="demo://a">\nresource body\n</mcp-resource>\n\n[binary resource demo://b (application/zip) not included]\n\n[assistant]\nNoted.\n\n[image content (image/png) not included]',
  );
});

test('expanding asks the server with the mapped arguments and tags the turn like a custom command', async () => {
  const asked: unknown[] = [];
  const connection = {
    getPrompt: async (name: string, args: Record<string, string>) => {
      asked.push([name, args]);
      return [{ role: 'user', content: { type: 'text', text: `weather in ${args.city}` } }];
    },
  };
  const command = findMcpPromptCommand(hub, 'mcp__my_srv__ask_weather')!;
  const expanded = await expandMcpPrompt({ connection: () => connection as never }, command, 'Oslo', new AbortController().signal);
  assert.deepEqual(asked, [['ask weather', { city: 'Oslo' }]]);
  assert.deepEqual(expanded, {
    ok: true,
    prompt: '<command-message>mcp__my_srv__ask_weather is running…</command-message>\n<command-name>/mcp__my_srv__ask_weather</command-name>\n<command-args>Oslo</command-args>\n\nweather in Oslo',
  });
  const missing = await expandMcpPrompt({ connection: () => connection as never }, command, '', new AbortController().signal);
  assert.equal(missing.ok, false);
  assert.equal(asked.length, 1, 'a missing required argument never reaches the server');
});
