import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Key } from 'ink';
import { keyRouter } from '../../../../src/ui/app/transcript/keyRouter.js';

const key = {} as Key;

test('keys wait for the view, reach it in order once it attaches, then go straight to it', () => {
  const router = keyRouter();
  const seen: string[] = [];
  router.route('/', key);
  router.route('x', key);
  const detach = router.attach((input) => seen.push(`first:${input}`));
  assert.deepEqual(seen, ['first:/', 'first:x']);
  router.route('n', key);
  // A re-render attaches the newer handler; the older one's detach must not remove it.
  const detachSecond = router.attach((input) => seen.push(`second:${input}`));
  detach();
  router.route('N', key);
  assert.deepEqual(seen.slice(2), ['first:n', 'second:N']);
  detachSecond();
  router.route('q', key);
  assert.equal(seen.length, 4, 'after the view is gone, keys wait again');
});
