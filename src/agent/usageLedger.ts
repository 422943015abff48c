import { addUsage, costOfUsage } from '../model/pricing.js';
import { emptyUsage, type Usage } from '../model/types.js';
import type { ModelUsageEntry } from './events.js';

/** Sums token usage and cost over every model response of a run, in total and per model. */
export class UsageLedger {
  total: Usage = emptyUsage();
  totalCostUsd = 0;
  readonly byModel: Record<string, ModelUsageEntry> = {};

  /** A response of the main loop: counted in `total` as well as in cost and per model. */
  record(model: string, usage: Usage): void {
    this.total = addUsage(this.total, usage);
    this.recordSide(model, usage);
  }

  /** A request a tool made on the side: it costs money and shows per model, but `total` stays the main loop's. */
  recordSide(model: string, usage: Usage): void {
    const { usd } = costOfUsage(model, usage);
    this.totalCostUsd += usd;
    const entry = (this.byModel[model] ??= {
      inputTokens: 0,
      outputTokens: 0,
      cacheReadInputTokens: 0,
      cacheCreationInputTokens: 0,
      costUSD: 0,
    });
    entry.inputTokens += usage.input_tokens;
    entry.outputTokens += usage.output_tokens;
    entry.cacheReadInputTokens += usage.cache_read_input_tokens;
    entry.cacheCreationInputTokens += usage.cache_creation_input_tokens;
    entry.costUSD += usd;
  }
}
