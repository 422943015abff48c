// Domain lists for WebSearch: a domain covers itself and its subdomains. Backends that cannot filter
// on the server filter their hits here, and may pass a `site:` hint to narrow the search itself.

/** `docs.python.org` is covered by `python.org`, `docs.python.org` and `https://python.org/x`. */
export function hostIsCovered(host: string, domain: string): boolean {
  const bare = normaliseDomain(domain);
  const h = host.toLowerCase().replace(/\.$/, '');
  return bare !== '' && (h === bare || h.endsWith(`.${bare}`));
}

/** Accepts what people type: a host, `*.host`, or a URL. */
export function normaliseDomain(domain: string): string {
  let value = domain.trim().toLowerCase();
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(value)) {
    try {
      value = new URL(value).hostname;
    } catch {
      // Not a URL after all; use it as written.
    }
  }
  return value.replace(/^\*\./, '').replace(/^www\./, '').replace(/[/.]+$/, '');
}

export function filterHitsByDomain<Hit extends { url: string }>(hits: Hit[], allowed?: string[], blocked?: string[]): Hit[] {
  return hits.filter((hit) => {
    let host: string;
    try {
      host = new URL(hit.url).hostname;
    } catch {
      return false;
    }
    if (allowed && allowed.length > 0 && !allowed.some((domain) => hostIsCovered(host, domain))) return false;
    return !(blocked ?? []).some((domain) => hostIsCovered(host, domain));
  });
}

/**
 * The query with a `site:` operator when exactly one domain is allowed: both SearXNG's engines and
 * Brave understand it, and it finds far more than filtering a general search afterwards. With
 * several domains an OR of sites is poorly supported, so the hits are only filtered.
 */
export function querySiteHint(query: string, allowed?: string[]): string {
  if (!allowed || allowed.length !== 1) return query;
  return `${query} site:${normaliseDomain(allowed[0]!)}`;
}
