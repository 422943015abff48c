// Markdown keeps HTML entities in text (`&amp;`, `&#169;`); a terminal shows the characters.
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', copy: '©', reg: '®', trade: '™',
  hellip: '…', mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', larr: '←',
  rarr: '→', uarr: '↑', darr: '↓', harr: '↔', times: '×', divide: '÷', deg: '°', plusmn: '±', middot: '·',
  bull: '•', para: '¶', sect: '§', laquo: '«', raquo: '»', euro: '€', pound: '£', yen: '¥', cent: '¢',
  ne: '≠', le: '≤', ge: '≥', check: '✓',
};

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]+);/g, (entity, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
    }
    return NAMED[body] ?? entity;
  });
}
