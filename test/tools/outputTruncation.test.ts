import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HeadTailCollector, splitBudget, truncateMiddle, truncationMarker } from '../../src/tools/outputTruncation.js';

describe('truncateMiddle', () => {
  it('leaves short text alone', () => {
    assert.equal(truncateMiddle('short', 10), 'short');
  });

  it('keeps the head and tail and counts what was dropped', () => {
    assert.equal(truncateMiddle('abcdefghij', 4), `ab${truncationMarker(6)}ij`);
  });
});

describe('HeadTailCollector', () => {
  it('gives the same view as truncating the whole text, whatever the chunking', () => {
    const text = Array.from({ length: 5000 }, (_, index) => String(index % 10)).join('');
    for (const chunkSize of [1, 7, 100, 5000]) {
      const collector = new HeadTailCollector(300);
      for (let start = 0; start < text.length; start += chunkSize) collector.append(text.slice(start, start + chunkSize));
      assert.equal(collector.totalLength, 5000);
      for (const budget of [300, 150, 11]) assert.equal(collector.view(budget), truncateMiddle(text, budget));
    }
  });

  it('returns everything when it fits', () => {
    const collector = new HeadTailCollector(10);
    collector.append('abc');
    collector.append('defgh');
    assert.equal(collector.view(), 'abcdefgh');
  });

  it('handles text just over the limit without losing the tail', () => {
    const collector = new HeadTailCollector(10);
    collector.append('0123456789abcde');
    assert.equal(collector.view(), truncateMiddle('0123456789abcde', 10));
  });
});

describe('splitBudget', () => {
  it('gives both texts in full when they fit', () => {
    assert.deepEqual(splitBudget(100, 30, 40), [30, 40]);
  });

  it('gives a short text all it needs and the rest to the long one', () => {
    assert.deepEqual(splitBudget(100, 500, 10), [90, 10]);
    assert.deepEqual(splitBudget(100, 10, 500), [10, 90]);
  });

  it('halves the budget when both are long', () => {
    assert.deepEqual(splitBudget(100, 500, 500), [50, 50]);
  });
});
