// A transcript line as the text Ink writes. Under NO_COLOR colours go but emphasis stays (bold, dim,
// reverse video for search matches), as the rest of the app does.
import { serializeLine, trimLineEnd, type Line, type Style } from '../../markdown/styledText.js';

function withoutColour(style: Style): Style {
  const { fg: _fg, bg: _bg, link: _link, ...emphasis } = style;
  return emphasis;
}

export function terminalText(line: Line, color: boolean): string {
  const shown = color ? line : line.map((span) => ({ text: span.text, style: withoutColour(span.style) }));
  // Ink measures a line with nothing on it as no line at all.
  return serializeLine(trimLineEnd(shown), true) || ' ';
}
