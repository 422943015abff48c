// The scripted model server: a real HTTP server on 127.0.0.1 speaking the Anthropic Messages and
// OpenAI chat completions protocols, answering each model request with the next scripted turn.
// End-to-end tests point the real CLI at it through ANTHROPIC_BASE_URL / OPENAI_BASE_URL.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicWire } from './modelServer/anthropicWire.js';
import { checkAuth } from './modelServer/auth.js';
import { closedSignal, readJsonBody, sendJson } from './modelServer/http.js';
import { openaiWire } from './modelServer/openaiWire.js';
import { playFault, playReply, sendWireError, type Exchange } from './modelServer/playTurn.js';
import { estimateInputTokens, randomId } from './modelServer/resolvedReply.js';
import type { ProtocolWire, WireError } from './modelServer/wire.js';
import type { RecordedRequest, ScriptedTurn } from './script.js';

export interface ModelServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** For ANTHROPIC_BASE_URL: the SDK appends `/v1/messages`. */
  anthropicBaseUrl: string;
  /** For OPENAI_BASE_URL: `${url}/v1`. */
  openaiBaseUrl: string;
  /** Appends turns to the script. */
  push(...turns: ScriptedTurn[]): void;
  /** Every request received on a model endpoint, in arrival order (count_tokens too). */
  requests: RecordedRequest[];
  /** Scripted turns not yet consumed. */
  remaining(): number;
  /** Resolves once at least `n` requests were recorded; rejects after `timeoutMs` (default 5000). */
  waitForRequests(n: number, timeoutMs?: number): Promise<void>;
  /** Stops listening and destroys open sockets, including stalled streams. */
  close(): Promise<void>;
}

interface Route {
  protocol: RecordedRequest['protocol'];
  wire: ProtocolWire;
}

const routes: Record<string, Route> = {
  '/v1/messages': { protocol: 'anthropic', wire: anthropicWire },
  '/v1/messages/count_tokens': { protocol: 'anthropic_count_tokens', wire: anthropicWire },
  '/v1/chat/completions': { protocol: 'openai', wire: openaiWire },
};

function contextWindowError(protocol: ProtocolWire['protocol'], tokens: number, window: number): WireError {
  return protocol === 'openai'
    ? {
        status: 400,
        message: `This model's maximum context length is ${window} tokens. However, your messages resulted in ${tokens} tokens. Please reduce the length of the messages.`,
        code: 'context_length_exceeded',
        param: 'messages',
      }
    : { status: 400, message: `prompt is too long: ${tokens} tokens > ${window} maximum` };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Starts the server on a free port. Requests must carry `apiKey` (default `test-key`) as
 * `x-api-key` or `Authorization: Bearer`; pass `apiKey: ''` to accept any request. With
 * `contextWindow`, a request whose input (estimated as ~4 characters a token) exceeds it is refused
 * the way the provider refuses it ("prompt is too long"), without using up a scripted turn.
 */
export async function startModelServer(options: { script?: ScriptedTurn[]; apiKey?: string; contextWindow?: number } = {}): Promise<ModelServer> {
  const apiKey = options.apiKey ?? 'test-key';
  const script: ScriptedTurn[] = [...(options.script ?? [])];
  const requests: RecordedRequest[] = [];
  const requestListeners = new Set<() => void>();

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const route = req.method === 'POST' ? routes[pathname] : undefined;
    if (!route) {
      const wire = pathname.startsWith('/v1/chat') ? openaiWire : anthropicWire;
      const requestId = randomId(wire.requestIdPrefix);
      const body = wire.errorBody({ status: 404, message: `scripted server: no route for ${req.method} ${pathname}` }, requestId);
      sendJson(res, 404, body, { [wire.requestIdHeader]: requestId });
      return;
    }

    const parsed = await readJsonBody(req);
    requests.push({
      protocol: route.protocol,
      method: req.method ?? 'POST',
      path: req.url ?? pathname,
      headers: { ...req.headers },
      body: parsed.ok ? parsed.value : parsed.raw,
    });
    const requestNumber = requests.length;
    for (const listener of requestListeners) listener();

    const body = parsed.ok && isObject(parsed.value) ? parsed.value : {};
    const exchange: Exchange = {
      res,
      wire: route.wire,
      context: {
        model: typeof body.model === 'string' ? body.model : 'unknown',
        inputTokens: estimateInputTokens(body),
        includeUsage: isObject(body.stream_options) && body.stream_options.include_usage === true,
      },
      stream: body.stream === true,
      requestId: randomId(route.wire.requestIdPrefix),
      closed: closedSignal(res),
    };

    const authError = checkAuth(route.wire.protocol, req.headers, apiKey);
    if (authError) return sendWireError(exchange, authError);
    if (!parsed.ok || !isObject(parsed.value)) {
      const reason = parsed.ok ? 'the body is not a JSON object' : parsed.error;
      return sendWireError(exchange, { status: 400, message: `There was an error parsing the body: ${reason}` });
    }
    if (route.protocol === 'anthropic_count_tokens') {
      sendJson(res, 200, { input_tokens: exchange.context.inputTokens }, { [route.wire.requestIdHeader]: exchange.requestId });
      return;
    }
    const invalid = route.wire.validate(body);
    if (invalid) return sendWireError(exchange, invalid);

    if (options.contextWindow !== undefined && exchange.context.inputTokens > options.contextWindow) {
      return sendWireError(exchange, contextWindowError(route.wire.protocol, exchange.context.inputTokens, options.contextWindow));
    }
    const next = script.shift();
    const turn = next?.kind === 'reply_from' ? next.build(requests[requestNumber - 1]!) : next;
    if (!turn) {
      return sendWireError(exchange, { status: 400, message: `scripted server: no reply queued for request #${requestNumber}` });
    }
    if (turn.kind === 'reply') await playReply(exchange, turn);
    else await playFault(exchange, turn.fault);
  }

  const server = createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      // A bug in the server itself: make it loud for the client rather than hanging it.
      if (res.headersSent) res.socket?.destroy();
      else sendJson(res, 500, { type: 'error', error: { type: 'api_error', message: `scripted server bug: ${String(error)}` } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | undefined;

  return {
    url,
    anthropicBaseUrl: url,
    openaiBaseUrl: `${url}/v1`,
    requests,
    push: (...turns) => {
      script.push(...turns);
    },
    remaining: () => script.length,
    waitForRequests: (n, timeoutMs = 5000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (requests.length < n) return;
          requestListeners.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          requestListeners.delete(check);
          reject(new Error(`scripted server: waited ${timeoutMs}ms for ${n} requests, received ${requests.length}`));
        }, timeoutMs);
        requestListeners.add(check);
        check();
      }),
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      })),
  };
}
