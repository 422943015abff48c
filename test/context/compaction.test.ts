import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withoutOldestTurns, OMITTED_NOTE } from '../../src/agent/conversationTrim.js';
import { autoCompactThresholdTokens, DEFAULT_AUTO_COMPACT_PERCENT } from '../../src/context/compaction/autoCompactPolicy.js';
import { approvedPlan, attachmentBlocks } from '../../src/context/compaction/compactionAttachments.js';
import { compactInstructionsFromMemory, summaryFromAnswer } from '../../src/context/compaction/compactionPrompt.js';
import { KEEP_RECENT_RESULTS, microCompact } from '../../src/context/compaction/microCompaction.js';
import { estimateMessagesTokens, estimateTextTokens, TokenCalibration } from '../../src/context/tokenEstimate.js';
import { isPromptTooLong } from '../../src/model/promptTooLong.js';
import { ModelError, type Message } from '../../src/model/types.js';

test('the summary is the text inside <summary>; without tags, the answer minus its analysis', () => {
  assert.equal(summaryFromAnswer('<analysis>a\nb</analysis>\n<summary>\n## Intent\nFix it\n</summary>'), '## Intent\nFix it');
  assert.equal(summaryFromAnswer('<analysis>notes</analysis>\n## Intent\nFix it'), '## Intent\nFix it');
  assert.equal(summaryFromAnswer('<summary>cut off by max_tokens'), 'cut off by max_tokens');
  assert.equal(summaryFromAnswer('<analysis>only thinking</analysis>'), '');
});

test('Compact Instructions sections are found at any heading level and end at the next heading of their level', () => {
  const memory = [
    '# Project',
    'Use pnpm.',
    '## Compact Instructions',
    'Keep test names.',
    '### Details',
    'And file paths.',
    '## Style',
    'Tabs.',
    '# compact instructions',
    'Second file says this.',
  ].join('\n');
  assert.deepEqual(compactInstructionsFromMemory(memory), ['Keep test names.\n### Details\nAnd file paths.', 'Second file says this.']);
  assert.deepEqual(compactInstructionsFromMemory('# Nothing here'), []);
  assert.deepEqual(compactInstructionsFromMemory(null), []);
});

test('the threshold is a share of the window, leaves room for the answer, and can be turned off', () => {
  assert.equal(autoCompactThresholdTokens(200_000, 32_000, {}, {}), (200_000 * DEFAULT_AUTO_COMPACT_PERCENT) / 100);
  assert.equal(autoCompactThresholdTokens(200_000, 32_000, { autoCompactThreshold: 50 }, {}), 100_000);
  assert.equal(autoCompactThresholdTokens(200_000, 32_000, { autoCompactThreshold: 100 }, {}), 168_000, 'the answer still fits');
  assert.equal(autoCompactThresholdTokens(200_000, 32_000, { autoCompactThreshold: 90 }, { WRIGHT_AUTOCOMPACT_PCT_OVERRIDE: '60' }), 120_000);
  assert.equal(autoCompactThresholdTokens(200_000, 32_000, {}, { CLAUDE_AUTOCOMPACT_PCT_OVERRIDE: '70' }), 140_000);
  assert.equal(autoCompactThresholdTokens(200_000, 32_000, {}, { WRIGHT_AUTOCOMPACT_PCT_OVERRIDE: 'lots' }), 160_000, 'a nonsense override is ignored');
  assert.equal(autoCompactThresholdTokens(200_000, 32_000, { autoCompactEnabled: false }, {}), null);
  assert.equal(autoCompactThresholdTokens(200_000, 32_000, {}, { DISABLE_AUTO_COMPACT: '1' }), null);
  assert.notEqual(autoCompactThresholdTokens(200_000, 32_000, {}, { DISABLE_AUTO_COMPACT: '0' }), null);
  assert.equal(autoCompactThresholdTokens(8_000, 32_000, {}, {}), 6_000, 'a small window keeps three quarters for input');
});

test('estimates count images and documents by size class, not by their base64', () => {
  const image: Message = { role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'A'.repeat(4_000_000) } }] };
  assert.ok(estimateMessagesTokens([image]) < 5_000);
  const text: Message = { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'x'.repeat(4_000) }] };
  assert.ok(Math.abs(estimateMessagesTokens([text]) - 1_000) < 10);
  assert.equal(estimateTextTokens('abcd'), 1);
});

