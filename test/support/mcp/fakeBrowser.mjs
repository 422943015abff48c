// A stand-in for the user's browser in OAuth tests, started as `$BROWSER <url>`: it loads the
// authorization URL (the test server approves at once) and follows the redirect to the callback.
// FAKE_BROWSER_MODE: `follow` (default); `forged-state-first` (first sends the callback a response
// with a forged state, then the real one); `idle` (opens nothing). Each step is appended as a JSON
// line to FAKE_BROWSER_LOG when set.
import { appendFileSync } from 'node:fs';

const url = process.argv[2];
const mode = process.env.FAKE_BROWSER_MODE ?? 'follow';
const log = (entry) => {
  if (process.env.FAKE_BROWSER_LOG) appendFileSync(process.env.FAKE_BROWSER_LOG, `${JSON.stringify(entry)}\n`);
};

log({ step: 'opened', url });
if (mode !== 'idle') {
  const authorization = await fetch(url, { redirect: 'manual' });
  const location = authorization.headers.get('location');
  log({ step: 'authorize', status: authorization.status, location });
  if (location !== null) {
    if (mode === 'forged-state-first') {
      const forged = new URL(location);
      forged.searchParams.set('state', 'forged-state');
      forged.searchParams.set('code', 'forged-code');
      const response = await fetch(forged);
      log({ step: 'callback', kind: 'forged', status: response.status, body: await response.text() });
    }
    const response = await fetch(location);
    log({ step: 'callback', kind: 'real', status: response.status, body: await response.text() });
  }
}
