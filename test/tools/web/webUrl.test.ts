import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFetchUrl, isLoopbackHost, isSameSiteRedirect, upgradeToHttps } from '../../../src/tools/web/webUrl.js';

const href = (raw: string) => {
  const checked = checkFetchUrl(raw);
  assert.ok(checked.ok, raw);
  return checked.url.href;
};

describe('checkFetchUrl', () => {
  it('upgrades http to https, dropping an explicit port 80', () => {
    assert.equal(href('http://example.com/a?b=1'), 'https://example.com/a?b=1');
    assert.equal(href('http://example.com:80/'), 'https://example.com/');
    assert.equal(href('http://example.com:8080/'), 'https://example.com:8080/');
    assert.equal(href('https://example.com/'), 'https://example.com/');
  });

  it('keeps http for loopback hosts', () => {
    for (const url of ['http://localhost:3000/', 'http://127.0.0.1:8080/x', 'http://[::1]:9000/', 'http://app.localhost/']) {
      assert.equal(href(url), url);
    }
  });

  it('rejects other schemes, credentials, junk and overlong URLs', () => {
    for (const [raw, message] of [
      ['file:///etc/passwd', /not file:/],
      ['https://a:b@example.com/', /credentials/],
      ['not a url', /not a valid URL/],
      [`https://example.com/${'a'.repeat(2000)}`, /longer than 2000/],
    ] as const) {
      const checked = checkFetchUrl(raw);
      assert.equal(checked.ok, false, raw);
      assert.match(checked.ok ? '' : checked.message, message);
    }
  });
});

describe('isLoopbackHost', () => {
  it('knows localhost, 127.0.0.0/8 and ::1, nothing else', () => {
    assert.ok(isLoopbackHost('LOCALHOST') && isLoopbackHost('127.1.2.3') && isLoopbackHost('[::1]'));
    assert.ok(!isLoopbackHost('example.com') && !isLoopbackHost('127.0.0.1.nip.io') && !isLoopbackHost('10.0.0.1'));
  });
});

describe('isSameSiteRedirect', () => {
  const same = (a: string, b: string) => isSameSiteRedirect(new URL(a), new URL(b));
  it('allows the same host and its www. variant', () => {
    assert.ok(same('https://example.com/a', 'https://example.com/b'));
    assert.ok(same('https://example.com/a', 'https://www.example.com/b'));
    assert.ok(same('https://www.example.com/a', 'https://example.com/b'));
  });

  it('refuses another host, scheme or port, and credentials', () => {
    assert.ok(!same('https://example.com/', 'https://evil.com/'));
    assert.ok(!same('https://example.com/', 'https://docs.example.com/'));
    assert.ok(!same('http://127.0.0.1:80/', 'http://localhost:80/'));
    assert.ok(!same('https://example.com/', 'http://example.com/'));
    assert.ok(!same('https://example.com/', 'https://example.com:8443/'));
    assert.ok(!same('https://example.com/', 'https://u:p@example.com/'));
  });

  it('is checked after the https upgrade, so an http redirect on the same site is followed', () => {
    assert.equal(upgradeToHttps(new URL('http://example.com/x')).href, 'https://example.com/x');
  });
});