test('calibration follows the provider within sane bounds', () => {
  const calibration = new TokenCalibration();
  assert.equal(calibration.apply(1000), 1000);
  calibration.observe(1000, 1300);
  assert.equal(calibration.apply(1000), 1300);
  calibration.observe(1000, 10);
  assert.equal(calibration.apply(1000), 1300, 'an implausible report is ignored');
  calibration.observe(1000, 0);
  assert.equal(calibration.apply(1000), 1300);
});

test('both providers\' "too long" refusals are recognised, other errors are not', () => {
  assert.ok(isPromptTooLong(new ModelError('invalid_request', 'Anthropic API error 400: prompt is too long: 210000 tokens > 200000 maximum', 400)));
  assert.ok(isPromptTooLong(new ModelError('invalid_request', "OpenAI API error 400: This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.", 400)));
  assert.ok(!isPromptTooLong(new ModelError('invalid_request', 'Anthropic API error 400: max_tokens: Field required', 400)));
  assert.ok(!isPromptTooLong(new ModelError('server', 'prompt is too long', 500)));
  assert.ok(!isPromptTooLong(new Error('prompt is too long')));
});

test('dropping the oldest turns keeps the conversation valid: user first, every tool result after its call', () => {
  const messages: Message[] = [
    { role: 'user', content: 'one' },
    { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'Read', input: {} }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'r' }] },
    { role: 'assistant', content: 'two' },
    { role: 'user', content: 'three' },
    { role: 'assistant', content: 'four' },
  ];
  const shorter = withoutOldestTurns(messages, 0.5);
  assert.deepEqual(shorter, [{ role: 'user', content: [{ type: 'text', text: OMITTED_NOTE }] }, ...messages.slice(3)]);
  assert.deepEqual(withoutOldestTurns(messages.slice(0, 1), 0.5), messages.slice(0, 1), 'nothing to drop');
});

test('the approved plan is the last ExitPlanMode whose result was not an error', () => {
  const call = (id: string, plan: string): Message => ({ role: 'assistant', content: [{ type: 'tool_use', id, name: 'ExitPlanMode', input: { plan } }] });
  const result = (id: string, isError: boolean): Message => ({ role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: 'x', is_error: isError }] });
  assert.equal(approvedPlan([{ role: 'user', content: 'go' }, call('a', 'Plan A'), result('a', false), call('b', 'Plan B'), result('b', true)]), 'Plan A');
  assert.equal(approvedPlan([{ role: 'user', content: 'go' }, call('b', 'Plan B'), result('b', true)]), null);
  assert.deepEqual(attachmentBlocks({ todos: [], plan: null, files: [] }), []);
});

test('micro-compaction stubs only large results outside the most recent ones, once, naming what to call again', () => {
  const call = (id: string, input: Record<string, unknown>, name = 'Read'): Message => ({ role: 'assistant', content: [{ type: 'tool_use', id, name, input }] });
  const result = (id: string, size: number): Message => ({ role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: 'y'.repeat(size) }] });
  const messages: Message[] = [{ role: 'user', content: 'go' }, call('a', { file_path: '/repo/big.ts' }), result('a', 8000), call('b', { command: 'npm test' }, 'Bash'), result('b', 100)];
  for (let i = 0; i < KEEP_RECENT_RESULTS; i++) messages.push(call(`r${i}`, { file_path: `/repo/r${i}` }), result(`r${i}`, 8000));
  const micro = microCompact(messages);
  assert.equal(micro.cleared, 1);
  assert.ok(micro.savedTokens > 1900);
  const stub = (micro.messages[2]!.content as any[])[0].content as string;
  assert.match(stub, /^\[Old tool result cleared to save context: Read of \/repo\/big\.ts \(about 2,00\d tokens\)\. Call the tool again if you need it\.\]$/);
  assert.equal((micro.messages[4]!.content as any[])[0].content.length, 100, 'small results stay');
  assert.equal((micro.messages.at(-1)!.content as any[])[0].content.length, 8000, 'recent results stay');
  assert.equal((messages[2]!.content as any[])[0].content.length, 8000, 'the input is not changed');
  assert.equal(microCompact(micro.messages).cleared, 0, 'a stub is not stubbed again');
});
