// Runs one `http` hook (Claude Code's newer handler type): the event's JSON is POSTed to the URL,
// and a 2xx answer's body is read as a command hook's stdout (JSON output, or nothing). Any other
// status, a failed connection or a timeout is a non-blocking error: an HTTP hook cannot block by
// failing, only by what its answer says. Header values may use `$VAR` / `${VAR}`, but only for the
// variables the handler lists in `allowedEnvVars`; any other reference becomes empty, so a hook
// cannot send the user's other secrets by naming them.
import { HOOK_OUTPUT_CAP_BYTES } from './hookProcess.js';

export interface HookHttpRequest {
  url: string;
  headers: Readonly<Record<string, string>>;
  allowedEnvVars: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  input: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export type HookHttpRun =
  | { kind: 'answered'; status: number; body: string }
  | { kind: 'failed'; error: string }
  | { kind: 'timedOut' }
  | { kind: 'aborted' };

export async function runHookHttp(request: HookHttpRequest): Promise<HookHttpRun> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const [name, value] of Object.entries(request.headers)) headers[name] = interpolate(value, request.allowedEnvVars, request.env);
  try {
    const response = await fetch(request.url, { method: 'POST', headers, body: request.input, signal, redirect: 'error' });
    const body = await cappedText(response);
    return { kind: 'answered', status: response.status, body };
  } catch (error) {
    if (request.signal?.aborted) return { kind: 'aborted' };
    if (timeout.aborted) return { kind: 'timedOut' };
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    return { kind: 'failed', error: cause ?? (error as Error).message };
  }
}

/** `$NAME` and `${NAME}` replaced with the variable's value when it is allowed, else with nothing. */
export function interpolate(text: string, allowed: readonly string[], env: Readonly<Record<string, string | undefined>>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_match, braced: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare)!;
    return allowed.includes(name) ? (env[name] ?? '') : '';
  });
}

async function cappedText(response: Response): Promise<string> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size < HOOK_OUTPUT_CAP_BYTES) chunks.push(value.subarray(0, HOOK_OUTPUT_CAP_BYTES - size));
    size += value.byteLength;
  }
  return Buffer.concat(chunks).toString('utf8');
}
