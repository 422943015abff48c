// SessionHooks over real command hooks: what PostToolUse's updatedMCPToolOutput becomes for the model.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SessionHooks } from '../../../src/extensions/hooks/agentHooks.js';
import { parseHookLayers } from '../../../src/extensions/hooks/hookConfig.js';
import { HookRunner } from '../../../src/extensions/hooks/hookRunner.js';
import { makeTempDir, removeTempDirs } from '../../config/tempFiles.js';

after(removeTempDirs);

function hooksPrinting(output: unknown): SessionHooks {
  const answer = JSON.stringify({ hookSpecificOutput: { hookEventName: 'PostToolUse', updatedMCPToolOutput: output } });
  const parsed = parseHookLayers([{ source: 's.json', scope: 'user', hooks: { PostToolUse: [{ hooks: [{ type: 'command', command: `cat > /dev/null; printf '%s' '${answer}'` }] }] } }]);
  if (!parsed.ok) assert.fail(parsed.problem.message);
  const dir = makeTempDir();
  return new SessionHooks(new HookRunner(parsed.config, { sessionId: 's', transcriptPath: null, cwd: dir, projectDir: dir, permissionMode: () => 'default', env: { PATH: process.env.PATH } }));
}

const call = (toolName: string) => ({ toolName, input: {}, toolUseId: 't1', signal: new AbortController().signal, response: 'original', durationMs: 1 });

describe('PostToolUse updatedMCPToolOutput', () => {
  it('replaces an MCP tool’s output: text, MCP content items, a CallToolResult, or other JSON', async () => {
    assert.equal((await hooksPrinting('redacted').postToolUse(call('mcp__db__query'))).updatedOutput, 'redacted');
    assert.equal((await hooksPrinting([{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }]).postToolUse(call('mcp__db__query'))).updatedOutput, 'a\nb');
    assert.deepEqual((await hooksPrinting({ content: [{ type: 'image', data: 'AAAA', mimeType: 'image/png' }] }).postToolUse(call('mcp__db__query'))).updatedOutput, [
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
    ]);
    assert.equal((await hooksPrinting({ structuredContent: { rows: 2 } }).postToolUse(call('mcp__db__query'))).updatedOutput, '{"rows":2}');
    assert.equal((await hooksPrinting({ rows: 2 }).postToolUse(call('mcp__db__query'))).updatedOutput, '{"rows":2}');
  });

  it('leaves a built-in tool’s output alone and says so', async () => {
    const result = await hooksPrinting('redacted').postToolUse(call('Bash'));
    assert.equal(result.updatedOutput, undefined);
    assert.match(result.messages[0]!.text, /applies only to MCP tools, not Bash/);
  });
});
