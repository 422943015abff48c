// The sandbox's only way out: an HTTP proxy in the wright process that forwards plain requests and
// CONNECT tunnels to allowed hosts and answers 403 for everything else. Hostname-based: it sees the
// name a client asks for (the CONNECT target or the request URL), not what the TLS inside says.
import { request as httpRequest, createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { isHostAllowed, normalizeHost, type DomainRules } from './domainMatch.js';

export type ProxyListen = { path: string } | { host: string; port: number };

export interface ProxyOptions {
  listen: ProxyListen;
  rules: DomainRules;
  /** Told about every refused host (for the note on a failed command). */
  onBlocked?: (host: string) => void;
}

export interface RunningProxy {
  /** The TCP port when listening on one (macOS), else undefined. */
  port: number | undefined;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  'connection',
  'proxy-connection',
  'keep-alive',
  'proxy-authorization',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

export function blockedMessage(host: string, rules: DomainRules): string {
  const allowed = rules.allowedDomains.length === 0 ? 'none' : rules.allowedDomains.join(', ');
  return (
    `Blocked by the wright sandbox: network access to "${host}" is not allowed (allowed hosts: ${allowed}). ` +
    `The user can allow it by adding it to sandbox.network.allowedDomains in settings.\n`
  );
}

export function startNetworkProxy(options: ProxyOptions): Promise<RunningProxy> {
  const sockets = new Set<Duplex>();
  const track = (socket: Duplex) => {
    sockets.add(socket);
    (socket as Socket).unref?.();
    socket.on('close', () => sockets.delete(socket));
  };
  const allowed = (host: string) => {
    if (isHostAllowed(host, options.rules)) return true;
    options.onBlocked?.(host);
    return false;
  };

  const server = createServer((request, response) => forwardRequest(request, response, allowed, options.rules));
  server.on('connection', track);
  server.on('connect', (request: IncomingMessage, client: Duplex, head: Buffer) => openTunnel(request, client, head, allowed, options.rules, track));
  server.on('clientError', (_error, socket) => socket.destroy());

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const ready = () => {
      server.off('error', reject);
      server.unref();
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address !== null ? address.port : undefined,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    };
    if ('path' in options.listen) server.listen(options.listen.path, ready);
    else server.listen(options.listen.port, options.listen.host, ready);
  });
}

function splitHostPort(target: string, defaultPort: number): { host: string; port: number } | undefined {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(target);
  if (!match) return undefined;
  const port = match[2] === undefined ? defaultPort : Number(match[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  return { host: normalizeHost(match[1] as string), port };
}

function openTunnel(
  request: IncomingMessage,
  client: Duplex,
  head: Buffer,
  allowed: (host: string) => boolean,
  rules: DomainRules,
  track: (socket: Duplex) => void,
): void {
  client.on('error', () => client.destroy());
  const target = splitHostPort(request.url ?? '', 443);
  if (!target) return refuseTunnel(client, 400, 'Bad Request', 'CONNECT needs host:port\n');
  if (!allowed(target.host)) return refuseTunnel(client, 403, 'Forbidden', blockedMessage(target.host, rules));
  const upstream = connect({ host: target.host, port: target.port });
  track(upstream);
  let established = false;
  upstream.once('connect', () => {
    established = true;
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on('error', (error) => {
    if (!established) {
      refuseTunnel(client, 502, 'Bad Gateway', `wright sandbox proxy: cannot reach ${target.host}:${target.port}: ${error.message}\n`);
    } else client.destroy();
  });
  client.on('close', () => upstream.destroy());
  upstream.on('close', () => client.destroy());
}

function refuseTunnel(client: Duplex, status: number, reason: string, body: string): void {
  const bytes = Buffer.from(body);
  client.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${bytes.length}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function forwardRequest(
  request: IncomingMessage,
  response: ServerResponse,
  allowed: (host: string) => boolean,
  rules: DomainRules,
): void {
  let url: URL;
  try {
    url = new URL(request.url ?? '');
  } catch {
    return reply(response, 400, 'wright sandbox proxy: expected an absolute http:// URL\n');
  }
  if (url.protocol !== 'http:') return reply(response, 400, `wright sandbox proxy: cannot forward ${url.protocol} requests; use CONNECT\n`);
  const host = normalizeHost(url.hostname);
  if (!allowed(host)) return reply(response, 403, blockedMessage(host, rules));
  const upstream = httpRequest(
    {
      host,
      port: url.port === '' ? 80 : Number(url.port),
      method: request.method,
      path: `${url.pathname}${url.search}`,
      // The host that was checked, not whatever Host the client sent: a shared server (a CDN) would
      // otherwise route the request to a site that is not on the list.
      headers: { ...endToEnd(request.headers), host: url.host },
      agent: false,
    },
    (reply) => {
      response.writeHead(reply.statusCode ?? 502, reply.statusMessage, endToEnd(reply.headers));
      reply.pipe(response);
    },
  );
  upstream.on('error', (error) => {
    if (!response.headersSent) reply(response, 502, `wright sandbox proxy: cannot reach ${host}: ${error.message}\n`);
    else response.destroy();
  });
  request.pipe(upstream);
}

function endToEnd(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name.toLowerCase())) kept[name] = value;
  }
  return kept;
}

function reply(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body), Connection: 'close' });
  response.end(body);
}
