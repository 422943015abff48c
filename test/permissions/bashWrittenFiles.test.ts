import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeBashCommand } from '../../src/permissions/bashAnalysis.js';
import { filesWrittenBy } from '../../src/permissions/bashWrittenFiles.js';
import { initBashParser } from '../../src/permissions/bashAnalysis.js';

await initBashParser();

const written = (command: string) => filesWrittenBy(analyzeBashCommand(command).commands[0]!).map((word) => word.value);

describe('files written by commands outside acceptEdits set', () => {
  it('knows tee, truncate, shred, dd, ln, install, chmod, chown and chgrp', () => {
    assert.deepEqual(written('tee -a out.log copy.log'), ['out.log', 'copy.log']);
    assert.deepEqual(written('truncate -s 0 big.log'), ['big.log']);
    assert.deepEqual(written('shred -n 3 -u secret'), ['secret']);
    assert.deepEqual(written('dd if=/dev/zero of=disk.img bs=1M'), ['disk.img']);
    assert.deepEqual(written('ln -sf /etc/passwd link'), ['link']);
    assert.deepEqual(written('install -m 755 build/app /usr/local/bin/app'), ['/usr/local/bin/app']);
    assert.deepEqual(written('install -t /opt/bin a b'), ['b', '/opt/bin']);
    assert.deepEqual(written('chmod -R 755 src lib'), ['src', 'lib']);
    assert.deepEqual(written('chown --reference=ref a'), ['a']);
    assert.deepEqual(written('/usr/bin/tee x'), ['x']);
  });
  it('names nothing for other commands', () => {
    assert.deepEqual(written('cat a b'), []);
    assert.deepEqual(written('echo tee x'), []);
  });
});
