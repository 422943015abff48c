import { z } from 'zod';
import { errorResult } from './toolPath.js';
import type { Tool, ToolContext, ToolResult, UserQuestion } from './types.js';

const optionSchema = z.object({
  label: z.string().min(1).describe('The choice as the user sees it, 1-5 words'),
  description: z.string().describe('What choosing it means, or its trade-offs'),
});

const questionSchema = z.object({
  question: z.string().min(1).describe('The complete question, ending with a question mark'),
  header: z.string().min(1).max(12).describe('A very short label for the question (max 12 characters), e.g. "Auth method"'),
  options: z.array(optionSchema).min(2).max(4).describe('2-4 distinct choices; the user can always answer in their own words instead'),
  multiSelect: z.boolean().describe('True when several options may be chosen together'),
});

const inputSchema = z.object({
  questions: z.array(questionSchema).min(1).max(4).describe('1-4 questions to ask together'),
});

type AskInput = z.infer<typeof inputSchema>;

export interface AskUserQuestionData {
  questions: UserQuestion[];
  /** Answers keyed by question; null when nobody could be asked. */
  answers: Record<string, string> | null;
}

const description = `Asks the user one to four multiple-choice questions while you work, and returns their answers.

Use it when a decision is genuinely the user's and you cannot settle it by reading the code: an ambiguous requirement, a choice between approaches with real trade-offs, a preference. Do not use it for things you can find out yourself, or to ask permission for a tool call (the permission system does that).
- Give 2-4 clear, distinct options per question, each with a short description; put your recommended option first and say so in its label (e.g. "Use JWT (Recommended)").
- The user can always answer in their own words instead of picking an option.
- Set multiSelect when choices are not mutually exclusive.
- In plan mode, use it to clear up requirements before you present the plan, not to ask whether the plan is good (ExitPlanMode does that).`;

/** Question texts must differ (answers are keyed by them), and so must the options of a question. */
function duplicateProblem(input: AskInput): string | undefined {
  const questions = input.questions.map((question) => question.question);
  if (new Set(questions).size !== questions.length) return 'Each question must be different: answers are matched to questions by their text.';
  for (const question of input.questions) {
    const labels = question.options.map((option) => option.label);
    if (new Set(labels).size !== labels.length) return `The options of "${question.question}" must have different labels.`;
  }
  return undefined;
}

const NOBODY_TO_ASK =
  'The user cannot be asked right now: wright is running non-interactively, so these questions were not shown to anyone. ' +
  'Go on without the answers: choose what is safest and most conventional for this codebase, say in your final answer which assumptions you made, and continue with the task.';

async function runAskUserQuestion(input: AskInput, ctx: ToolContext): Promise<ToolResult> {
  const problem = duplicateProblem(input);
  if (problem !== undefined) return errorResult(problem);
  const questions: UserQuestion[] = input.questions;
  const answers = await ctx.interaction.askQuestions(questions, ctx.signal);
  if (ctx.signal.aborted) return errorResult('The user interrupted before answering.');
  const data: AskUserQuestionData = { questions, answers };
  if (answers === null) return { content: NOBODY_TO_ASK, data };
  const lines = questions.map((question) => `"${question.question}" = "${answers[question.question] ?? '(no answer)'}"`);
  return {
    content: `The user answered your questions:\n${lines.join('\n')}\nContinue with these answers in mind.`,
    data,
  };
}

export const askUserQuestionTool: Tool<typeof inputSchema> = {
  name: 'AskUserQuestion',
  description,
  inputSchema,
  isReadOnly: () => true,
  run: runAskUserQuestion,
};
