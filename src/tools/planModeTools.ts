import { z } from 'zod';
import { errorResult } from './toolPath.js';
import type { Tool, ToolContext, ToolResult } from './types.js';

// Plan mode is a permission mode (it denies every change) that the model can ask to enter and can
// leave only through an approved plan. The approval itself is the permission prompt for
// ExitPlanMode: it always asks unless an allow rule covers it, so leaving needs the user's yes.

const enterSchema = z.object({});

const enterDescription = `Asks the user to switch to plan mode before you start a task that deserves a plan.

Use it for non-trivial implementation work: changes across several files, a new feature, a refactor, or a task with several reasonable approaches where the user should agree on one first. Skip it for small fixes, single-file changes and questions.
In plan mode nothing can be changed: explore with read-only tools (Read, Glob, Grep, read-only Bash), then present the plan with ExitPlanMode. The user approves entering plan mode; if they decline, carry on normally.`;

async function runEnterPlanMode(_input: z.infer<typeof enterSchema>, ctx: ToolContext): Promise<ToolResult> {
  if (ctx.permissionMode.current() === 'plan') return { content: 'Plan mode is already active. Explore read-only, then present your plan with ExitPlanMode.' };
  ctx.permissionMode.set('plan');
  return {
    content:
      'Entered plan mode. Do not change anything yet: no edits, no commands that modify files or state. Explore the code with read-only tools, ask about unclear requirements with AskUserQuestion, then present a concrete step-by-step plan with ExitPlanMode.',
    data: { mode: 'plan' },
  };
}

export const enterPlanModeTool: Tool<typeof enterSchema> = {
  name: 'EnterPlanMode',
  description: enterDescription,
  inputSchema: enterSchema,
  isReadOnly: () => true,
  run: runEnterPlanMode,
};

const exitSchema = z.object({
  plan: z.string().min(1).describe('The plan to show the user for approval, in concise Markdown'),
});

const exitDescription = `Presents your plan to the user for approval and, once approved, leaves plan mode so you can carry it out.

Use it only in plan mode, when you have finished planning a task that changes code: what you will change, in which files, in what order, and how you will check it. Not for research-only tasks (just answer), and not to ask questions (use AskUserQuestion first).
If the user rejects the plan you stay in plan mode: revise the plan from their feedback and present it again.`;

async function runExitPlanMode(input: z.infer<typeof exitSchema>, ctx: ToolContext): Promise<ToolResult> {
  if (ctx.permissionMode.current() !== 'plan') {
    return errorResult('Plan mode is not active, so there is nothing to approve; go ahead with the task.');
  }
  const mode = ctx.permissionMode.modeAfterPlan();
  ctx.permissionMode.set(mode);
  return {
    content: `The user approved your plan and plan mode is over (permission mode: ${mode}). Carry out the plan now; track its steps with TodoWrite if there are several.`,
    data: { plan: input.plan, mode },
  };
}

export const exitPlanModeTool: Tool<typeof exitSchema> = {
  name: 'ExitPlanMode',
  description: exitDescription,
  inputSchema: exitSchema,
  isReadOnly: () => true,
  run: runExitPlanMode,
};
