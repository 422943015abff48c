// The terminal UI is loaded only in interactive mode: the modules `-p` and `--version` load never
// include Ink or React (they are reached through import() from main.ts alone).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CLI } from '../harness.js';

const chunks = join(dirname(CLI), 'chunks');

/** A file and every file it imports statically (not through import()), transitively. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  for (const match of source.matchAll(/^import\s(?:[^;]*?\sfrom\s*)?"(\.[^"]+)"/gm)) staticClosure(join(dirname(file), match[1]!), seen);
  return seen;
}

const chunkNamed = (prefix: string) => {
  const name = readdirSync(chunks).find((file) => file.startsWith(`${prefix}-`));
  assert.ok(name, `no ${prefix} chunk in dist/chunks`);
  return join(chunks, name);
};

// Ink's own error text: present exactly where Ink is bundled.
const INK_MARKER = 'Raw mode is not supported';
const containsInk = (files: Set<string>) => [...files].some((file) => readFileSync(file, 'utf8').includes(INK_MARKER));

test('the interactive front end bundles Ink', () => {
  assert.ok(containsInk(staticClosure(chunkNamed('interactive'))));
});

test('print mode, main and the launcher do not load Ink or React', () => {
  for (const start of [CLI, chunkNamed('main'), chunkNamed('printMode')]) {
    const closure = staticClosure(start);
    assert.ok(!containsInk(closure), `${start} loads Ink statically`);
    assert.ok(![...closure].some((file) => readFileSync(file, 'utf8').includes('react.transitional.element')), `${start} loads React`);
  }
});

test('without a terminal, interactive mode says how to run non-interactively (exit 2)', async () => {
  const { makeWorkspace, runWright } = await import('../harness.js');
  const run = await runWright(['hello'], { workspace: makeWorkspace() });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /Interactive mode needs a terminal.*-p/);
});
