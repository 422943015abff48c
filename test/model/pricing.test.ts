import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addUsage, costOfUsage, priceOfModel } from '../../src/model/pricing.js';
import { emptyUsage, type Usage } from '../../src/model/types.js';

const million = (fields: Partial<Usage>): Usage => ({ ...emptyUsage(), ...fields });

function inputOutput(model: string): [number, number] | null {
  const price = priceOfModel(model);
  return price ? [price.input, price.output] : null;
}

describe('priceOfModel', () => {
  it('prices Claude families, dated IDs included', () => {
    assert.deepEqual(inputOutput('claude-opus-4-20250514'), [15, 75]);
    assert.deepEqual(inputOutput('claude-opus-4-1-20250805'), [15, 75]);
    assert.deepEqual(inputOutput('claude-opus-4-5'), [5, 25]);
    assert.deepEqual(inputOutput('claude-opus-4-5-20251101'), [5, 25]);
    assert.deepEqual(inputOutput('claude-opus-4-6'), [5, 25]);
    assert.deepEqual(inputOutput('claude-sonnet-4-20250514'), [3, 15]);
    assert.deepEqual(inputOutput('claude-sonnet-4-5-20250929'), [3, 15]);
    assert.deepEqual(inputOutput('claude-sonnet-4-6'), [3, 15]);
    assert.deepEqual(inputOutput('claude-haiku-4-5-20251001'), [1, 5]);
    assert.deepEqual(inputOutput('claude-3-5-haiku-20241022'), [0.8, 4]);
  });

  it('sees through router and cloud prefixes', () => {
    assert.deepEqual(inputOutput('anthropic/claude-sonnet-4-5'), [3, 15]);
    assert.deepEqual(inputOutput('us.anthropic.claude-sonnet-4-5-20250929-v1:0'), [3, 15]);
    assert.deepEqual(inputOutput('claude-opus-4-5@20251101'), [5, 25]);
  });

  it('prices OpenAI families by the longest matching name', () => {
    assert.deepEqual(inputOutput('gpt-4.1'), [2, 8]);
    assert.deepEqual(inputOutput('gpt-4.1-2025-04-14'), [2, 8]);
    assert.deepEqual(inputOutput('gpt-4.1-mini'), [0.4, 1.6]);
    assert.deepEqual(inputOutput('gpt-4o-2024-08-06'), [2.5, 10]);
    assert.deepEqual(inputOutput('gpt-4o-mini-2024-07-18'), [0.15, 0.6]);
    assert.deepEqual(inputOutput('gpt-5'), [1.25, 10]);
    assert.deepEqual(inputOutput('o3'), [2, 8]);
  });

  it('prices the Claude 5 generation by version', () => {
    assert.deepEqual(inputOutput('claude-sonnet-5'), [2, 10]);
    assert.deepEqual(inputOutput('claude-sonnet-5-5'), [2, 10]);
    assert.deepEqual(inputOutput('claude-opus-5'), [5, 25]);
    assert.deepEqual(inputOutput('claude-opus-5-5'), [4, 20]);
    assert.deepEqual(inputOutput('claude-haiku-5-5'), [0.1, 0.5]);
    assert.deepEqual(inputOutput('claude-fable-5-1'), [10, 50]);
    assert.deepEqual(inputOutput('claude-mythos-5'), [10, 50]);
  });

  it('does not guess at unknown models', () => {
    for (const model of ['llama3.1:8b', 'qwen3-coder', 'gpt-4.10', 'claude-opus-7', 'claude-sonnet-6', 'claude-haiku-6', 'o3x', '']) {
      assert.equal(priceOfModel(model), null, model);
    }
  });
});

describe('costOfUsage', () => {
  it('charges input, output, cache writes at 1.25x and cache reads at 0.1x', () => {
    const cost = costOfUsage(
      'claude-sonnet-4-5-20250929',
      million({ input_tokens: 1_000_000, output_tokens: 1_000_000, cache_creation_input_tokens: 1_000_000, cache_read_input_tokens: 1_000_000 }),
    );
    assert.equal(cost.priced, true);
    assert.ok(Math.abs(cost.usd - (3 + 15 + 3.75 + 0.3)) < 1e-9, String(cost.usd));
  });

  it('prices a small request', () => {
    const { usd } = costOfUsage('claude-haiku-4-5', million({ input_tokens: 2000, output_tokens: 500 }));
    assert.ok(Math.abs(usd - (2000 * 1 + 500 * 5) / 1_000_000) < 1e-12);
  });

  it('reports unknown models as unpriced and free', () => {
    assert.deepEqual(costOfUsage('llama3', million({ input_tokens: 5000 })), { usd: 0, priced: false });
  });
});

describe('addUsage', () => {
  it('adds every counter', () => {
    assert.deepEqual(addUsage(million({ input_tokens: 1, output_tokens: 2, cache_read_input_tokens: 3 }), million({ input_tokens: 10, cache_creation_input_tokens: 4 })), {
      input_tokens: 11,
      output_tokens: 2,
      cache_creation_input_tokens: 4,
      cache_read_input_tokens: 3,
    });
  });
});
