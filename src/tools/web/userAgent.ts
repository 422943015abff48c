/**
 * Names wright and its version, and says a person asked for the page, so site owners can tell who
 * is fetching. (No homepage URL yet: the project has not published one.)
 */
export function wrightUserAgent(version?: string): string {
  return `wright${version ? `/${version}` : ''} (coding agent; fetching for a user)`;
}
