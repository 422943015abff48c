/**
 * Specifiers for tools other than Bash and the file tools:
 *   `WebFetch(domain:example.com)` the exact host · `WebFetch(domain:*.example.com)` its subdomains only ·
 *   `Agent(Explore)` / `Task(Explore)` the subagent type · `Skill(name)` or `Skill(name *)` the skill ·
 *   `Tool(param:value)` any tool whose input `param` matches `value` (`*` wildcards allowed).
 * A specifier that does not fit the tool matches nothing.
 */
import { canonicalToolName } from './toolNames.js';
import type { PermissionRule } from './types.js';
import { compileWildcard } from './wildcardPattern.js';

export function toolSpecifierMatches(rule: PermissionRule, toolName: string, input: Record<string, unknown>): boolean {
  const specifier = rule.specifier;
  if (specifier === undefined) return true;
  const tool = canonicalToolName(toolName);
  if (tool === 'WebFetch' && specifier.startsWith('domain:')) return domainMatches(specifier.slice(7).trim(), input['url']);
  if (tool === 'Agent') return typeof input['subagent_type'] === 'string' && input['subagent_type'] === specifier;
  if (tool === 'Skill' && typeof input['skill'] === 'string') {
    const args = typeof input['args'] === 'string' ? ` ${input['args']}` : '';
    return compileWildcard(specifier).matches(`${input['skill']}${args}`.trim());
  }
  const param = /^([A-Za-z_][A-Za-z0-9_-]*):(.*)$/s.exec(specifier);
  if (param !== null && Object.hasOwn(input, param[1] as string)) {
    const value = input[param[1] as string];
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return compileWildcard(param[2] as string).matches(text);
  }
  return false;
}

function domainMatches(pattern: string, url: unknown): boolean {
  if (typeof url !== 'string') return false;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return false;
  }
  const domain = pattern.toLowerCase().replace(/\.$/, '');
  if (domain.startsWith('*.')) return host.endsWith(domain.slice(1)) && host.length > domain.length - 1;
  return host === domain;
}
