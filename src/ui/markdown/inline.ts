// Inline Markdown (emphasis, code, links, …) as styled spans; wrapping happens later, per block.
import type { Token, Tokens } from 'marked';
import { decodeEntities } from './entities.js';
import { sanitize, type Span, type Style } from './styledText.js';

export interface InlineOptions {
  color: boolean;
}

function text(value: string, style: Style): Span {
  // Soft line breaks inside a paragraph are spaces; hard breaks arrive as `br` tokens.
  return { text: sanitize(value.replace(/\n/g, ' ')), style };
}

function linkSpans(token: Tokens.Link, style: Style, options: InlineOptions): Span[] {
  const href = sanitize(token.href);
  const label = renderInline(token.tokens, options, { ...style, fg: 'blue', underline: options.color });
  const labelText = label.map((s) => s.text).join('');
  const sameAsTarget = labelText === href || `mailto:${labelText}` === href;
  if (!options.color) return sameAsTarget ? label : [...label, { text: ` (${href})`, style }];
  // The label is a clickable OSC 8 hyperlink; the target is also printed (dimmed) because terminals
  // without OSC 8 support would otherwise hide it.
  const linked = label.map((s) => ({ text: s.text, style: { ...s.style, link: href } }));
  return sameAsTarget ? linked : [...linked, { text: ` (${href})`, style: { ...style, dim: true } }];
}

export function renderInline(tokens: readonly Token[] | undefined, options: InlineOptions, style: Style = {}): Span[] {
  const out: Span[] = [];
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'text': {
        const t = token as Tokens.Text;
        if (t.tokens && t.tokens.length > 0) out.push(...renderInline(t.tokens, options, style));
        else out.push(text(decodeEntities(t.text), style));
        break;
      }
      case 'escape':
        out.push(text(token.text as string, style));
        break;
      case 'strong':
        out.push(...renderInline((token as Tokens.Strong).tokens, options, { ...style, bold: true }));
        break;
      case 'em':
        out.push(...renderInline((token as Tokens.Em).tokens, options, { ...style, italic: true }));
        break;
      case 'del': {
        const inner = renderInline((token as Tokens.Del).tokens, options, { ...style, strike: true });
        // Without color, struck-out text must still read as struck out.
        if (options.color) out.push(...inner);
        else out.push({ text: '~~', style }, ...inner, { text: '~~', style });
        break;
      }
      case 'codespan': {
        const code = (token as Tokens.Codespan).text;
        if (options.color) out.push(text(code, { ...style, fg: 'cyan' }));
        else out.push(text(`\`${code}\``, style));
        break;
      }
      case 'link':
        out.push(...linkSpans(token as Tokens.Link, style, options));
        break;
      case 'image': {
        const image = token as Tokens.Image;
        out.push(text(`[image: ${decodeEntities(image.text)}] (${image.href})`, { ...style, dim: options.color }));
        break;
      }
      case 'br':
        out.push({ text: '\n', style });
        break;
      case 'html':
        out.push(text(token.raw, { ...style, dim: options.color }));
        break;
      case 'checkbox':
        break;
      default:
        out.push(text(token.raw, style));
    }
  }
  return out;
}
