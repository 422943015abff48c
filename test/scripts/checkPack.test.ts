// The packaging gate must actually fail on what it exists to stop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SCRIPT = resolve('scripts/check-pack.mjs');

function fakePackage(files: Record<string, string>, whitelist = ['dist']): string {
  const dir = mkdtempSync(join(tmpdir(), 'wright-pack-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'pack-probe', version: '1.0.0', files: whitelist }));
  writeFileSync(join(dir, 'README.md'), '# probe\n');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const checkPack = (cwd: string) => spawnSync(process.execPath, [SCRIPT], { cwd, encoding: 'utf8' });

test('a clean package passes', () => {
  const run = checkPack(fakePackage({ 'dist/wright.js': 'console.log(1);\n' }));
  assert.equal(run.status, 0, run.stderr);
});

test('WebAssembly beside the bundle is shipped, elsewhere it is refused', () => {
  const shipped = checkPack(fakePackage({ 'dist/wright.js': '', 'dist/tree-sitter-bash.wasm': 'wasm' }, ['dist']));
  assert.equal(shipped.status, 0, shipped.stderr);
  const nested = checkPack(fakePackage({ 'dist/wright.js': '', 'dist/chunks/stray.wasm': 'wasm', 'wasm/x.wasm': 'wasm' }, ['dist', 'wasm']));
  assert.equal(nested.status, 1);
  assert.match(nested.stderr, /dist\/chunks\/stray\.wasm: outside the whitelist/);
  assert.match(nested.stderr, /wasm\/x\.wasm: outside the whitelist/);
});

test('source maps, tests, fixtures, env files and keys are refused', () => {
  const run = checkPack(
    fakePackage({
      'dist/wright.js': 'console.log(1);\n//# sourceMappingURL=wright.js.map\n',
      'dist/wright.js.map': '{}',
      'dist/test/a.test.js': '',
      'dist/fixtures/data.js': '',
      'dist/.env': 'KEY=1',
      'dist/leak.js': `const key = "sk-ant-${'a'.repeat(30)}";\n`,
    }),
  );
  assert.equal(run.status, 1);
  for (const what of ['a source map', 'points at a source map', 'a test or fixture', 'an environment file', 'looks like an API key']) {
    assert.ok(run.stderr.includes(what), `${what}:\n${run.stderr}`);
  }
});

test('anything outside the whitelist is refused', () => {
  const run = checkPack(fakePackage({ 'dist/wright.js': '', 'src/index.ts': 'export {};\n' }, ['dist', 'src']));
  assert.equal(run.status, 1);
  assert.match(run.stderr, /src\/index\.ts: outside the whitelist/);
});
