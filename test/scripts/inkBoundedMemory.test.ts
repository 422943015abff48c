import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
// @ts-expect-error: a plain .mjs build script without type declarations
import { boundInkMemory, INK_STATIC_OUTPUT_LIMIT, INK_TEXT_CACHE_LIMIT } from '../../scripts/inkBoundedMemory.mjs';

const inkModule = (file: string) => join(dirname(createRequire(import.meta.url).resolve('ink')), file);

test('the installed Ink has each text the build bounds, so every edit applies', () => {
  for (const file of ['ink.js', 'measure-text.js', 'wrap-text.js']) {
    const path = inkModule(file);
    const edited = boundInkMemory(path, readFileSync(path, 'utf8'));
    assert.notEqual(edited, readFileSync(path, 'utf8'), file);
  }
  assert.match(boundInkMemory(inkModule('measure-text.js'), readFileSync(inkModule('measure-text.js'), 'utf8')), new RegExp(`cache.size >= ${INK_TEXT_CACHE_LIMIT}`));
  const ink = boundInkMemory(inkModule('ink.js'), readFileSync(inkModule('ink.js'), 'utf8'));
  assert.match(ink, new RegExp(`fullStaticOutput.length > ${INK_STATIC_OUTPUT_LIMIT}`));
  // Debug mode (ink-testing-library's frames) still keeps all static output.
  assert.match(ink, /if \(this\.options\.debug\) \{\n\s+if \(hasStaticOutput\) \{\n\s+this\.fullStaticOutput \+= staticOutput;\n\s+\}/);
});

test('a changed Ink fails the build instead of going unbounded; other modules pass through', () => {
  assert.throws(() => boundInkMemory('/x/node_modules/ink/build/measure-text.js', 'const cache = new Map();'), /measure-text\.js: expected the text to bound once, found it 0 times/);
  assert.equal(boundInkMemory('/x/node_modules/ink/build/output.js', 'unchanged'), 'unchanged');
});
