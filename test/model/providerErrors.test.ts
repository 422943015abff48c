import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MalformedStreamError } from '../../src/model/messageAssembler.js';
import { describeProviderError, type ProviderEndpoint } from '../../src/model/providerErrors.js';

const anthropic: ProviderEndpoint = { label: 'Anthropic API', credentialSource: 'ANTHROPIC_API_KEY', credentialHint: 'ANTHROPIC_API_KEY' };
const local: ProviderEndpoint = { label: 'OpenAI-compatible server at http://localhost:11434/v1', credentialSource: null, credentialHint: 'OPENAI_API_KEY' };

const anthropicBody = (type: string, message: string) => ({ type: 'error', error: { type, message } });

describe('describeProviderError', () => {
  it('describes an Anthropic HTTP error with status, type and message', () => {
    const error = Anthropic.APIError.generate(529, anthropicBody('overloaded_error', 'Overloaded'), undefined, new Headers());
    const failure = describeProviderError(error, anthropic);
    assert.equal(failure.kind, 'overloaded');
    assert.equal(failure.retryable, true);
    assert.equal(failure.status, 529);
    assert.equal(failure.category, 'overloaded');
    assert.equal(failure.message, 'Anthropic API returned 529 overloaded_error: Overloaded');
  });

  it('reads retry-after from a 429', () => {
    const error = Anthropic.APIError.generate(429, anthropicBody('rate_limit_error', 'slow down'), undefined, new Headers({ 'retry-after': '3' }));
    const failure = describeProviderError(error, anthropic);
    assert.equal(failure.kind, 'rate_limit');
    assert.equal(failure.retryAfterMs, 3000);
  });

  it('says which variable held a rejected credential', () => {
    const error = Anthropic.APIError.generate(401, anthropicBody('authentication_error', 'invalid x-api-key'), undefined, new Headers());
    const failure = describeProviderError(error, anthropic);
    assert.equal(failure.kind, 'authentication');
    assert.equal(failure.retryable, false);
    assert.match(failure.message, /^Anthropic API rejected the credential from ANTHROPIC_API_KEY \(401 authentication_error: invalid x-api-key\)/);
  });

  it('redacts a key or header the provider echoes back, in HTTP, stream and connection errors', () => {
    const key = `sk-ant-api03-${'x1Y2'.repeat(20)}`;
    const http = Anthropic.APIError.generate(401, anthropicBody('authentication_error', `invalid x-api-key ${key}`), undefined, new Headers());
    const stream = new Anthropic.APIError(undefined, anthropicBody('api_error', `bad request with Authorization: Bearer ${key}`), undefined, new Headers());
    const network = Object.assign(new Error(`connect failed for ${key}`), { code: 'ECONNREFUSED' });
    for (const error of [http, stream, network]) {
      const message = describeProviderError(error, anthropic).message;
      assert.ok(!message.includes(key), message);
      assert.match(message, /\[REDACTED:(anthropic_key|authorization)\]/);
    }
  });

  it('says which variable to set when a server wants a key and none was set', () => {
    const error = OpenAI.APIError.generate(401, { error: { message: "You didn't provide an API key.", type: 'invalid_request_error' } }, undefined, new Headers());
    const failure = describeProviderError(error, local);
    assert.match(failure.message, /requires a credential and none was set .* Set OPENAI_API_KEY\.$/);
  });

  it('does not retry client errors', () => {
    for (const status of [400, 403, 404, 413]) {
      const error = Anthropic.APIError.generate(status, anthropicBody('invalid_request_error', 'no'), undefined, new Headers());
      assert.equal(describeProviderError(error, anthropic).retryable, false, String(status));
    }
  });

  it('retries an overloaded or api_error SSE event that arrived mid-stream', () => {
    const overloaded = new Anthropic.APIError(undefined, anthropicBody('overloaded_error', 'Overloaded'), undefined, new Headers(), 'overloaded_error');
    const failure = describeProviderError(overloaded, anthropic);
    assert.equal(failure.kind, 'overloaded');
    assert.equal(failure.retryable, true);
    assert.equal(failure.status, null);
    assert.equal(failure.message, 'Anthropic API stream failed with overloaded_error: Overloaded');
    const openaiChunk = new OpenAI.APIError(undefined, { message: 'boom', type: 'server_error' }, undefined, new Headers());
    assert.equal(describeProviderError(openaiChunk, local).retryable, true);
  });

  it('retries connection failures, including a socket closed mid-body', () => {
    const refused = new Anthropic.APIConnectionError({ cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
    const failure = describeProviderError(refused, anthropic);
    assert.equal(failure.kind, 'connection');
    assert.equal(failure.retryable, true);
    assert.match(failure.message, /ECONNREFUSED/);
    const terminated = new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    const midStream = describeProviderError(terminated, anthropic);
    assert.equal(midStream.retryable, true);
    assert.equal(midStream.message, 'Connection to Anthropic API failed: other side closed');
  });

  it('retries malformed stream data', () => {
    assert.equal(describeProviderError(new SyntaxError('Unexpected token'), anthropic).kind, 'malformed_response');
    assert.equal(describeProviderError(new MalformedStreamError('bad order'), anthropic).retryable, true);
  });

  it('never retries an abort or an unknown failure', () => {
    assert.equal(describeProviderError(new Anthropic.APIUserAbortError(), anthropic).kind, 'aborted');
    assert.equal(describeProviderError(new Error('bug'), anthropic).retryable, false);
  });
});

describe('describeProviderError with OpenAI SDK errors', () => {
  it('recognises connection, timeout and abort errors although their name is plain Error', () => {
    assert.equal(describeProviderError(new OpenAI.APIConnectionError({ message: 'Connection error.' }), local).kind, 'connection');
    assert.equal(describeProviderError(new OpenAI.APIConnectionTimeoutError(), local).retryable, true);
    assert.equal(describeProviderError(new OpenAI.APIUserAbortError(), local).kind, 'aborted');
  });

  it('describes an HTTP error from an OpenAI-compatible server', () => {
    const error = OpenAI.APIError.generate(503, { error: { message: 'model is loading', type: 'server_error' } }, undefined, new Headers({ 'retry-after-ms': '1200' }));
    const failure = describeProviderError(error, local);
    assert.equal(failure.message, 'OpenAI-compatible server at http://localhost:11434/v1 returned 503 server_error: model is loading');
    assert.equal(failure.retryAfterMs, 1200);
    assert.equal(failure.retryable, true);
  });
});
