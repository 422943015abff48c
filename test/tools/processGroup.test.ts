import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { groupIsAlive, terminateGroup } from '../../src/tools/processGroup.js';

const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

describe('terminateGroup', () => {
  it('ends the whole group and leaves no timer keeping the process alive', async () => {
    const child = spawn('bash', ['-c', 'sleep 300 & sleep 300 & echo ready; wait'], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await new Promise((resolve) => child.stdout.once('data', resolve));
    assert.equal(groupIsAlive(child.pid), true);
    const before = timers();
    await terminateGroup(child.pid, exited, 5000);
    assert.equal(groupIsAlive(child.pid), false);
    assert.equal(timers(), before);
  });

  it('escalates to SIGKILL for a group that ignores SIGTERM', async () => {
    const child = spawn('bash', ['-c', "trap '' TERM; sleep 300 & echo ready; wait"], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal)));
    await new Promise((resolve) => child.stdout.once('data', resolve));
    await terminateGroup(child.pid, exited, 200);
    assert.equal(await exited, 'SIGKILL');
    assert.equal(groupIsAlive(child.pid), false);
  });
});
