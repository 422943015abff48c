// Which URLs WebFetch will request, and which redirects it follows on its own.
//   - http and https only, no credentials in the URL;
//   - http:// is upgraded to https://, except for loopback hosts (a local dev server has no TLS);
//   - a redirect is followed only to the same host (or its www. variant) with the same scheme and
//     port; anything else is handed back to the model to decide.

export const MAX_URL_LENGTH = 2000;

export type CheckedUrl = { ok: true; url: URL } | { ok: false; message: string };

export function checkFetchUrl(raw: string): CheckedUrl {
  if (raw.length > MAX_URL_LENGTH) return { ok: false, message: `The URL is longer than ${MAX_URL_LENGTH} characters.` };
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, message: `"${raw}" is not a valid URL. Give a full URL such as https://example.com/page.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: `WebFetch fetches http and https URLs only, not ${url.protocol.slice(0, -1)}:.` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, message: 'WebFetch does not send credentials: remove the user name and password from the URL.' };
  }
  return { ok: true, url: upgradeToHttps(url) };
}

export function upgradeToHttps(url: URL): URL {
  if (url.protocol !== 'http:' || isLoopbackHost(url.hostname)) return url;
  const upgraded = new URL(url.href);
  upgraded.protocol = 'https:';
  // An explicit :80 meant "the http port"; over https the default port is the right one.
  if (upgraded.port === '80') upgraded.port = '';
  return upgraded;
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** True when a redirect from `from` to `to` stays on the same site and may be followed silently. */
export function isSameSiteRedirect(from: URL, to: URL): boolean {
  if (from.protocol !== to.protocol || from.port !== to.port) return false;
  if (to.username !== '' || to.password !== '') return false;
  const bare = (host: string) => host.toLowerCase().replace(/^www\./, '');
  return bare(from.hostname) === bare(to.hostname);
}
