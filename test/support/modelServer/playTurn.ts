// Plays one scripted turn onto an HTTP response: a reply (streamed or as one JSON body) or a fault.
// Faults reuse the protocol's own rendering, so a reset cuts a genuine stream at a known event.
import type { ServerResponse } from 'node:http';
import type { Fault, ScriptedReply } from '../script.js';
import { openEventStream, sendJson, sleep, writeFlushed, writeSseEvents, type SseEvent } from './http.js';
import { resolveReply } from './resolvedReply.js';
import type { ProtocolWire, RenderContext, WireError } from './wire.js';

/** One request being answered. */
export interface Exchange {
  res: ServerResponse;
  wire: ProtocolWire;
  context: RenderContext;
  stream: boolean;
  requestId: string;
  /** Aborts when the response closed (finished, client gone, or server closing). */
  closed: AbortSignal;
}

const defaultStatusMessages: Record<number, string> = {
  429: 'Rate limit exceeded',
  500: 'Internal server error',
  529: 'Overloaded',
};

const requestIdHeaders = (exchange: Exchange): Record<string, string> => ({
  [exchange.wire.requestIdHeader]: exchange.requestId,
});

export function sendWireError(exchange: Exchange, error: WireError, extraHeaders: Record<string, string> = {}): void {
  const body = exchange.wire.errorBody(error, exchange.requestId);
  sendJson(exchange.res, error.status, body, { ...requestIdHeaders(exchange), ...extraHeaders });
}

export async function playReply(exchange: Exchange, scripted: ScriptedReply): Promise<void> {
  const { res, wire, context } = exchange;
  const reply = resolveReply(scripted, wire.toolIdPrefix, context.inputTokens);
  if (!exchange.stream) {
    if (reply.eventDelayMs > 0 && !(await sleep(reply.eventDelayMs, exchange.closed))) return;
    sendJson(res, 200, wire.messageJson(reply, context), requestIdHeaders(exchange));
    return;
  }
  openEventStream(res, requestIdHeaders(exchange));
  if (await writeSseEvents(res, wire.streamEvents(reply, context), reply.eventDelayMs, exchange.closed)) res.end();
}

export async function playFault(exchange: Exchange, fault: Fault): Promise<void> {
  switch (fault.type) {
    case 'status':
      sendWireError(
        exchange,
        { status: fault.status, message: fault.message ?? defaultStatusMessages[fault.status] ?? `scripted fault: HTTP ${fault.status}` },
        fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) },
      );
      return;
    case 'reset_mid_stream':
      return resetMidStream(exchange, fault.reply, fault.afterEvents);
    case 'stall':
      return stall(exchange, fault.ms);
    case 'malformed_event':
      if (!exchange.stream) {
        exchange.res.writeHead(200, { 'content-type': 'application/json', ...requestIdHeaders(exchange) });
        exchange.res.end('{"id":"msg_trunc');
        return;
      }
      return streamThenEnd(exchange, exchange.wire.malformedEvents(exchange.context));
    case 'sse_error':
      if (!exchange.stream) {
        // Without a stream there is no event to carry the error: the API answers with the status.
        const status = fault.errorType === 'overloaded_error' ? 529 : 500;
        sendWireError(exchange, { status, type: fault.errorType, message: defaultStatusMessages[status] ?? 'error' });
        return;
      }
      return streamThenEnd(exchange, exchange.wire.sseErrorEvents(fault.errorType, exchange.context));
  }
}

async function resetMidStream(exchange: Exchange, scripted: ScriptedReply, afterEvents: number): Promise<void> {
  const { res, wire, context } = exchange;
  const reply = resolveReply(scripted, wire.toolIdPrefix, context.inputTokens);
  if (exchange.stream) {
    openEventStream(res, requestIdHeaders(exchange));
    const sent = wire.streamEvents(reply, context).slice(0, afterEvents);
    if (!(await writeSseEvents(res, sent, reply.eventDelayMs, exchange.closed))) return;
  } else {
    const body = JSON.stringify(wire.messageJson(reply, context));
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...requestIdHeaders(exchange) });
    if (!(await writeFlushed(res, body.slice(0, Math.floor(body.length / 2))))) return;
  }
  res.socket?.destroy();
}

async function stall(exchange: Exchange, ms: number): Promise<void> {
  const { res } = exchange;
  if (exchange.stream) {
    openEventStream(res, requestIdHeaders(exchange));
  } else {
    res.writeHead(200, { 'content-type': 'application/json', ...requestIdHeaders(exchange) });
    res.flushHeaders();
  }
  if (await sleep(ms, exchange.closed)) res.end();
}

/** Streams `events` and ends the response normally, as a server that believes it succeeded. */
async function streamThenEnd(exchange: Exchange, events: SseEvent[]): Promise<void> {
  const { res } = exchange;
  openEventStream(res, requestIdHeaders(exchange));
  if (await writeSseEvents(res, events, 0, exchange.closed)) res.end();
}
