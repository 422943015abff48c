import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editScript, matchSequences } from '../../../src/ui/diff/myers.js';

function lcsLength(a: number[], b: number[]): number {
  const dp = Array.from({ length: a.length + 1 }, () => new Int32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) dp[i]![j] = a[i] === b[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  return dp[0]![0]!;
}

// A small deterministic generator, so a failure reproduces.
function random(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
}

describe('matchSequences (Myers)', () => {
  it('finds a longest common subsequence of random sequences', () => {
    const next = random(7);
    for (let t = 0; t < 2000; t++) {
      const make = () => Array.from({ length: Math.floor(next() * 16) }, () => Math.floor(next() * 5));
      const a = make();
      const b = make();
      const match = matchSequences(a, b);
      let count = 0;
      let last = -1;
      match.forEach((j, i) => {
        if (j < 0) return;
        assert.equal(a[i], b[j]);
        assert.ok(j > last, 'matches are increasing');
        last = j;
        count++;
      });
      assert.equal(count, lcsLength(a, b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    }
  });

  it('turns matches into an edit script that rebuilds b from a', () => {
    const a = [1, 2, 3, 4, 5, 6];
    const b = [2, 3, 9, 5, 6, 7];
    const rebuilt = editScript(a, b).flatMap((op) => (op.op === 'delete' ? [] : [op.op === 'equal' ? a[op.a]! : b[op.b]!]));
    assert.deepEqual(rebuilt, b);
    assert.deepEqual(
      editScript(a, b).map((op) => op.op),
      ['delete', 'equal', 'equal', 'delete', 'insert', 'equal', 'equal', 'insert'],
    );
  });
});
