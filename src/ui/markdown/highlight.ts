// Syntax highlighting for fenced code: highlight.js core with a handful of languages (the full
// package is ~1 MB; these add ~150 KB to the bundle). Its HTML output is turned back into styled spans.
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import type { Line, Style } from './styledText.js';

const LANGUAGES = { bash, css, diff, go, javascript, json, markdown, python, rust, typescript, xml, yaml };
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);
// Names models commonly put after a fence that the grammars above do not declare themselves.
hljs.registerAliases(['sh', 'shell', 'zsh', 'console'], { languageName: 'bash' });
hljs.registerAliases(['jsonc', 'json5'], { languageName: 'json' });
hljs.registerAliases(['patch'], { languageName: 'diff' });

const SCOPE_STYLES: Record<string, Style> = {
  keyword: { fg: 'magenta' },
  built_in: { fg: 'cyan' },
  type: { fg: 'cyan' },
  literal: { fg: 'blue' },
  number: { fg: 'yellow' },
  string: { fg: 'green' },
  regexp: { fg: 'red' },
  symbol: { fg: 'yellow' },
  char: { fg: 'green' },
  comment: { fg: 'gray', italic: true },
  quote: { fg: 'gray', italic: true },
  doctag: { fg: 'gray' },
  meta: { fg: 'gray' },
  title: { fg: 'blue' },
  section: { fg: 'blue', bold: true },
  name: { fg: 'blue' },
  tag: { fg: 'blue' },
  attr: { fg: 'cyan' },
  attribute: { fg: 'cyan' },
  property: { fg: 'cyan' },
  variable: { fg: 'red' },
  'template-variable': { fg: 'red' },
  selector: { fg: 'magenta' },
  bullet: { fg: 'yellow' },
  link: { fg: 'blue', underline: true },
  addition: { fg: 'green' },
  deletion: { fg: 'red' },
  emphasis: { italic: true },
  strong: { bold: true },
};

export function isKnownLanguage(language: string): boolean {
  return language !== '' && hljs.getLanguage(language) !== undefined;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'" };

function unescapeHtml(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#x27);/g, (e) => ENTITIES[e] ?? e);
}

/** Highlights code as lines of styled spans; unknown languages come back unstyled. */
export function highlightCode(code: string, language: string): Line[] {
  if (!isKnownLanguage(language)) return code.split('\n').map((text) => [{ text, style: {} }]);
  const html = hljs.highlight(code, { language, ignoreIllegals: true }).value;
  const lines: Line[] = [[]];
  const stack: Style[] = [{}];
  for (const match of html.matchAll(/<span class="([^"]*)">|<\/span>|([^<]+)/g)) {
    if (match[1] !== undefined) {
      const scope = match[1].split(' ')[0]!.replace(/^hljs-/, '');
      stack.push({ ...stack[stack.length - 1], ...SCOPE_STYLES[scope] });
    } else if (match[0] === '</span>') {
      if (stack.length > 1) stack.pop();
    } else {
      const style = stack[stack.length - 1]!;
      unescapeHtml(match[2]!).split('\n').forEach((text, i) => {
        if (i > 0) lines.push([]);
        if (text !== '') lines[lines.length - 1]!.push({ text, style });
      });
    }
  }
  return lines;
}
