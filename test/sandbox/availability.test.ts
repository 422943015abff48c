// The start-up probe and what the session makes of its answer.
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { findExecutable, probeSandbox } from '../../src/sandbox/availability.js';
import { setUpSessionSandbox } from '../../src/sandbox/sessionSandbox.js';
import { makeTempDir, removeTempDirs } from '../tools/toolTestContext.js';
import { bubblewrapSkipReason, sandboxSettings } from './sandboxFixtures.js';

after(removeTempDirs);

const skip = await bubblewrapSkipReason();

/** A fake bwrap that fails the way bubblewrap does without user namespaces. */
function failingBwrap(): string {
  const path = join(makeTempDir(), 'bwrap');
  writeFileSync(path, '#!/bin/sh\necho "bwrap: No permissions to create new namespace, likely because the kernel does not allow non-privileged user namespaces." >&2\nexit 1\n');
  chmodSync(path, 0o755);
  return path;
}

const sessionInputs = (overrides: Parameters<typeof sandboxSettings>[0] = {}) => {
  const root = makeTempDir();
  return { settings: sandboxSettings(overrides), workingDirectories: [root], home: join(root, 'home'), configDir: join(root, 'config'), env: process.env };
};

describe('sandbox availability probe', () => {
  it('finds bubblewrap on PATH and starts a trivial sandbox with the real flags', { skip }, async () => {
    const availability = await probeSandbox({ platform: 'linux', env: process.env });
    assert.equal(availability.available, true);
    if (availability.available) assert.equal(availability.backend.kind, 'bwrap');
  });

  it('reports a missing binary at a configured path', async () => {
    const availability = await probeSandbox({ platform: 'linux', env: process.env, bwrapPath: '/nonexistent/bwrap' });
    assert.deepEqual(availability, {
      available: false,
      reason: 'bubblewrap (/nonexistent/bwrap) was not found at /nonexistent/bwrap; install it (e.g. apt install bubblewrap)',
    });
  });

  it('reports bubblewrap missing from PATH', async () => {
    const availability = await probeSandbox({ platform: 'linux', env: { PATH: '/nonexistent' } });
    assert.equal(availability.available, false);
    if (!availability.available) assert.match(availability.reason, /^bubblewrap \(bwrap\) was not found on PATH/);
  });

  it('reports why bubblewrap could not create a sandbox', async () => {
    const bwrap = failingBwrap();
    const availability = await probeSandbox({ platform: 'linux', env: process.env, bwrapPath: bwrap });
    assert.equal(availability.available, false);
    if (!availability.available) {
      assert.match(availability.reason, new RegExp(`^bubblewrap \\(${bwrap}\\) could not create a sandbox: bwrap: No permissions to create new namespace`));
      assert.match(availability.reason, /user namespaces disabled/);
    }
  });

  it('says the platform is not supported', async () => {
    const availability = await probeSandbox({ platform: 'win32', env: process.env });
    assert.deepEqual(availability, { available: false, reason: 'the OS sandbox supports Linux (bubblewrap) and macOS (Seatbelt), not win32' });
  });

  it('looks only in absolute PATH entries', () => {
    assert.equal(findExecutable('sh', 'relative/bin:/bin'), '/bin/sh');
    assert.equal(findExecutable('sh', 'relative/bin'), undefined);
  });
});

describe('session sandbox set-up', () => {
  it('does nothing when sandbox.enabled is off', async () => {
    const session = await setUpSessionSandbox(sessionInputs({ enabled: false }));
    assert.deepEqual(session, { autoAllowsBash: false, warnings: [] });
  });

  it('auto-allows Bash when the sandbox works and autoAllowBashIfSandboxed is on (the default)', { skip }, async () => {
    const on = await setUpSessionSandbox(sessionInputs());
    assert.equal(on.autoAllowsBash, true);
    assert.deepEqual(on.warnings, []);
    assert.equal(on.sandbox?.isActive, true);
    const off = await setUpSessionSandbox(sessionInputs({ autoAllowBashIfSandboxed: false }));
    assert.equal(off.autoAllowsBash, false);
    assert.equal(off.sandbox?.isActive, true);
  });

  it('warns once and falls back to asking when bubblewrap cannot run', async () => {
    const session = await setUpSessionSandbox({ ...sessionInputs({ bwrapPath: failingBwrap() }), platform: 'linux' });
    assert.equal(session.autoAllowsBash, false);
    assert.equal(session.warnings.length, 1);
    assert.match(session.warnings[0]!, /^sandbox\.enabled is set but bubblewrap is not available: bubblewrap \(.*\) could not create a sandbox: .*; Bash commands will run unsandboxed and need approval\.$/);
    assert.deepEqual(session.sandbox?.plan('ls', false), { mode: 'unsandboxed', why: 'unavailable' });
  });

  it('warns that Bash will refuse when failIfUnavailable is set', async () => {
    const session = await setUpSessionSandbox({ ...sessionInputs({ bwrapPath: '/nonexistent/bwrap', failIfUnavailable: true }), platform: 'linux' });
    assert.equal(session.autoAllowsBash, false);
    assert.match(session.warnings[0]!, /^sandbox\.enabled and sandbox\.failIfUnavailable are set but bubblewrap is not available: .*; the Bash tool will refuse to run commands\.$/);
    const plan = session.sandbox!.plan('ls', false);
    assert.equal(plan.mode, 'refused');
    if (plan.mode === 'refused') assert.match(plan.message, /^Command was not run: the OS sandbox is required \(sandbox\.failIfUnavailable\) but not available: bubblewrap/);
  });
});
