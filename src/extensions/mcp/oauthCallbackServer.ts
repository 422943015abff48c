// The loopback endpoint an OAuth authorization server redirects the browser to at the end of a
// login: `http://localhost:<port>/callback?code=…&state=…`, served on 127.0.0.1 only.
//
// A response whose `state` is not the one of the request in flight is turned away (a stale tab from
// an earlier attempt, or a forged request) and the login keeps waiting for the right one. An
// `error=…` response from the authorization server ends the login with that error.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CALLBACK_PATH = '/callback';

export interface OAuthCallbackServer {
  port: number;
  /** `http://localhost:<port>/callback`. */
  redirectUrl: string;
  /** The authorization code, once a response with the expected state arrives. */
  waitForCode(options: { signal: AbortSignal; timeoutMs: number }): Promise<string>;
  close(): Promise<void>;
}

export class OAuthCallbackError extends Error {
  override name = 'OAuthCallbackError';
}

const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${body}</p></body></html>`;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Listens on 127.0.0.1 (`port` 0: any free port). `expectedState` is asked when a response arrives,
 * since the state is made after the server starts.
 */
export async function startOAuthCallbackServer(port: number, expectedState: () => string | undefined): Promise<OAuthCallbackServer> {
  let settle: { resolve: (code: string) => void; reject: (error: Error) => void } | undefined;
  const outcome = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  // Nobody may be waiting yet when the outcome lands; do not let that look like an unhandled rejection.
  outcome.catch(() => undefined);

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const reply = (status: number, title: string, body: string) => {
      response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', connection: 'close' }).end(page(title, body));
    };
    if (request.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
      reply(404, 'Not found', 'This is wright\'s sign-in callback.');
      return;
    }
    const params = url.searchParams;
    const expected = expectedState();
    if (expected === undefined || params.get('state') !== expected) {
      reply(400, 'Sign-in response rejected', 'Its state does not match the sign-in wright is waiting for. If you started several sign-ins, use the newest browser tab.');
      return;
    }
    const error = params.get('error');
    if (error !== null) {
      const description = params.get('error_description');
      const message = `the authorization server answered "${error}"${description ? `: ${description}` : ''}`;
      reply(400, 'Sign-in failed', escapeHtml(message));
      settle?.reject(new OAuthCallbackError(message));
      return;
    }
    const code = params.get('code');
    if (code === null || code === '') {
      reply(400, 'Sign-in response rejected', 'It carries no authorization code.');
      return;
    }
    reply(200, 'Signed in', 'wright has the authorization. You can close this tab and return to the terminal.');
    settle?.resolve(code);
  };

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new OAuthCallbackError(`the OAuth callback port ${port} is in use; free it or change "oauth.callbackPort"`) : error),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;

  return {
    port: bound,
    redirectUrl: `http://localhost:${bound}${CALLBACK_PATH}`,
    waitForCode({ signal, timeoutMs }) {
      let timer: NodeJS.Timeout | undefined;
      let onAbort: (() => void) | undefined;
      const stop = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new OAuthCallbackError(`no sign-in arrived within ${Math.round(timeoutMs / 60_000)} minutes`)), timeoutMs);
        onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
      });
      return Promise.race([outcome, stop]).finally(() => {
        clearTimeout(timer);
        if (onAbort) signal.removeEventListener('abort', onAbort);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
