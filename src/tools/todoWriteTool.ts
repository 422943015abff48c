import { z } from 'zod';
import type { TodoItem, Tool, ToolContext, ToolResult } from './types.js';

const todoSchema = z.object({
  content: z.string().min(1).describe('What to do, in the imperative (e.g. "Run the tests")'),
  status: z.enum(['pending', 'in_progress', 'completed']).describe('Where the item stands'),
  activeForm: z.string().min(1).describe('The same item in the present continuous (e.g. "Running the tests")'),
});

const inputSchema = z.object({
  todos: z.array(todoSchema).describe('The whole updated todo list; it replaces the previous one'),
});

type TodoWriteInput = z.infer<typeof inputSchema>;

const description = `Keeps a structured todo list for the current session, which the user sees as progress.

Use it for work with several steps (roughly three or more), when the user gives a list of things to do, or when new requirements appear along the way. Skip it for a single simple task or a question.

- Send the whole list every time; it replaces the previous one.
- Each item has content (imperative: "Fix the login test"), activeForm (present continuous: "Fixing the login test") and a status.
- Keep exactly one item in_progress while you work; mark it in_progress before starting it.
- Mark an item completed as soon as it is done, not in batches later. Only mark it completed when it is fully done: not if tests fail, the work is partial, or something blocks it (add a new item for the blocker instead).
- Remove items that are no longer relevant.`;

function summarize(todos: readonly TodoItem[]): string {
  const count = (status: TodoItem['status']) => todos.filter((todo) => todo.status === status).length;
  return `${todos.length} item${todos.length === 1 ? '' : 's'}: ${count('completed')} completed, ${count('in_progress')} in progress, ${count('pending')} pending`;
}

async function runTodoWrite(input: TodoWriteInput, ctx: ToolContext): Promise<ToolResult> {
  const oldTodos = ctx.session.todos;
  const newTodos: TodoItem[] = input.todos.map((todo) => ({ ...todo }));
  ctx.session.todos = newTodos;

  const lines = [
    `Todo list updated (${summarize(newTodos)}). Proceed with the current task and keep the list up to date as you go.`,
  ];
  const inProgress = newTodos.filter((todo) => todo.status === 'in_progress').length;
  if (inProgress > 1) {
    lines.push(
      `Warning: ${inProgress} items are in_progress. Keep exactly one item in_progress at a time; finish or reset the others.`,
    );
  }
  return { content: lines.join('\n'), data: { oldTodos, newTodos } };
}

export const todoWriteTool: Tool<typeof inputSchema> = {
  name: 'TodoWrite',
  description,
  inputSchema,
  isReadOnly: () => true,
  run: runTodoWrite,
};
