// Which hosts the network proxy lets through. Patterns as in settings: `example.com` is that host
// only, `*.example.com` its subdomains only (as WebFetch domain rules). Denied patterns win.

export interface DomainRules {
  allowedDomains: readonly string[];
  deniedDomains: readonly string[];
}

/** Lower case, without IPv6 brackets or a trailing dot. */
export function normalizeHost(host: string): string {
  let normalized = host.trim().toLowerCase();
  if (normalized.startsWith('[') && normalized.endsWith(']')) normalized = normalized.slice(1, -1);
  return normalized.replace(/\.$/, '');
}

export function hostMatches(host: string, pattern: string): boolean {
  const target = normalizeHost(host);
  const wanted = normalizeHost(pattern);
  if (wanted.startsWith('*.')) return target.endsWith(wanted.slice(1)) && target.length > wanted.length - 1;
  return target === wanted;
}

export function isHostAllowed(host: string, rules: DomainRules): boolean {
  if (host === '' || rules.deniedDomains.some((pattern) => hostMatches(host, pattern))) return false;
  return rules.allowedDomains.some((pattern) => hostMatches(host, pattern));
}
