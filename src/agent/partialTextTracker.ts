import type { StreamEvent } from '../model/types.js';

/**
 * Follows a response's text as it streams, so an interrupted answer can still be recorded. A new
 * `message_start` (a retried attempt) discards what came before.
 */
export class PartialTextTracker {
  private readonly blocks = new Map<number, string>();

  observe(event: StreamEvent): void {
    if (event.type === 'message_start') this.blocks.clear();
    else if (event.type === 'content_block_start' && event.content_block.type === 'text') {
      this.blocks.set(event.index, event.content_block.text);
    } else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
      this.blocks.set(event.index, (this.blocks.get(event.index) ?? '') + event.delta.text);
    }
  }

  text(): string {
    return [...this.blocks.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, text]) => text)
      .join('');
  }
}
