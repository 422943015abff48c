import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostMatches, isHostAllowed, normalizeHost } from '../../src/sandbox/domainMatch.js';

describe('domain patterns', () => {
  it('matches an exact host, case-insensitively and ignoring a trailing dot', () => {
    assert.equal(hostMatches('Example.COM.', 'example.com'), true);
    assert.equal(hostMatches('www.example.com', 'example.com'), false);
    assert.equal(hostMatches('notexample.com', 'example.com'), false);
  });

  it('matches subdomains only with *.', () => {
    assert.equal(hostMatches('a.example.com', '*.example.com'), true);
    assert.equal(hostMatches('a.b.example.com', '*.example.com'), true);
    assert.equal(hostMatches('example.com', '*.example.com'), false);
    assert.equal(hostMatches('badexample.com', '*.example.com'), false);
  });

  it('strips IPv6 brackets', () => {
    assert.equal(normalizeHost('[::1]'), '::1');
    assert.equal(hostMatches('[::1]', '::1'), true);
  });

  it('lets denied patterns win and allows nothing by default', () => {
    const rules = { allowedDomains: ['*.example.com'], deniedDomains: ['evil.example.com'] };
    assert.equal(isHostAllowed('api.example.com', rules), true);
    assert.equal(isHostAllowed('evil.example.com', rules), false);
    assert.equal(isHostAllowed('example.org', rules), false);
    assert.equal(isHostAllowed('', rules), false);
    assert.equal(isHostAllowed('example.com', { allowedDomains: [], deniedDomains: [] }), false);
  });
});
