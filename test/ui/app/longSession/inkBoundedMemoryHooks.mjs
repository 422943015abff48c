// Module loader hooks giving a test process the Ink that wright's bundle ships: the same edits
// scripts/build.mjs applies (scripts/inkBoundedMemory.mjs), here applied as Ink's modules load.
import { fileURLToPath } from 'node:url';
import { boundInkMemory, INK_EDITED_MODULE } from '../../../../scripts/inkBoundedMemory.mjs';

export async function load(url, context, nextLoad) {
  const loaded = await nextLoad(url, context);
  if (!url.startsWith('file:') || !INK_EDITED_MODULE.test(fileURLToPath(url))) return loaded;
  const source = typeof loaded.source === 'string' ? loaded.source : Buffer.from(loaded.source).toString('utf8');
  return { ...loaded, source: boundInkMemory(fileURLToPath(url), source) };
}
