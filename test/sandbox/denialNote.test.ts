import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sandboxDenialNote } from '../../src/sandbox/denialNote.js';

const base = { blockedHosts: [], allowedDomains: [], allowUnsandboxedCommands: true };

describe('sandbox denial notes', () => {
  it('explains a read-only file system and the ways out', () => {
    const note = sandboxDenialNote({ ...base, output: 'touch: cannot touch /etc/x: Read-only file system' })!;
    assert.match(note, /ran in the OS sandbox/);
    assert.match(note, /sandbox\.filesystem\.allowWrite/);
    assert.match(note, /dangerouslyDisableSandbox: true/);
  });

  it('names the hosts the proxy refused and the allowlist', () => {
    const note = sandboxDenialNote({ ...base, output: 'curl: (56) CONNECT tunnel failed, response 403', blockedHosts: ['evil.com', 'evil.com'], allowedDomains: ['a.com'] })!;
    assert.match(note, /sandbox\.network\.allowedDomains \(now: a\.com\)\. Blocked: evil\.com\./);
    assert.doesNotMatch(note, /allowWrite/);
  });

  it('recognises a command without network', () => {
    assert.match(sandboxDenialNote({ ...base, output: 'curl: (6) Could not resolve host: example.com' })!, /now: none/);
    assert.match(sandboxDenialNote({ ...base, output: 'Error: connect ECONNREFUSED 127.0.0.1:8080' })!, /allowedDomains/);
  });

  it('does not offer the escape hatch when unsandboxed commands are disabled', () => {
    const note = sandboxDenialNote({ ...base, allowUnsandboxedCommands: false, output: 'Permission denied' })!;
    assert.doesNotMatch(note, /dangerouslyDisableSandbox: true/);
    assert.match(note, /allowUnsandboxedCommands is false/);
  });

  it('recognises an error naming a hidden path, even "No such file"', () => {
    const output = 'cat: /home/u/.ssh/id_rsa: No such file or directory';
    assert.match(sandboxDenialNote({ ...base, output, hiddenPaths: ['/home/u/.ssh'] })!, /cannot read credential files/);
    assert.equal(sandboxDenialNote({ ...base, output, hiddenPaths: ['/home/u/.aws'] }), undefined);
  });

  it('says nothing about an ordinary failure', () => {
    assert.equal(sandboxDenialNote({ ...base, output: 'npm ERR! Test failed. See above for more details.' }), undefined);
  });
});
