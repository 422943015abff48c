// Low-level HTTP helpers for the scripted model server: reading a JSON body, answering with JSON,
// and writing server-sent events one at a time so faults can cut the stream at an exact point.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';

export interface SseEvent {
  /** The `event:` line; OpenAI streams have none. */
  event?: string;
  /** The exact `data:` payload, already serialised (malformed faults put non-JSON here). */
  data: string;
}

export type ParsedBody = { ok: true; value: unknown } | { ok: false; raw: string; error: string };

export async function readJsonBody(req: IncomingMessage): Promise<ParsedBody> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch (error) {
    return { ok: false, raw, error: (error as Error).message };
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

/** Sends HTTP 200 with event-stream headers right away, before any event. */
export function openEventStream(res: ServerResponse, headers: Record<string, string> = {}): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...headers,
  });
  res.flushHeaders();
}

export function encodeSseEvent(event: SseEvent): string {
  const nameLine = event.event === undefined ? '' : `event: ${event.event}\n`;
  return `${nameLine}data: ${event.data}\n\n`;
}

/**
 * Resolves once the bytes reached the socket, so a following `socket.destroy()` cannot drop them.
 * Resolves to false when the client is already gone.
 */
export function writeFlushed(res: ServerResponse, text: string): Promise<boolean> {
  if (res.destroyed || res.writableEnded) return Promise.resolve(false);
  return new Promise((resolve) => {
    res.write(text, (error) => resolve(!error));
  });
}

/** Writes events in order, waiting `delayMs` before each; stops early if the client goes away. */
export async function writeSseEvents(
  res: ServerResponse,
  events: readonly SseEvent[],
  delayMs: number,
  signal: AbortSignal,
): Promise<boolean> {
  for (const event of events) {
    if (delayMs > 0 && !(await sleep(delayMs, signal))) return false;
    if (!(await writeFlushed(res, encodeSseEvent(event)))) return false;
  }
  return true;
}

/** Resolves true after `ms`, or false as soon as `signal` aborts (the response closed). */
export async function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  try {
    await delay(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

/** An AbortSignal that fires when the response is finished or its connection is gone. */
export function closedSignal(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => controller.abort());
  return controller.signal;
}

/** Plain header values as the recorded request shows them (Node lowercases the names). */
export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
