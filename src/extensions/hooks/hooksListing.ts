// `/hooks`: the hooks in effect, by event, with matcher, handler and the file each came from.
import type { HookConfig } from './hookConfig.js';
import { HOOK_EVENTS } from './hookEvents.js';

export function formatHookListing(config: HookConfig, options: { disabled?: boolean } = {}): string {
  const lines: string[] = [];
  if (options.disabled) lines.push('Hooks are turned off (disableAllHooks).');
  for (const event of HOOK_EVENTS) {
    const entries = config.entries.filter((entry) => entry.event === event);
    if (entries.length === 0) continue;
    lines.push(`${event}:`);
    for (const entry of entries) {
      const handler = entry.handler;
      const what =
        handler.type === 'command' ? handler.command : handler.type === 'http' ? `http: POST ${handler.url}` : `prompt: ${handler.prompt.replace(/\s+/g, ' ').slice(0, 100)}`;
      const timeout = handler.timeout !== undefined ? ` (timeout ${handler.timeout}s)` : '';
      const background = handler.type === 'command' && handler.async === true ? ' (async)' : '';
      lines.push(`  [${entry.matcher === '' ? '*' : entry.matcher}] ${what}${timeout}${background}`);
      lines.push(`      from ${entry.source}`);
    }
  }
  if (config.entries.length === 0 && !options.disabled) lines.push('No hooks are configured. Add them under "hooks" in .wright/settings.json (or .claude/settings.json, ~/.wright/settings.json).');
  lines.push(...config.warnings.map((warning) => `Note: ${warning}`));
  return lines.join('\n');
}
