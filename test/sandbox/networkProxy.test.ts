// The domain proxy on its own: plain HTTP requests and CONNECT tunnels, allowed and refused.
import assert from 'node:assert/strict';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startNetworkProxy, type RunningProxy } from '../../src/sandbox/networkProxy.js';
import { makeTempDir, removeTempDirs } from '../tools/toolTestContext.js';

let origin: Server;
let originPort: number;
let proxy: RunningProxy;
let socketPath: string;
const blocked: string[] = [];

before(async () => {
  origin = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => res.end(`origin saw ${req.method} ${req.url} host=${req.headers.host} proxy-auth=${req.headers['proxy-authorization'] ?? 'none'} body=${body}`));
  });
  await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
  originPort = (origin.address() as { port: number }).port;
  socketPath = join(makeTempDir(), 'proxy.sock');
  proxy = await startNetworkProxy({
    listen: { path: socketPath },
    rules: { allowedDomains: ['127.0.0.1', '*.allowed.test'], deniedDomains: ['bad.allowed.test'] },
    onBlocked: (host) => blocked.push(host),
  });
});

after(async () => {
  await proxy.close();
  origin.close();
  removeTempDirs();
});

function readAll(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    response.on('data', (chunk) => (text += chunk));
    response.on('end', () => resolve(text));
  });
}

function viaProxy(url: string, options: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method: options.method ?? 'GET', path: url, headers: options.headers ?? {} }, async (response) =>
      resolve({ status: response.statusCode!, body: await readAll(response) }),
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function tunnel(target: string): Promise<{ status: number; socket: Socket; head: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method: 'CONNECT', path: target });
    req.on('connect', (response, socket, head) => resolve({ status: response.statusCode!, socket, head }));
    req.on('error', reject);
    req.end();
  });
}

function rest(socket: Socket, head: Buffer): Promise<string> {
  return new Promise((resolve) => {
    let text = head.toString();
    socket.on('data', (chunk) => (text += chunk));
    socket.on('close', () => resolve(text));
  });
}

describe('network proxy', () => {
  it('forwards a plain HTTP request to an allowed host, without proxy headers and with the checked Host, body included', async () => {
    const result = await viaProxy(`http://127.0.0.1:${originPort}/path?q=1`, {
      method: 'POST',
      body: 'payload',
      headers: { 'Proxy-Authorization': 'secret', Host: 'evil.example.com' },
    });
    assert.equal(result.status, 200);
    assert.equal(result.body, `origin saw POST /path?q=1 host=127.0.0.1:${originPort} proxy-auth=none body=payload`);
  });

  it('answers 403 with the reason for a host not on the list, and reports it', async () => {
    const result = await viaProxy('http://example.com/');
    assert.equal(result.status, 403);
    assert.match(result.body, /Blocked by the wright sandbox: network access to "example\.com" is not allowed \(allowed hosts: 127\.0\.0\.1, \*\.allowed\.test\)/);
    assert.match(result.body, /sandbox\.network\.allowedDomains/);
    assert.ok(blocked.includes('example.com'));
  });

  it('refuses a denied subdomain even though a wildcard allows its parent', async () => {
    const result = await viaProxy('http://BAD.allowed.test/');
    assert.equal(result.status, 403);
    assert.ok(blocked.includes('bad.allowed.test'));
  });

  it('tunnels CONNECT to an allowed host', async () => {
    const { status, socket } = await tunnel(`127.0.0.1:${originPort}`);
    assert.equal(status, 200);
    const reply = await new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      socket.on('end', () => resolve(text));
      socket.write(`GET /through HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    });
    assert.match(reply, /^HTTP\/1\.1 200 OK/);
    assert.match(reply, /origin saw GET \/through/);
  });

  it('refuses CONNECT to other hosts with 403', async () => {
    const { status, socket, head } = await tunnel('example.org:443');
    assert.equal(status, 403);
    assert.match(await rest(socket, head), /"example\.org" is not allowed/);
  });

  it('answers 502 when an allowed host cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const plain = await viaProxy(`http://127.0.0.1:${port}/`);
    assert.equal(plain.status, 502);
    const { status, socket } = await tunnel(`127.0.0.1:${port}`);
    socket.destroy();
    assert.equal(status, 502);
  });

  it('rejects requests that are not proxy requests', async () => {
    const result = await viaProxy('/relative');
    assert.equal(result.status, 400);
  });

  it('can listen on a TCP port on localhost (macOS)', async () => {
    const tcp = await startNetworkProxy({ listen: { host: '127.0.0.1', port: 0 }, rules: { allowedDomains: ['127.0.0.1'], deniedDomains: [] } });
    try {
      assert.ok(tcp.port! > 0);
      const status = await new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: tcp.port, path: `http://127.0.0.1:${originPort}/` }, (response) => {
          response.resume();
          resolve(response.statusCode!);
        });
        req.on('error', reject);
        req.end();
      });
      assert.equal(status, 200);
    } finally {
      await tcp.close();
    }
  });
});
