import assert from 'node:assert/strict';
import { test } from 'node:test';
import { followBottom, maxTop, positionAt, reveal, scrollBy, topLine, type PagerLayout } from '../../../../src/ui/app/transcript/pager.js';

// Ten items of ten lines each.
const layout = (itemLines = 10, items = 10): PagerLayout => ({ starts: Array.from({ length: items }, (_, i) => i * itemLines), total: items * itemLines });
const HEIGHT = 20;

test('opens at the bottom and follows new lines while there', () => {
  const start = followBottom();
  assert.equal(topLine(start, layout(), HEIGHT), 80);
  assert.equal(topLine(start, layout(10, 12), HEIGHT), 100, 'more lines arrived: still at the bottom');
});

test('scrolling is bounded at the top and the bottom; reaching the bottom follows again', () => {
  const l = layout();
  const up = scrollBy(followBottom(), -5, l, HEIGHT);
  assert.equal(up.follow, false);
  assert.equal(topLine(up, l, HEIGHT), 75);
  assert.equal(topLine(scrollBy(up, -1000, l, HEIGHT), l, HEIGHT), 0);
  assert.equal(scrollBy(up, 5, l, HEIGHT).follow, true);
  assert.equal(scrollBy(up, 1000, l, HEIGHT).follow, true);
  assert.equal(maxTop(5, HEIGHT), 0);
  assert.equal(topLine(positionAt(3, { starts: [0], total: 5 }, HEIGHT), { starts: [0], total: 5 }, HEIGHT), 0, 'shorter than a page');
});

test('scrolled up, new lines do not move the view', () => {
  const at = positionAt(30, layout(), HEIGHT);
  assert.equal(at.follow, false);
  assert.equal(topLine(at, layout(10, 15), HEIGHT), 30);
});

test('after re-wrapping the same part of the same item stays at the top', () => {
  const at = positionAt(45, layout(), HEIGHT); // item 4, halfway
  assert.deepEqual(at.anchor, { item: 4, offset: 5, itemLines: 10 });
  // Narrower: every item now takes 20 lines.
  assert.equal(topLine(at, layout(20), HEIGHT), 90);
  // Wider: 5 lines each.
  assert.equal(topLine(at, layout(5), HEIGHT), 22);
});

test('revealing a line scrolls only when it is out of view, leaving some context above it', () => {
  const l = layout();
  const at = positionAt(10, l, HEIGHT);
  assert.equal(reveal(at, 25, l, HEIGHT), at);
  assert.equal(topLine(reveal(at, 50, l, HEIGHT), l, HEIGHT), 47);
  assert.equal(topLine(reveal(at, 2, l, HEIGHT), l, HEIGHT), 0);
});
