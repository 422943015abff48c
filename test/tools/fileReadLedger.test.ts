import assert from 'node:assert/strict';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { FileReadLedger, takeSnapshot } from '../../src/tools/fileReadLedger.js';
import { makeTempDir, removeTempDirs } from './toolTestContext.js';

after(removeTempDirs);

describe('FileReadLedger', () => {
  const bytes = Buffer.from('content');
  const stats = { mtimeMs: 1000, size: bytes.length };

  it('knows nothing about files that were not read', () => {
    assert.equal(new FileReadLedger().freshness('/a', stats, bytes), 'unread');
  });

  it('sees an unchanged file as unchanged', () => {
    const ledger = new FileReadLedger();
    ledger.record('/a', takeSnapshot(stats, bytes));
    assert.equal(ledger.freshness('/a', stats, bytes), 'unchanged');
  });

  it('sees new content as changed, and a bare mtime bump as unchanged', () => {
    const ledger = new FileReadLedger();
    ledger.record('/a', takeSnapshot(stats, bytes));
    const other = Buffer.from('CONTENT');
    assert.equal(ledger.freshness('/a', { mtimeMs: 2000, size: other.length }, other), 'changed');
    assert.equal(ledger.freshness('/a', { mtimeMs: 2000, size: bytes.length }, bytes), 'unchanged');
    assert.equal(ledger.freshness('/a', { mtimeMs: 1000, size: 3 }, Buffer.from('abc')), 'changed');
  });

  it('remembers whether a read was partial, and can forget', () => {
    const ledger = new FileReadLedger();
    ledger.record('/a', takeSnapshot(stats, bytes), { partial: true });
    assert.equal(ledger.get('/a')?.partial, true);
    ledger.forget('/a');
    assert.equal(ledger.has('/a'), false);
  });

  it('treats a symlink and its target as one file', () => {
    const dir = makeTempDir();
    const target = join(dir, 'target.txt');
    const link = join(dir, 'link.txt');
    writeFileSync(target, bytes);
    symlinkSync(target, link);
    const ledger = new FileReadLedger();
    ledger.record(link, takeSnapshot(stats, bytes));
    assert.equal(ledger.freshness(target, stats, bytes), 'unchanged');
    ledger.forget(target);
    assert.equal(ledger.has(link), false);
  });
});
