// A plugin refers to its own files through `${CLAUDE_PLUGIN_ROOT}` (Claude Code's name) or
// `${WRIGHT_PLUGIN_ROOT}`: both are replaced in hook commands and command/skill bodies, and set in
// the environment of its hooks and MCP servers (which also expand `${VAR}` themselves).

export const PLUGIN_ROOT_VARIABLES = ['CLAUDE_PLUGIN_ROOT', 'WRIGHT_PLUGIN_ROOT'] as const;

export function pluginRootEnv(root: string): Record<string, string> {
  return Object.fromEntries(PLUGIN_ROOT_VARIABLES.map((name) => [name, root]));
}

/** `${CLAUDE_PLUGIN_ROOT}` and `${WRIGHT_PLUGIN_ROOT}` replaced by `root`; other text untouched. */
export function expandPluginRoot(text: string, root: string): string {
  return text.replace(/\$\{(CLAUDE_PLUGIN_ROOT|WRIGHT_PLUGIN_ROOT)\}/g, () => root);
}
