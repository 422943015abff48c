// A command body split at its `` !`command` `` blocks (at a line start or after whitespace, on one
// line), so the shell commands can be checked and run before the prompt is sent. Arguments are
// substituted into each piece separately: text typed as arguments can never become a new `!` block.

export type BodySegment = { kind: 'text'; text: string } | { kind: 'shell'; command: string };

const SHELL_BLOCK = /(?<=^|\s)!`([^`\n]+)`/g;

export function bodySegments(body: string): BodySegment[] {
  const segments: BodySegment[] = [];
  let last = 0;
  for (const match of body.matchAll(SHELL_BLOCK)) {
    if (match.index > last) segments.push({ kind: 'text', text: body.slice(last, match.index) });
    segments.push({ kind: 'shell', command: match[1]!.trim() });
    last = match.index + match[0].length;
  }
  if (last < body.length) segments.push({ kind: 'text', text: body.slice(last) });
  return segments;
}
