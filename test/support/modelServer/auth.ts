// API key checks, per provider. Anthropic takes `x-api-key` or `Authorization: Bearer` (OAuth)
// but rejects a request carrying both; OpenAI-compatible servers take either.
import type { IncomingHttpHeaders } from 'node:http';
import type { Protocol, WireError } from './wire.js';

const bearerToken = (headers: IncomingHttpHeaders): string | undefined => {
  const match = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '');
  return match?.[1]?.trim();
};

const apiKeyHeader = (headers: IncomingHttpHeaders): string | undefined => {
  const value = headers['x-api-key'];
  return Array.isArray(value) ? value[0] : value;
};

/** Returns the 401 to send, or null when the request may proceed. An empty `apiKey` disables auth. */
export function checkAuth(protocol: Protocol, headers: IncomingHttpHeaders, apiKey: string): WireError | null {
  if (apiKey === '') return null;
  const fromHeader = apiKeyHeader(headers);
  const fromBearer = headers.authorization === undefined ? undefined : (bearerToken(headers) ?? '');
  if (protocol === 'anthropic') {
    if (fromHeader !== undefined && fromBearer !== undefined) {
      return { status: 401, message: 'x-api-key and authorization headers were both provided; send only one' };
    }
    if (fromHeader === undefined && fromBearer === undefined) {
      return { status: 401, message: 'x-api-key header is required' };
    }
    return (fromHeader ?? fromBearer) === apiKey ? null : { status: 401, message: 'invalid x-api-key' };
  }
  const given = fromBearer ?? fromHeader;
  if (given === undefined) {
    return {
      status: 401,
      message:
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      code: null,
    };
  }
  if (given === apiKey) return null;
  return {
    status: 401,
    message: `Incorrect API key provided: ${maskKey(given)}.`,
    code: 'invalid_api_key',
  };
}

/** Shows only the ends of a wrong key, like OpenAI's error does. */
function maskKey(key: string): string {
  return key.length <= 6 ? '*'.repeat(key.length) : `${key.slice(0, 3)}${'*'.repeat(key.length - 6)}${key.slice(-3)}`;
}
