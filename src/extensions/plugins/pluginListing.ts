// What /plugin shows: the session's plugins with id, version, directory and description.
import type { LoadedPlugin } from './pluginLoader.js';

export function formatPluginListing(plugins: readonly LoadedPlugin[]): string {
  if (plugins.length === 0) {
    return 'No plugins are loaded. Install one with `wright plugin install <name>@<marketplace>` or `wright plugin install <path>`, or pass --plugin-dir <path>.';
  }
  const lines = ['Plugins:'];
  for (const plugin of plugins) {
    const version = plugin.manifest.version !== undefined ? ` v${plugin.manifest.version}` : '';
    lines.push(`  ${plugin.id}${version}  ${plugin.root}`);
    if (plugin.manifest.description !== undefined) lines.push(`      ${plugin.manifest.description}`);
  }
  lines.push('', 'Manage plugins with `wright plugin list|install|enable|disable|remove`; changes apply from the next session.');
  return lines.join('\n');
}
