import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSafeSedScript } from '../../src/permissions/bashSedScript.js';

describe('isSafeSedScript', () => {
  const safe = [
    's/foo/bar/', 's/foo/bar/g', 's|a/b|c/d|g', 's/a\\/b/c/', 's/[/]/x/', 's/a/b/2', 's/a/b/gI', '1,5p', '$d', '/^#/d',
    '/start/,/end/d', '1!G;h;$!d', 'y/abc/xyz/', 's/a/b/;s/c/d/', '', '3q', '/x/{s/a/b/;p}', '1i\\header', 'a text',
    ':loop;N;b loop', '# comment\ns/a/b/', '\\,x,d',
  ];
  for (const script of safe) it(`accepts ${JSON.stringify(script)}`, () => assert.equal(isSafeSedScript(script), true));

  const unsafe = [
    's/a/b/e', 's/a/b/ge', 's/a/b/w /tmp/out', 's/a/b/gw out', '1e id', 'e rm -rf /', 'w /etc/passwd', '1w out', 'W out',
    'r /etc/shadow', 'R /etc/shadow', '$r x', 's/[/]/x/e', 's/a/b', 's/a/b/;e id', '/x/{e id\n}', 's/a/b/ x', 'F', 'v', 'z;e',
    'y/ab/c', '1,5!w x',
  ];
  for (const script of unsafe) it(`rejects ${JSON.stringify(script)}`, () => assert.equal(isSafeSedScript(script), false));
});
