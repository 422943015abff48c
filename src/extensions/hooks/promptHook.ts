// A `prompt` hook: one small model call judges the event. The prompt's `$ARGUMENTS` becomes the
// event's input JSON; the model must answer {"ok": true} or {"ok": false, "reason": "…"}. `ok: false`
// acts like exit 2 (the reason is the stderr); any other reply is a non-blocking error.

/** Asks a model one question on the side of the conversation: the text of its reply. */
export type HookModelQuery = (request: { system: string; prompt: string; model?: string; signal: AbortSignal }) => Promise<
  { ok: true; text: string } | { ok: false; message: string }
>;

export const PROMPT_HOOK_SYSTEM =
  'You evaluate a hook of a coding agent. You are given the hook\'s instructions and the event as JSON. ' +
  'Decide, then reply with one JSON object and nothing else: {"ok": true} to let the action proceed, or ' +
  '{"ok": false, "reason": "<why, addressed to the agent>"} to block it.';

export function promptHookText(prompt: string, inputJson: string): string {
  return prompt.includes('$ARGUMENTS') ? prompt.split('$ARGUMENTS').join(inputJson) : `${prompt}\n\nARGUMENTS: ${inputJson}`;
}

export type PromptHookReply = { ok: true } | { ok: false; reason: string } | { invalid: string };

/** Reads the model's reply: a JSON object, possibly in a code fence or after a sentence. */
export function parsePromptHookReply(text: string): PromptHookReply {
  const candidate = /```(?:json)?\s*([\s\S]*?)```/.exec(text)?.[1] ?? text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1);
  let value: unknown;
  try {
    value = JSON.parse(candidate.trim());
  } catch {
    return { invalid: `the model's reply is not {"ok": true|false, "reason": "…"}: ${text.slice(0, 200)}` };
  }
  if (typeof value !== 'object' || value === null || typeof (value as { ok?: unknown }).ok !== 'boolean') {
    return { invalid: `the model's reply has no boolean "ok": ${text.slice(0, 200)}` };
  }
  const { ok, reason } = value as { ok: boolean; reason?: unknown };
  if (ok) return { ok: true };
  return { ok: false, reason: typeof reason === 'string' && reason.trim() !== '' ? reason : 'Blocked by a prompt hook.' };
}
