import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error: a plain .mjs build script without type declarations
import { writeThirdPartyNotices } from '../../scripts/thirdPartyNotices.mjs';

test('every package the bundle took files from gets its licence text, once', () => {
  const metafile = {
    inputs: {
      'node_modules/zod/v4/core/core.js': {},
      'node_modules/zod/v4/classic/schemas.js': {},
      'node_modules/@anthropic-ai/sdk/client.mjs': {},
      'src/agent/agent.ts': {},
    },
  };
  const out = join(mkdtempSync(join(tmpdir(), 'wright-notices-')), 'NOTICES.txt');
  assert.equal(writeThirdPartyNotices(metafile, out), 2);
  const text = readFileSync(out, 'utf8');
  assert.match(text, /^@anthropic-ai\/sdk \S+ \(Apache-2\.0\)$/m);
  assert.match(text, /^zod \S+ \(MIT\)$/m);
  assert.match(text, /Apache License/);
  assert.match(text, /Permission is hereby granted/);
  assert.equal(text.match(/^zod /gm)?.length, 1);
});
