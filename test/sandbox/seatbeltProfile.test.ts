// macOS Seatbelt: cannot run here, so the profile text and the sandbox-exec arguments are checked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BashSandbox } from '../../src/sandbox/bashSandbox.js';
import type { SandboxPolicy } from '../../src/sandbox/sandboxPolicy.js';
import { seatbeltArgs, seatbeltProfile, seatbeltString } from '../../src/sandbox/seatbeltProfile.js';
import { sandboxSettings } from './sandboxFixtures.js';

const policy: SandboxPolicy = {
  writableRoots: ['/Users/u/proj', '/Users/u/.cache/tool'],
  protectedRoots: ['/Users/u/proj'],
  denyWrite: ['/Users/u/proj/dist'],
  denyRead: ['/Users/u/.ssh', '/Users/u/.netrc'],
  allowRead: ['/Users/u/.ssh/known_hosts'],
  network: { allowedDomains: ['example.com'], deniedDomains: [], allowLocalBinding: false },
};

/** The index of the first line containing `text`, failing when there is none. */
function lineOf(profile: string, text: string): number {
  const index = profile.split('\n').findIndex((line) => line.includes(text));
  assert.notEqual(index, -1, `profile lacks ${text}:\n${profile}`);
  return index;
}

describe('Seatbelt profile', () => {
  const profile = seatbeltProfile({ policy, extraWritable: ['/private/var/folders/x/T/wright-sandbox-1/tmp'], proxyPort: 51234 });

  it('denies by default and allows reading everything before the denials', () => {
    assert.ok(profile.startsWith('(version 1)\n(deny default)\n'));
    assert.ok(lineOf(profile, '(allow file-read*)') < lineOf(profile, '(deny file-read*'));
  });

  it('denies reading the secrets, then re-allows allowRead inside them', () => {
    const lines = profile.split('\n');
    const deny = lines.indexOf('(deny file-read*');
    const reallow = lines.indexOf('(allow file-read*');
    assert.ok(deny !== -1 && reallow > deny);
    const secret = lineOf(profile, '(subpath "/Users/u/.ssh")');
    assert.ok(secret > deny && secret < reallow);
    assert.ok(lineOf(profile, '(subpath "/Users/u/.ssh/known_hosts")') > reallow);
  });

  it('allows writes only to the writable roots, the temp dir and devices, then denies protected paths (existing or not)', () => {
    const allow = lineOf(profile, '(allow file-write*');
    const deny = lineOf(profile, '(deny file-write*');
    assert.ok(allow < deny);
    for (const path of ['/Users/u/proj', '/Users/u/.cache/tool', '/private/var/folders/x/T/wright-sandbox-1/tmp']) {
      const at = lineOf(profile, `(subpath "${path}")`);
      assert.ok(at > allow && at < deny, path);
    }
    assert.ok(lineOf(profile, '(literal "/dev/null")') > allow);
    for (const protectedPath of ['(subpath "/Users/u/proj/.git/hooks")', '(literal "/Users/u/proj/.git/config")', '(subpath "/Users/u/proj/.wright")', '(subpath "/Users/u/proj/.claude")', '(literal "/Users/u/proj/.mcp.json")', '(literal "/Users/u/proj/.bashrc")', '(subpath "/Users/u/proj/dist")']) {
      assert.ok(lineOf(profile, protectedPath) > deny, protectedPath);
    }
    assert.ok(!profile.includes('/Users/u/.cache/tool/.git/hooks'), 'only working directories get protected paths');
  });

  it('allows network only to the proxy port on localhost', () => {
    assert.match(profile, /\(allow network-outbound \(remote ip "localhost:51234"\)\)/);
    assert.doesNotMatch(profile, /network-bind/);
    const offline = seatbeltProfile({ policy, extraWritable: [] });
    assert.doesNotMatch(offline, /network/);
  });

  it('allows local binding when configured', () => {
    const binding = seatbeltProfile({ policy: { ...policy, network: { ...policy.network, allowLocalBinding: true } }, extraWritable: [] });
    assert.match(binding, /\(allow network-bind \(local ip "localhost:\*"\)\)/);
  });

  it('escapes quotes and backslashes in paths', () => {
    assert.equal(seatbeltString('/a "b"\\c'), '"/a \\"b\\"\\\\c"');
  });

  it('passes the profile inline, then the command', () => {
    assert.deepEqual(seatbeltArgs('(version 1)', ['/bin/bash', '-c', 'ls']), ['-p', '(version 1)', '/bin/bash', '-c', 'ls']);
  });
});

describe('BashSandbox on macOS', () => {
  it('wraps a launch in sandbox-exec with the profile and TMPDIR pointing at its own directory', () => {
    const sandbox = new BashSandbox({
      settings: sandboxSettings(),
      policy: { ...policy, network: { allowedDomains: [], deniedDomains: [], allowLocalBinding: false } },
      availability: { available: true, backend: { kind: 'seatbelt' } },
    });
    try {
      const launch = sandbox.wrap({ file: '/bin/bash', args: ['-c', 'echo hi'], env: { PATH: '/usr/bin' }, cwd: '/Users/u/proj' });
      assert.equal(launch.file, '/usr/bin/sandbox-exec');
      assert.equal(launch.args[0], '-p');
      assert.deepEqual(launch.args.slice(2), ['/bin/bash', '-c', 'echo hi']);
      assert.match(launch.env.TMPDIR!, /wright-sandbox-[^/]+\/tmp$/);
      assert.ok(launch.args[1]!.includes(`(subpath "${launch.env.TMPDIR}")`));
      assert.equal(launch.env.HTTPS_PROXY, undefined);
      assert.equal(launch.cwd, '/Users/u/proj');
    } finally {
      void sandbox.dispose();
    }
  });

  it('with an allowlist, starts the proxy on a localhost TCP port and allows only that port', async () => {
    const sandbox = new BashSandbox({ settings: sandboxSettings(), policy, availability: { available: true, backend: { kind: 'seatbelt' } } });
    try {
      const launch = { file: '/bin/bash', args: ['-c', 'curl https://example.com'], env: {}, cwd: '/Users/u/proj' };
      assert.throws(() => sandbox.wrap(launch), /before prepare/);
      await sandbox.prepare();
      const wrapped = sandbox.wrap(launch);
      const port = /localhost:(\d+)/.exec(wrapped.args[1]!)?.[1];
      assert.ok(port !== undefined && Number(port) > 0);
      assert.equal(wrapped.env.HTTPS_PROXY, `http://127.0.0.1:${port}`);
      assert.equal(wrapped.env.http_proxy, `http://127.0.0.1:${port}`);
      assert.equal(wrapped.env.NO_PROXY, 'localhost,127.0.0.1,::1');
    } finally {
      await sandbox.dispose();
    }
  });
});
