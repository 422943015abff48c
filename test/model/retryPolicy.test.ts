import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  abortableSleep,
  backoffDelayMs,
  classifyStatus,
  classifyStreamErrorType,
  MAX_BACKOFF_MS,
  MAX_RETRY_AFTER_MS,
  parseRetryAfterMs,
} from '../../src/model/retryPolicy.js';

const headers = (values: Record<string, string>) => new Headers(values);

describe('classifyStatus', () => {
  it('retries 408, 409, 429, 500, 502, 503, 504 and 529', () => {
    for (const status of [408, 409, 429, 500, 502, 503, 504, 529]) {
      assert.equal(classifyStatus(status).retryable, true, `status ${status}`);
    }
  });

  it('never retries 400, 401, 403, 404 or 413', () => {
    for (const status of [400, 401, 403, 404, 413]) {
      assert.equal(classifyStatus(status).retryable, false, `status ${status}`);
    }
  });

  it('names the kind of each status', () => {
    assert.equal(classifyStatus(401).kind, 'authentication');
    assert.equal(classifyStatus(403).kind, 'permission');
    assert.equal(classifyStatus(404).kind, 'not_found');
    assert.equal(classifyStatus(413).kind, 'invalid_request');
    assert.equal(classifyStatus(429).kind, 'rate_limit');
    assert.equal(classifyStatus(529).kind, 'overloaded');
    assert.equal(classifyStatus(503).kind, 'server');
  });
});

describe('classifyStreamErrorType', () => {
  it('retries overloaded and api errors that arrive mid-stream', () => {
    assert.deepEqual(classifyStreamErrorType('overloaded_error'), { kind: 'overloaded', retryable: true });
    assert.deepEqual(classifyStreamErrorType('api_error'), { kind: 'server', retryable: true });
    assert.equal(classifyStreamErrorType(undefined).retryable, true);
  });

  it('does not retry a mid-stream invalid request', () => {
    assert.equal(classifyStreamErrorType('invalid_request_error').retryable, false);
  });
});

describe('parseRetryAfterMs', () => {
  it('reads retry-after as seconds', () => {
    assert.equal(parseRetryAfterMs(headers({ 'retry-after': '7' })), 7000);
    assert.equal(parseRetryAfterMs(headers({ 'retry-after': '0.5' })), 500);
  });

  it('reads retry-after as an HTTP date', () => {
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
    assert.equal(parseRetryAfterMs(headers({ 'retry-after': 'Wed, 21 Oct 2026 07:28:30 GMT' }), now), 30_000);
    assert.equal(parseRetryAfterMs(headers({ 'retry-after': 'Wed, 21 Oct 2026 07:27:00 GMT' }), now), 0);
  });

  it('prefers retry-after-ms', () => {
    assert.equal(parseRetryAfterMs(headers({ 'retry-after-ms': '250', 'retry-after': '9' })), 250);
  });

  it('ignores missing or unreadable values', () => {
    assert.equal(parseRetryAfterMs(headers({})), null);
    assert.equal(parseRetryAfterMs(headers({ 'retry-after': 'soon' })), null);
    assert.equal(parseRetryAfterMs(headers({ 'retry-after': '-3' })), null);
    assert.equal(parseRetryAfterMs(null), null);
  });
});

describe('backoffDelayMs', () => {
  it('picks uniformly below an exponentially growing ceiling (full jitter)', () => {
    assert.equal(backoffDelayMs(1, () => 1), 500);
    assert.equal(backoffDelayMs(2, () => 1), 1000);
    assert.equal(backoffDelayMs(3, () => 0.5), 1000);
    assert.equal(backoffDelayMs(3, () => 1, null, 20), 80);
    assert.equal(backoffDelayMs(4, () => 0), 0);
  });

  it('never exceeds the cap', () => {
    for (let retry = 1; retry <= 30; retry++) {
      const delay = backoffDelayMs(retry, () => 0.999999);
      assert.ok(delay <= MAX_BACKOFF_MS, `retry ${retry}: ${delay}`);
    }
    assert.equal(backoffDelayMs(20, () => 1), MAX_BACKOFF_MS);
  });

  it('uses retry-after when given, capped', () => {
    assert.equal(backoffDelayMs(1, () => 0, 3000), 3000);
    assert.equal(backoffDelayMs(1, () => 0, 10 * 60_000), MAX_RETRY_AFTER_MS);
  });
});

describe('abortableSleep', () => {
  it('resolves after the delay', async () => {
    await abortableSleep(1);
  });

  it('rejects at once when the signal aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const sleeping = abortableSleep(60_000, controller.signal);
    controller.abort();
    await assert.rejects(sleeping);
    assert.ok(Date.now() - started < 1000);
  });
});
