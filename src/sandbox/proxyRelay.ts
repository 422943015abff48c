// Linux: a command in the sandbox has no network interface but loopback, so the proxy (listening on
// a Unix socket outside) is made reachable by a tiny relay started inside: it listens on
// 127.0.0.1:<port> and pipes every connection to the socket. It runs on the same node binary as
// wright. The shell wrapper starts it detached from the command's shell (so `wait` does not wait for
// it), waits until it listens, then execs the command; the relay dies with the sandbox's pid namespace.
import { hostMatches } from './domainMatch.js';

/** Inside the sandbox's own network namespace, so it cannot clash with anything on the host. */
export const RELAY_PORT = 39017;

export const RELAY_SCRIPT = `'use strict';
const net = require('node:net');
const [socketPath, port] = process.argv.slice(2);
const server = net.createServer((client) => {
  const upstream = net.connect(socketPath);
  const end = () => { client.destroy(); upstream.destroy(); };
  client.on('error', end);
  upstream.on('error', end);
  client.on('close', end);
  upstream.on('close', end);
  client.pipe(upstream);
  upstream.pipe(client);
});
server.on('error', () => process.exit(1));
server.listen(Number(port), '127.0.0.1', () => process.stdout.end('ready\\n'));
`;

/**
 * \`sh -c\` text; arguments: node, relay script, proxy socket, port, then the command to exec. A fifo
 * carries the relay's "ready" line; if the relay cannot start, the read sees end of file and the
 * command runs without network. NODE_OPTIONS is the user's, meant for their programs, not the relay.
 */
export const RELAY_WRAPPER = `node="$1" relay="$2" socket="$3" port="$4"
shift 4
f="\${TMPDIR:-/tmp}/.wright-proxy-relay.$$"
if mkfifo "$f" 2>/dev/null; then
  (NODE_OPTIONS= "$node" "$relay" "$socket" "$port" >"$f" </dev/null 2>/dev/null &)
  read -r _ <"$f"
  rm -f "$f"
fi
exec "$@"`;

export interface RelaySetup {
  node: string;
  relayScript: string;
  socketPath: string;
}

/** The command line that starts the relay, then execs `command`. */
export function withRelay(relay: RelaySetup, command: readonly string[]): string[] {
  return ['/bin/sh', '-c', RELAY_WRAPPER, 'wright-sandbox', relay.node, relay.relayScript, relay.socketPath, String(RELAY_PORT), ...command];
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/**
 * Proxy variables for the command (both spellings: curl reads only lower-case http_proxy). Loopback
 * names bypass the proxy, reaching servers the command itself starts inside the sandbox, unless the
 * allowlist names them: then they go through the proxy to the host's own loopback.
 */
export function proxyEnvironment(port: number, allowedDomains: readonly string[]): Record<string, string> {
  const url = `http://127.0.0.1:${port}`;
  const bypass = LOOPBACK_NAMES.filter((name) => !allowedDomains.some((pattern) => hostMatches(name, pattern))).join(',');
  return {
    HTTP_PROXY: url,
    HTTPS_PROXY: url,
    ALL_PROXY: url,
    http_proxy: url,
    https_proxy: url,
    all_proxy: url,
    NO_PROXY: bypass,
    no_proxy: bypass,
    // Node 24+ honours the variables above for fetch and http only with this set.
    NODE_USE_ENV_PROXY: '1',
  };
}
