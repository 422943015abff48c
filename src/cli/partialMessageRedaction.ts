// Redaction for `--include-partial-messages`: a secret the model repeats may arrive split across
// text, thinking or tool-input deltas, where no single delta shows it. Each block's text is redacted
// as a whole as it grows (see IncrementalRedaction); a delta carries what is safe so far, a delta
// with nothing safe yet is held back, and the rest goes out just before the block's stop event.
import { randomUUID } from 'node:crypto';
import type { PartialMessageEvent } from '../agent/events.js';
import { IncrementalRedaction } from '../secrets/incrementalRedaction.js';
import type { Redactor } from '../secrets/redactor.js';
import type { StreamEvent } from '../model/types.js';

type Delta = Extract<StreamEvent, { type: 'content_block_delta' }>['delta'];
type TextDelta = Exclude<Delta, { type: 'signature_delta' }>;

interface OpenBlock {
  redaction: IncrementalRedaction;
  deltaType: TextDelta['type'];
}

const textOf = (delta: TextDelta): string =>
  delta.type === 'text_delta' ? delta.text : delta.type === 'thinking_delta' ? delta.thinking : delta.partial_json;

const deltaOf = (type: TextDelta['type'], text: string): TextDelta =>
  type === 'text_delta' ? { type, text } : type === 'thinking_delta' ? { type, thinking: text } : { type, partial_json: text };

export class PartialMessageRedaction {
  private readonly blocks = new Map<string, OpenBlock>();

  constructor(private readonly redactor: Redactor) {}

  /** The events to write in place of `event`: none, it redacted, or held-back text and then it. */
  redact(event: PartialMessageEvent): PartialMessageEvent[] {
    const stream = event.event;
    const scope = String(event.parent_tool_use_id);
    if (stream.type === 'message_start') {
      // A retried attempt starts over; what the abandoned one held back is dropped with it.
      for (const key of [...this.blocks.keys()]) if (key.startsWith(`${scope}:`)) this.blocks.delete(key);
    }
    if (stream.type === 'content_block_delta' && stream.delta.type !== 'signature_delta') {
      const key = `${scope}:${stream.index}`;
      let block = this.blocks.get(key);
      if (!block) this.blocks.set(key, (block = { redaction: new IncrementalRedaction(this.redactor), deltaType: stream.delta.type }));
      const safe = block.redaction.push(textOf(stream.delta));
      return safe === '' ? [] : [{ ...event, event: { ...stream, delta: deltaOf(stream.delta.type, safe) } }];
    }
    if (stream.type === 'content_block_stop') {
      const key = `${scope}:${stream.index}`;
      const block = this.blocks.get(key);
      this.blocks.delete(key);
      const rest = block?.redaction.flush() ?? '';
      if (block && rest !== '') {
        const held: PartialMessageEvent = {
          ...event,
          uuid: randomUUID(),
          event: { type: 'content_block_delta', index: stream.index, delta: deltaOf(block.deltaType, rest) },
        };
        return [held, event];
      }
    }
    return [this.redactor.redact(event)];
  }
}
