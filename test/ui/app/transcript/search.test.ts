import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Line } from '../../../../src/ui/markdown/styledText.js';
import { highlightMatches, matchingLines, matchRanges, nextMatch, plainText } from '../../../../src/ui/app/transcript/search.js';

const line = (...texts: string[]): Line => texts.map((text) => ({ text, style: {} }));

test('matching ignores case unless the query has a capital letter', () => {
  assert.deepEqual(matchRanges('Error: error ERROR', 'error'), [[0, 5], [7, 12], [13, 18]]);
  assert.deepEqual(matchRanges('Error: error ERROR', 'Error'), [[0, 5]]);
  assert.deepEqual(matchRanges('aaaa', 'aa'), [[0, 2], [2, 4]]);
  assert.deepEqual(matchRanges('text', ''), []);
});

test('matching lines are found across spans; next and previous wrap around', () => {
  const lines = [line('alpha'), line('be', 'ta'), line('gamma'), line('beta max')];
  const matches = matchingLines(lines, 'beta');
  assert.deepEqual(matches, [1, 3]);
  assert.equal(nextMatch(matches, 0, 1), 1);
  assert.equal(nextMatch(matches, 1, 1), 3);
  assert.equal(nextMatch(matches, 3, 1), 1, 'wraps to the top');
  assert.equal(nextMatch(matches, 3, -1), 1);
  assert.equal(nextMatch(matches, 1, -1), 3, 'wraps to the bottom');
  assert.equal(nextMatch([], 0, 1), undefined);
});

test('highlighting splits spans at the match and reverses it, keeping the text and the other styles', () => {
  const styled: Line = [{ text: 'npm te', style: { bold: true } }, { text: 'st passed', style: { fg: 'green' } }];
  const out = highlightMatches(styled, 'test');
  assert.equal(plainText(out), 'npm test passed');
  assert.deepEqual(out, [
    { text: 'npm ', style: { bold: true } },
    { text: 'te', style: { bold: true, inverse: true } },
    { text: 'st', style: { fg: 'green', inverse: true } },
    { text: ' passed', style: { fg: 'green' } },
  ]);
  const current = highlightMatches(line('a test'), 'test', true);
  assert.deepEqual(current[1], { text: 'test', style: { inverse: true, fg: 'yellow' } });
  assert.equal(highlightMatches(styled, 'absent'), styled);
});
