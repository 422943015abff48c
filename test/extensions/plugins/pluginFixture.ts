// A plugin in Claude Code's layout, written to disk for the plugin tests: manifest in
// `.claude-plugin/`, a command (and a nested one), a skill, an agent, an output style, a PreToolUse
// hook script reached through `${CLAUDE_PLUGIN_ROOT}`, and `.mcp.json` with the reference
// "everything" MCP server.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
export const EVERYTHING_SERVER = join(dirname(require.resolve('@modelcontextprotocol/server-everything/package.json')), 'dist', 'index.js');

// Logs what it was started with, then refuses every Bash call whose command mentions "forbidden".
const BLOCK_HOOK = `
import { appendFileSync, readFileSync } from 'node:fs';
const input = JSON.parse(readFileSync(0, 'utf8'));
appendFileSync(new URL('./hook-log.jsonl', import.meta.url), JSON.stringify({ tool: input.tool_name, claudeRoot: process.env.CLAUDE_PLUGIN_ROOT, wrightRoot: process.env.WRIGHT_PLUGIN_ROOT, arg: process.argv[2] }) + '\\n');
if (String(input.tool_input?.command ?? '').includes('forbidden')) {
  process.stderr.write('blocked by myplugin');
  process.exit(2);
}
`;

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), content);
  }
}

export interface FixtureOptions {
  name?: string;
  /** Extra or replacement files. */
  files?: Record<string, string>;
  /** Leave the manifest out. */
  noManifest?: boolean;
}

/** Writes the plugin into `dir` (created) and answers `dir`. */
export function writePluginFixture(dir: string, options: FixtureOptions = {}): string {
  const name = options.name ?? 'myplugin';
  const files: Record<string, string> = {
    ...(options.noManifest ? {} : { '.claude-plugin/plugin.json': JSON.stringify({ name, version: '1.2.0', description: 'A test plugin', author: { name: 'Test' }, homepage: 'https://example.invalid' }, null, 2) }),
    'commands/hello.md': '---\ndescription: Say hello from the plugin\nargument-hint: [who]\n---\nPlugin hello to $ARGUMENTS from ${CLAUDE_PLUGIN_ROOT}.',
    'commands/tools/deep.md': '---\ndescription: A nested command\n---\nDeep command body.',
    'skills/greet/SKILL.md': '---\nname: greet\ndescription: Greets people in the plugin\'s house style. Use when asked to greet.\n---\nGREET SKILL BODY: say "ahoy".',
    'agents/reviewer.md': '---\nname: reviewer\ndescription: Reviews code for the plugin\ntools: Read, Grep\n---\nYou review code.',
    'output-styles/terse.md': '---\nname: Terse\ndescription: Very short answers\n---\nAnswer in five words or fewer.',
    'hooks/hooks.json': JSON.stringify({
      description: 'Blocks forbidden commands',
      hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: `"${process.execPath}" "\${CLAUDE_PLUGIN_ROOT}/hooks/block.mjs" "$CLAUDE_PLUGIN_ROOT"` }] }] },
    }),
    'hooks/block.mjs': BLOCK_HOOK,
    '.mcp.json': JSON.stringify({ mcpServers: { srv: { command: process.execPath, args: [EVERYTHING_SERVER], env: { PLUGIN_HOME: '${CLAUDE_PLUGIN_ROOT}/data' } } } }),
    ...options.files,
  };
  mkdirSync(dir, { recursive: true });
  writeFiles(dir, files);
  return dir;
}
