// A long interactive session must not grow the heap with its length. A child process plays 100 and
// then 700 turns (a long span, so the noise of a busy machine averages out) through the real App and Ink's terminal renderer, configured as the built wright
// runs (React's production build, Ink with its buffers bounded by scripts/inkBoundedMemory.mjs), and
// reports the heap in use after full collections. What a turn may leave behind is set well above
// what compiled code still adds late in a run (~0.5 KB a turn) and well below any retained conversation
// (keeping every finished item: ~3 KB a turn; Ink's unbounded buffers: ~18 KB; React's dev build: ~1 MB).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const FIRST = 100;
const LAST = 700;
const MAX_BYTES_PER_TURN = 1536;

test('the heap of a long interactive session stays flat as turns go by', { timeout: 180_000 }, () => {
  const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
  // Ink holds its live region back under CI; the built wright never does (see scripts/build.mjs).
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(CI|CONTINUOUS_INTEGRATION|CI_.*)$/.test(name)));
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', '--import', here('./longSession/registerInkBoundedMemory.mjs'), here('./longSession/heapProbe.ts'), String(FIRST), String(LAST)],
    { encoding: 'utf8', env: { ...env, NODE_ENV: 'production' } },
  );
  assert.equal(child.status, 0, child.stderr);
  const heapUsed = JSON.parse(/\{.*\}/.exec(child.stdout)?.[0] ?? '{}') as Record<string, number>;
  const perTurn = (heapUsed[LAST]! - heapUsed[FIRST]!) / (LAST - FIRST);
  assert.ok(perTurn < MAX_BYTES_PER_TURN, `the heap grew by ${Math.round(perTurn)} bytes a turn from turn ${FIRST} to ${LAST} (${JSON.stringify(heapUsed)})`);
});
