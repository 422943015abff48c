// End-to-end: `wright doctor` checks the installation and names what to fix.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeWorkspace, runWright } from './harness.js';

test('wright doctor passes with credentials and reports each check', async () => {
  const workspace = makeWorkspace();
  const run = await runWright(['doctor'], { workspace, env: { ANTHROPIC_API_KEY: 'test-key' } });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  for (const name of ['node', 'settings', 'model provider', 'ripgrep', 'bash parser', 'sandbox', 'git', 'config directory', 'terminal', 'workspace trust', 'plugins']) {
    assert.match(run.stdout, new RegExp(`^[✓!] ${name} `, 'm'), name);
  }
  assert.match(run.stdout, /model provider\s+anthropic, model claude-sonnet-5-5, key from ANTHROPIC_API_KEY/);
  assert.doesNotMatch(run.stdout, /test-key/);
  assert.match(run.stdout, /Everything wright needs is in place\./);
});

test('wright doctor fails, naming the problem, without credentials or with a broken settings file', async () => {
  const workspace = makeWorkspace();
  mkdirSync(join(workspace.repo, '.wright'));
  writeFileSync(join(workspace.repo, '.wright', 'settings.json'), '{\n  "permissions": { "defaultMode": "yolo" }\n}\n');
  const run = await runWright(['doctor'], { workspace });
  assert.equal(run.code, 1);
  assert.match(run.stdout, /^✗ settings .*\.wright\/settings\.json:2:\d+/m);
  assert.match(run.stdout, /^✗ model provider .*ANTHROPIC_API_KEY/m);
  assert.match(run.stdout, /2 problems to fix\./);
});

test('wright doctor fails when the sandbox is enabled but cannot start', async () => {
  const workspace = makeWorkspace();
  mkdirSync(join(workspace.repo, '.wright'));
  writeFileSync(join(workspace.repo, '.wright', 'settings.json'), JSON.stringify({ sandbox: { enabled: true, bwrapPath: '/nonexistent/bwrap' } }));
  const run = await runWright(['doctor'], { workspace, env: { ANTHROPIC_API_KEY: 'k' } });
  assert.equal(run.code, 1);
  assert.match(run.stdout, /^✗ sandbox\s+enabled in settings but unavailable: bubblewrap \(\/nonexistent\/bwrap\) was not found/m);
});

test('wright doctor --connect tests the provider with one request; a rejected key fails the check', async () => {
  const { startModelServer } = await import('../support/modelServer.js');
  const { reply, text } = await import('../support/script.js');
  const server = await startModelServer();
  try {
    const workspace = makeWorkspace();
    server.push(reply([text('pong')]));
    const good = await runWright(['doctor', '--connect'], { workspace, server });
    assert.equal(good.code, 0, good.stdout);
    assert.match(good.stdout, /^✓ connection\s+anthropic answered with model claude-sonnet-5-5/m);
    const bad = await runWright(['doctor', '--connect'], { workspace, server, env: { ANTHROPIC_API_KEY: 'wrong-key' } });
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /^✗ connection\s+anthropic at http:\/\/127\.0\.0\.1:\d+ with model claude-sonnet-5-5:/m);
    const usage = await runWright(['doctor', '--nope'], { workspace });
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /Usage: wright doctor \[--connect\]/);
  } finally {
    await server.close();
  }
});

test('wright doctor reports workspace trust and plugins that will not load', async () => {
  const workspace = makeWorkspace();
  mkdirSync(join(workspace.repo, '.wright'));
  writeFileSync(join(workspace.repo, '.wright', 'settings.json'), JSON.stringify({ enabledPlugins: { 'ghost@team': true } }));
  const run = await runWright(['doctor'], { workspace, env: { ANTHROPIC_API_KEY: 'k' } });
  assert.equal(run.code, 0, run.stdout);
  assert.match(run.stdout, /^✓ workspace trust\s+not trusted yet: wright will ask on its next interactive start before using \.wright\/settings\.json/m);
  assert.match(run.stdout, /^! plugins\s+0 loaded; Plugin ghost@team is enabled in settings but not installed/m);

  writeFileSync(join(workspace.configDir, 'trusted-folders.json'), JSON.stringify({ version: 1, folders: [workspace.repo] }));
  const trusted = await runWright(['doctor'], { workspace, env: { ANTHROPIC_API_KEY: 'k' } });
  assert.match(trusted.stdout, /^✓ workspace trust\s+.*repo is trusted \(\.wright\/settings\.json\)/m);
});
