import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { todoWriteTool } from '../../src/tools/todoWriteTool.js';
import type { TodoItem } from '../../src/tools/types.js';
import { makeContext, textOf } from './toolTestContext.js';

const todo = (content: string, status: TodoItem['status']): TodoItem => ({ content, status, activeForm: `${content}ing` });

describe('TodoWrite', () => {
  it('replaces the session todo list and returns old and new lists', async () => {
    const ctx = makeContext('/tmp');
    const first = [todo('Plan', 'in_progress'), todo('Build', 'pending')];
    await todoWriteTool.run({ todos: first }, ctx);
    const second = [todo('Plan', 'completed'), todo('Build', 'in_progress')];
    const result = await todoWriteTool.run({ todos: second }, ctx);
    assert.equal(result.isError, undefined);
    assert.deepEqual(ctx.session.todos, second);
    assert.deepEqual(result.data, { oldTodos: first, newTodos: second });
    assert.match(textOf(result), /updated.*1 completed, 1 in progress, 0 pending.*Proceed/s);
  });

  it('warns, without failing, when more than one item is in progress', async () => {
    const ctx = makeContext('/tmp');
    const result = await todoWriteTool.run({ todos: [todo('A', 'in_progress'), todo('B', 'in_progress')] }, ctx);
    assert.equal(result.isError, undefined);
    assert.match(textOf(result), /Warning: 2 items are in_progress/);
    assert.equal(ctx.session.todos.length, 2);
  });

  it('does not warn with a single item in progress', async () => {
    const result = await todoWriteTool.run({ todos: [todo('A', 'in_progress')] }, makeContext('/tmp'));
    assert.ok(!textOf(result).includes('Warning'));
  });

  it('rejects unknown statuses and missing fields in its schema', () => {
    const schema = todoWriteTool.inputSchema;
    assert.equal(schema.safeParse({ todos: [{ content: 'x', status: 'done', activeForm: 'x' }] }).success, false);
    assert.equal(schema.safeParse({ todos: [{ content: 'x', status: 'pending' }] }).success, false);
    assert.equal(schema.safeParse({ todos: [] }).success, true);
  });

  it('is read-only: it changes no files', () => {
    assert.equal(todoWriteTool.isReadOnly({ todos: [] }), true);
  });
});
