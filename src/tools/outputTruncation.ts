// Long command output is most useful at both ends: the start shows what ran, the end shows how it
// finished (errors, summaries). So we keep a head and a tail and drop the middle.

export function truncationMarker(omittedChars: number): string {
  return `\n\n… ${omittedChars} characters truncated …\n\n`;
}

export function truncateMiddle(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const headLength = Math.floor(maxChars / 2);
  const tailLength = maxChars - headLength;
  return text.slice(0, headLength) + truncationMarker(text.length - maxChars) + text.slice(text.length - tailLength);
}

/**
 * Collects a stream of text in bounded memory, keeping enough of both ends to show any
 * head+tail view of up to `limit` characters exactly as if the whole text had been kept.
 */
export class HeadTailCollector {
  private head = '';
  private tail = '';
  private dropped = false;
  totalLength = 0;

  constructor(private readonly limit: number) {}

  append(chunk: string): void {
    this.totalLength += chunk.length;
    const roomInHead = this.limit - this.head.length;
    if (roomInHead > 0) {
      this.head += chunk.slice(0, roomInHead);
      chunk = chunk.slice(roomInHead);
    }
    if (chunk === '') return;
    this.tail += chunk;
    // Trimming only past twice the limit keeps appends amortised O(1).
    if (this.tail.length > this.limit * 2) {
      this.tail = this.tail.slice(this.tail.length - this.limit);
      this.dropped = true;
    }
  }

  /** The whole text when it fits in `budget` (≤ limit), else its head and tail around a marker. */
  view(budget: number = this.limit): string {
    const effectiveBudget = Math.min(budget, this.limit);
    if (this.totalLength <= effectiveBudget) return this.head + this.tail;
    const headLength = Math.floor(effectiveBudget / 2);
    const tailLength = effectiveBudget - headLength;
    const tailSource = this.tail.length >= tailLength || this.dropped ? this.tail : this.head + this.tail;
    const tailPart = tailLength === 0 ? '' : tailSource.slice(tailSource.length - tailLength);
    return this.head.slice(0, headLength) + truncationMarker(this.totalLength - effectiveBudget) + tailPart;
  }
}

/**
 * Shares one character budget between two texts (stdout and stderr): both whole when they fit,
 * otherwise each keeps at least half unless it needs less, and the other gets the rest.
 */
export function splitBudget(maxChars: number, firstLength: number, secondLength: number): [number, number] {
  if (firstLength + secondLength <= maxChars) return [firstLength, secondLength];
  const half = Math.floor(maxChars / 2);
  const second = Math.min(secondLength, Math.max(maxChars - firstLength, half));
  return [maxChars - second, second];
}
