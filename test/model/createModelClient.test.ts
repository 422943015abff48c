import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Builds a client in a fresh process and returns the node_modules packages it loaded. */
async function packagesLoadedFor(provider: 'anthropic' | 'openai'): Promise<Set<string>> {
  const dir = await mkdtemp(join(tmpdir(), 'wright-model-'));
  const traceFile = join(dir, 'trace.txt');
  try {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', '--import', join(fixtures, 'traceResolvedModules.mjs'), join(fixtures, 'openModelClient.ts'), provider],
      { env: { ...process.env, TRACE_FILE: traceFile } },
    );
    assert.equal(stdout, provider);
    const urls = (await readFile(traceFile, 'utf8')).split('\n');
    const packages = urls.flatMap((url) => {
      const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
      return match ? [match[1]!] : [];
    });
    return new Set(packages);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('createModelClient', () => {
  it('loads only the Anthropic SDK for the anthropic provider', async () => {
    const packages = await packagesLoadedFor('anthropic');
    assert.ok(packages.has('@anthropic-ai/sdk'), [...packages].join(', '));
    assert.ok(!packages.has('openai'), [...packages].join(', '));
  });

  it('loads only the OpenAI SDK for the openai provider', async () => {
    const packages = await packagesLoadedFor('openai');
    assert.ok(packages.has('openai'), [...packages].join(', '));
    assert.ok(!packages.has('@anthropic-ai/sdk'), [...packages].join(', '));
  });
});
