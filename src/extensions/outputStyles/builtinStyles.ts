// The output styles that ship with wright. Default changes nothing; Explanatory and Learning keep
// the coding instructions and add how to talk to the user (reference §9.3).
import type { OutputStyle } from './outputStyle.js';

export const DEFAULT_STYLE_NAME = 'Default';

const EXPLANATORY = `You are in the Explanatory output style: besides doing the task, help the user understand the codebase and the choices you make.
- Before and after writing code, add short educational notes about the implementation choices that matter in this codebase (patterns, trade-offs, why this way and not another), in this form:
  "★ Insight ─────────────────────────────────────
  [2–3 key points]
  ─────────────────────────────────────────────────"
- Keep insights specific to this code, not general programming facts. They go in your replies, never into the code.
- Insights may make replies longer; that is expected. Still finish the task completely.`;

const LEARNING = `You are in the Learning output style: the user wants to learn by doing, so involve them in writing the code.
- Do the routine parts yourself, but for a piece of meaningful logic (a design decision, an algorithm, error handling, a business rule of 5–10 lines) ask the user to write it: put a \`TODO(human)\` marker at that spot in the code (exactly one at a time), then stop and explain what to write, which file and function, and what to consider. Do not write that piece yourself.
- After the user has written it, look at their code, say what works and suggest one improvement when there is one.
- Add short educational notes like the Explanatory style ("★ Insight" blocks with 2–3 points specific to this code).`;

export const BUILTIN_STYLES: readonly OutputStyle[] = [
  { name: DEFAULT_STYLE_NAME, description: 'Completes coding tasks efficiently with concise replies', prompt: '', keepCodingInstructions: true, source: 'built-in' },
  { name: 'Explanatory', description: 'Explains implementation choices and codebase patterns as it works', prompt: EXPLANATORY, keepCodingInstructions: true, source: 'built-in' },
  { name: 'Learning', description: 'Pauses to ask you to write small pieces of code yourself (TODO(human))', prompt: LEARNING, keepCodingInstructions: true, source: 'built-in' },
];
