// A fast local estimate of how many tokens a request will take, without a tokenizer: about four
// characters a token for text and JSON, fixed sizes for images and documents (whose base64 would
// otherwise count as text). The provider's reported usage corrects it (see TokenCalibration).
import type { ContentBlock, Message, ToolDefinition } from '../model/types.js';

export const CHARS_PER_TOKEN = 4;
/** Anthropic bills an image by its area; a downscaled screenshot is about this much. */
const IMAGE_TOKENS = 1_600;
/** A PDF page costs its text plus an image of the page; documents are estimated per 3 KB of PDF. */
const DOCUMENT_TOKENS_PER_KB = 500;

export const estimateTextTokens = (text: string): number => Math.ceil(text.length / CHARS_PER_TOKEN);

export function estimateBlockTokens(block: ContentBlock): number {
  switch (block.type) {
    case 'text':
      return estimateTextTokens(block.text);
    case 'image':
      return IMAGE_TOKENS;
    case 'document':
      return block.source.type === 'text'
        ? estimateTextTokens(block.source.data)
        : Math.ceil(((block.source.data.length * 3) / 4 / 3072) * DOCUMENT_TOKENS_PER_KB);
    case 'tool_result':
      return (
        estimateTextTokens(block.tool_use_id) +
        (typeof block.content === 'string' ? estimateTextTokens(block.content) : block.content.reduce((sum, part) => sum + estimateBlockTokens(part), 0))
      );
    case 'thinking':
      return estimateTextTokens(block.thinking);
    default:
      return estimateTextTokens(JSON.stringify(block));
  }
}

export function estimateMessageTokens(message: Message): number {
  if (typeof message.content === 'string') return estimateTextTokens(message.content);
  return message.content.reduce((sum, block) => sum + estimateBlockTokens(block), 0);
}

export const estimateMessagesTokens = (messages: readonly Message[]): number =>
  messages.reduce((sum, message) => sum + estimateMessageTokens(message), 0);

export interface RequestParts {
  system: string;
  tools: readonly ToolDefinition[];
  messages: readonly Message[];
}

export const estimateRequestTokens = (request: RequestParts): number =>
  estimateTextTokens(request.system) + estimateTextTokens(JSON.stringify(request.tools)) + estimateMessagesTokens(request.messages);

/**
 * Learns how far the estimate is from the provider's count: after each response, the ratio of the
 * reported input tokens to the estimate of the request that produced them. Only ratios that make
 * sense are kept, so a provider that reports nothing leaves the plain estimate.
 */
export class TokenCalibration {
  private ratio = 1;

  observe(estimated: number, reported: number): void {
    if (estimated <= 0 || reported <= 0) return;
    const ratio = reported / estimated;
    if (ratio >= 0.5 && ratio <= 2) this.ratio = ratio;
  }

  apply(estimated: number): number {
    return Math.ceil(estimated * this.ratio);
  }
}
