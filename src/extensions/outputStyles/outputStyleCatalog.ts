// Every output style the session can use — built-ins, then the user's, then the project's, a later
// one replacing an earlier one of the same name (case-insensitive) — and the choice of the one in
// effect from settings `outputStyle`. An unknown name is a warning, and Default is used.
import type { ExtensionRoots } from '../commands/extensionRoots.js';
import { BUILTIN_STYLES, DEFAULT_STYLE_NAME } from './builtinStyles.js';
import type { OutputStyle } from './outputStyle.js';
import { loadOutputStyleFiles, outputStyleDirectories, type PluginStyleDirectory } from './outputStyleFiles.js';

export interface OutputStyleCatalog {
  styles: OutputStyle[];
  selected: OutputStyle;
  warnings: string[];
}

export function findOutputStyle(styles: readonly OutputStyle[], name: string): OutputStyle | undefined {
  const wanted = name.trim().toLowerCase();
  return styles.find((style) => style.name.toLowerCase() === wanted);
}

export function mergeOutputStyles(layers: readonly OutputStyle[]): OutputStyle[] {
  const byName = new Map<string, OutputStyle>();
  for (const style of layers) {
    byName.delete(style.name.toLowerCase());
    byName.set(style.name.toLowerCase(), style);
  }
  return [...byName.values()];
}

/** `pluginDirectories`: enabled plugins' style folders, below the user's and the project's. */
export function loadOutputStyleCatalog(roots: ExtensionRoots, settingName: string | undefined, pluginDirectories: readonly PluginStyleDirectory[] = []): OutputStyleCatalog {
  const files = loadOutputStyleFiles([...pluginDirectories, ...outputStyleDirectories(roots)]);
  const styles = mergeOutputStyles([...BUILTIN_STYLES, ...files.styles]);
  const warnings = [...files.warnings];
  const requested = settingName?.trim() || DEFAULT_STYLE_NAME;
  let selected = findOutputStyle(styles, requested);
  if (selected === undefined) {
    warnings.push(`Unknown output style "${requested}" (settings outputStyle); using ${DEFAULT_STYLE_NAME}. Available: ${styles.map((style) => style.name).join(', ')}.`);
    selected = findOutputStyle(styles, DEFAULT_STYLE_NAME) ?? BUILTIN_STYLES[0]!;
  }
  return { styles, selected, warnings };
}

/** For /output-style: every style, the current one marked. */
export function formatOutputStyles(styles: readonly OutputStyle[], current: string): string {
  const width = Math.max(...styles.map((style) => style.name.length));
  const rows = styles.map((style) => {
    const mark = style.name === current ? '●' : ' ';
    const origin = style.source === 'built-in' ? '' : ` (${style.source}: ${style.path})`;
    return `  ${mark} ${style.name.padEnd(width)}  ${style.description}${origin}`;
  });
  return [`Output style: ${current}`, ...rows, '', 'Choose one with /output-style <name>; it is saved to .wright/settings.local.json and applies from the next session (or /clear).'].join('\n');
}
