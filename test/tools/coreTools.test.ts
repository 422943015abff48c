import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCoreTools, createToolSessionState, toolInputJsonSchema } from '../../src/tools/index.js';

describe('createCoreTools', () => {
  it("provides Claude Code's core tools in order", () => {
    assert.deepEqual(
      createCoreTools().map((tool) => tool.name),
      ['Bash', 'Glob', 'Grep', 'Read', 'Edit', 'MultiEdit', 'Write', 'TodoWrite', 'BashOutput', 'KillShell'],
    );
  });

  it('gives every tool a description for the model', () => {
    for (const tool of createCoreTools()) assert.ok(tool.description.length > 100, tool.name);
  });

  it('starts a session at the launch directory with no todos', () => {
    assert.deepEqual(createToolSessionState('/work'), { shellCwd: '/work', todos: [] });
  });
});

describe('toolInputJsonSchema', () => {
  const schemas = Object.fromEntries(createCoreTools().map((tool) => [tool.name, toolInputJsonSchema(tool)]));

  it('produces object schemas without $schema', () => {
    for (const [name, schema] of Object.entries(schemas)) {
      assert.equal(schema.type, 'object', name);
      assert.equal('$schema' in schema, false, name);
    }
  });

  it("uses Claude Code's field names and required fields", () => {
    const fields = (name: string) => Object.keys(schemas[name]!.properties as object).sort();
    assert.deepEqual(fields('Read'), ['file_path', 'limit', 'offset']);
    assert.deepEqual(schemas.Read!.required, ['file_path']);
    assert.deepEqual(fields('Edit'), ['file_path', 'new_string', 'old_string', 'replace_all']);
    assert.deepEqual(fields('MultiEdit'), ['edits', 'file_path']);
    assert.deepEqual(fields('Write'), ['content', 'file_path']);
    assert.deepEqual(fields('Glob'), ['path', 'pattern']);
    assert.deepEqual(fields('Grep'), [
      '-A', '-B', '-C', '-i', '-n', 'glob', 'head_limit', 'multiline', 'output_mode', 'path', 'pattern', 'type',
    ]);
    assert.deepEqual(fields('Bash'), ['command', 'description', 'run_in_background', 'timeout']);
    assert.deepEqual(fields('BashOutput'), ['bash_id', 'filter']);
    assert.deepEqual(schemas.BashOutput!.required, ['bash_id']);
    assert.deepEqual(fields('KillShell'), ['shell_id']);
    assert.deepEqual(fields('TodoWrite'), ['todos']);
  });

  it('describes fields for the model', () => {
    const read = schemas.Read!.properties as Record<string, { description?: string }>;
    assert.match(read.file_path!.description ?? '', /Absolute path/);
  });
});
