import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { OutputSpill } from '../../src/tools/outputSpill.js';
import { makeTempDir, removeTempDirs } from './toolTestContext.js';

after(removeTempDirs);

const chunk = (text: string): [Buffer, number] => [Buffer.from(text), text.length];

describe('OutputSpill', () => {
  it('writes nothing while the output stays within the threshold', () => {
    const path = join(makeTempDir(), 'out.txt');
    const spill = new OutputSpill(10, () => path);
    spill.write(...chunk('0123456789'));
    spill.close();
    assert.equal(spill.path, undefined);
    assert.equal(existsSync(path), false);
  });

  it('writes everything, in arrival order, once the threshold is passed', () => {
    const path = join(makeTempDir(), 'out.txt');
    const spill = new OutputSpill(10, () => path);
    spill.write(...chunk('stdout 1\n'));
    spill.write(...chunk('stderr 1\n'));
    assert.equal(spill.path, path);
    spill.write(...chunk('stdout 2\n'));
    spill.close();
    assert.equal(readFileSync(path, 'utf8'), 'stdout 1\nstderr 1\nstdout 2\n');
  });

  it('streams to the file instead of holding output in memory', () => {
    const path = join(makeTempDir(), 'out.txt');
    const spill = new OutputSpill(5, () => path);
    spill.write(...chunk('123456'));
    for (let i = 1; i <= 3; i++) {
      spill.write(...chunk('x'.repeat(1000)));
      assert.equal(statSync(path).size, 6 + 1000 * i);
    }
    spill.close();
  });

  it('counts characters, not bytes, against the threshold', () => {
    const path = join(makeTempDir(), 'out.txt');
    const spill = new OutputSpill(4, () => path);
    spill.write(...chunk('éééé'));
    assert.equal(spill.path, undefined);
    spill.write(...chunk('é'));
    spill.close();
    assert.equal(readFileSync(path, 'utf8'), 'ééééé');
  });

  it('reports a file it cannot create instead of throwing', () => {
    const spill = new OutputSpill(1, () => join(makeTempDir(), 'missing-dir', 'out.txt'));
    spill.write(...chunk('too long'));
    spill.write(...chunk('more'));
    spill.close();
    assert.match(spill.error ?? '', /ENOENT/);
  });
});
