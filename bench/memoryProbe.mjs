// Loaded into the measured wright process with NODE_OPTIONS=--import: on SIGUSR2 it collects
// garbage, appends the process's memory figures as one JSON line to $WRIGHT_MEMORY_PROBE_OUT and,
// when $WRIGHT_MEMORY_PROBE_SNAPSHOTS names a directory, writes a heap snapshot there too.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
const out = process.env.WRIGHT_MEMORY_PROBE_OUT;
const snapshots = process.env.WRIGHT_MEMORY_PROBE_SNAPSHOTS;
let taken = 0;

process.on('SIGUSR2', () => {
  gc();
  gc();
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  const label = ++taken;
  if (snapshots) writeHeapSnapshot(join(snapshots, `probe-${label}.heapsnapshot`));
  if (out) appendFileSync(out, `${JSON.stringify({ label, rss, heapUsed, external, arrayBuffers })}\n`);
});
