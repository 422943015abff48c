// HTML → Markdown for the model: turndown, minus the parts of a page that are never content
// (scripts, styles, navigation, embedded frames), with links made absolute so they can be fetched.
import type TurndownService from 'turndown';

const NOISE = new Set(['script', 'style', 'noscript', 'nav', 'iframe', 'svg', 'template', 'object', 'embed', 'button', 'select']);

/** Loaded on first use: most sessions never fetch a page, so start-up does not pay for the parser. */
let converter: Promise<typeof TurndownService> | undefined;

export async function htmlToMarkdown(html: string, pageUrl: string): Promise<string> {
  const Turndown = await (converter ??= import('turndown').then((module) => module.default));
  const service = new Turndown({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '*' });
  service.remove((node) => NOISE.has(node.nodeName.toLowerCase()));
  service.addRule('absoluteLinks', {
    filter: (node) => node.nodeName === 'A' && node.getAttribute('href') !== null,
    replacement: (content, node) => {
      const href = absolute((node as HTMLElement).getAttribute('href') ?? '', pageUrl);
      const label = content.trim();
      if (label === '') return '';
      return href === null ? label : `[${label}](${href})`;
    },
  });
  service.addRule('images', {
    filter: 'img',
    replacement: (_content, node) => {
      const alt = ((node as HTMLElement).getAttribute('alt') ?? '').trim();
      const src = absolute((node as HTMLElement).getAttribute('src') ?? '', pageUrl);
      return alt === '' || src === null ? '' : `![${alt}](${src})`;
    },
  });
  return tidy(service.turndown(html));
}

/** The link resolved against the page; null for links that lead nowhere useful (scripts, anchors). */
function absolute(href: string, base: string): string | null {
  const trimmed = href.trim();
  if (trimmed === '' || trimmed.startsWith('#') || /^(javascript|data|vbscript):/i.test(trimmed)) return null;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return null;
  }
}

/** At most one blank line in a row, no trailing spaces. */
function tidy(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
