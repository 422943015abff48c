import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCoreTools, createToolSessionState, toolInputJsonSchema } from '../../src/tools/index.js';

describe('createCoreTools', () => {
  it("provides Claude Code's core tools in order", () => {
    assert.deepEqual(
      createCoreTools().map((tool) => tool.name),
      ['Bash', 'BashOutput', 'KillShell', 'Glob', 'Grep', 'Read', 'Edit', 'MultiEdit', 'Write', 'NotebookEdit', 'WebFetch', 'TodoWrite', 'AskUserQuestion', 'EnterPlanMode', 'ExitPlanMode'],
    );
  });

  it('offers WebSearch only when given a search backend', () => {
    const backend = { label: 'test', search: async () => ({ ok: true as const, hits: [] }) };
    assert.ok(createCoreTools({ webSearch: backend }).some((tool) => tool.name === 'WebSearch'));
    assert.equal(createCoreTools({ webSearch: null }).some((tool) => tool.name === 'WebSearch'), false);
  });

  it('marks only polling tools as meant to be repeated (exempt from loop detection)', () => {
    assert.deepEqual(createCoreTools().filter((tool) => tool.repeatable).map((tool) => tool.name), ['BashOutput']);
  });

  it('gives every tool a description for the model', () => {
    for (const tool of createCoreTools()) assert.ok(tool.description.length > 100, tool.name);
  });

  it('starts a session at the launch directory with no todos', () => {
    assert.deepEqual(createToolSessionState('/work'), { shellCwd: '/work', todos: [], scratchDirectories: [] });
  });
});

describe('toolInputJsonSchema', () => {
  const backend = { label: 'test', search: async () => ({ ok: true as const, hits: [] }) };
  const schemas = Object.fromEntries(createCoreTools({ webSearch: backend }).map((tool) => [tool.name, toolInputJsonSchema(tool)]));

  it('produces object schemas without $schema', () => {
    for (const [name, schema] of Object.entries(schemas)) {
      assert.equal(schema.type, 'object', name);
      assert.equal('$schema' in schema, false, name);
    }
  });

  it("uses Claude Code's field names and required fields", () => {
    const fields = (name: string) => Object.keys(schemas[name]!.properties as object).sort();
    assert.deepEqual(fields('Read'), ['file_path', 'limit', 'offset', 'pages']);
    assert.deepEqual(schemas.Read!.required, ['file_path']);
    assert.deepEqual(fields('Edit'), ['file_path', 'new_string', 'old_string', 'replace_all']);
    assert.deepEqual(fields('MultiEdit'), ['edits', 'file_path']);
    assert.deepEqual(fields('Write'), ['content', 'file_path']);
    assert.deepEqual(fields('NotebookEdit'), ['cell_id', 'cell_type', 'edit_mode', 'new_source', 'notebook_path']);
    assert.deepEqual(schemas.NotebookEdit!.required, ['notebook_path', 'new_source']);
    assert.deepEqual(fields('Glob'), ['path', 'pattern']);
    assert.deepEqual(fields('Grep'), [
      '-A', '-B', '-C', '-i', '-n', 'glob', 'head_limit', 'multiline', 'output_mode', 'path', 'pattern', 'type',
    ]);
    assert.deepEqual(fields('Bash'), ['command', 'dangerouslyDisableSandbox', 'description', 'run_in_background', 'timeout']);
    assert.deepEqual(fields('BashOutput'), ['bash_id', 'filter']);
    assert.deepEqual(schemas.BashOutput!.required, ['bash_id']);
    assert.deepEqual(fields('KillShell'), ['shell_id']);
    assert.deepEqual(fields('TodoWrite'), ['todos']);
    assert.deepEqual(fields('AskUserQuestion'), ['questions']);
    assert.deepEqual(fields('EnterPlanMode'), []);
    assert.deepEqual(fields('ExitPlanMode'), ['plan']);
    assert.deepEqual(fields('WebFetch'), ['prompt', 'url']);
    assert.deepEqual(schemas.WebFetch!.required, ['url', 'prompt']);
    assert.equal((schemas.WebFetch!.properties as any).url.format, 'uri');
    assert.deepEqual(fields('WebSearch'), ['allowed_domains', 'blocked_domains', 'query']);
    assert.deepEqual(schemas.WebSearch!.required, ['query']);
    assert.equal((schemas.WebSearch!.properties as any).query.minLength, 2);
  });

  it('describes fields for the model', () => {
    const read = schemas.Read!.properties as Record<string, { description?: string }>;
    assert.match(read.file_path!.description ?? '', /Absolute path/);
  });
});
