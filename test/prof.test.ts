import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { startModelServer } from '/work/main/test/support/modelServer.js';
import { reply, text } from '/work/main/test/support/script.js';
test('prof', async () => {
  const server = await startModelServer();
  server.push(reply([text('ok')]));
  const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/prof/out', '/work/main/dist/wright.js', '-p', 'hi'], { cwd: '/tmp/prof', env: { PATH: process.env.PATH, HOME: '/tmp/prof', WRIGHT_CONFIG_DIR: '/tmp/prof/cfg', ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: server.anthropicBaseUrl }, encoding: 'utf8' });
  console.log(r.stdout, r.stderr);
  await server.close();
});
