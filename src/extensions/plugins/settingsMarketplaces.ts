// Marketplaces that settings declare, as Claude Code's `extraKnownMarketplaces` does (a team's
// `.claude/settings.json` names its marketplace so members can install from it):
// `{"team": {"source": {"source": "github", "repo": "org/plugins"}}}`, or `{"source": "git", "url": …}`,
// or `{"source": "directory", "path": …}` (relative to the project root). Installing `name@team` when
// `team` is not known yet adds it from there first. Nothing is fetched or installed on its own.
import { isAbsolute, resolve } from 'node:path';

export type DeclaredMarketplace = { ok: true; spec: string } | { ok: false; error: string };

/** What `wright plugin marketplace add` would be given for the declared marketplace, or undefined when none is declared. */
export function declaredMarketplace(settings: Record<string, unknown>, name: string, projectRoot: string): DeclaredMarketplace | undefined {
  const declared = settings.extraKnownMarketplaces;
  if (typeof declared !== 'object' || declared === null || !Object.hasOwn(declared, name)) return undefined;
  const source = ((declared as Record<string, unknown>)[name] as { source?: unknown } | null)?.source as Record<string, unknown> | undefined;
  const where = `extraKnownMarketplaces.${name}.source`;
  if (typeof source !== 'object' || source === null) return { ok: false, error: `settings ${where} must be an object like {"source": "github", "repo": "owner/repo"}` };
  switch (source.source) {
    case 'github':
      return typeof source.repo === 'string' && /^[\w.-]+\/[\w.-]+$/.test(source.repo) ? { ok: true, spec: source.repo } : { ok: false, error: `settings ${where}.repo must be "owner/repo"` };
    case 'git':
    case 'url':
      return typeof source.url === 'string' && source.url !== '' ? { ok: true, spec: source.url } : { ok: false, error: `settings ${where}.url must be a git URL` };
    case 'directory':
      return typeof source.path === 'string' && source.path !== ''
        ? { ok: true, spec: isAbsolute(source.path) ? source.path : resolve(projectRoot, source.path) }
        : { ok: false, error: `settings ${where}.path must be a directory` };
    default:
      return { ok: false, error: `settings ${where}.source must be "github", "git", "url" or "directory"` };
  }
}
