// Runs the adversarial corpus (test/permissions/corpus/cases.ts): each case asserts allow, ask or
// deny ("block": ask or deny) for its rules and mode, judged as the agent would judge the call.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { corpus } from './corpus/cases.js';
import { judgeBash, judgeTool } from './corpus/corpusFixture.js';

const total = Object.values(corpus).reduce((sum, cases) => sum + cases.length, 0);

describe(`adversarial corpus (${total} cases)`, () => {
  it('has at least 300 cases', () => assert.ok(total >= 300, `only ${total}`));
  for (const [group, cases] of Object.entries(corpus)) {
    describe(group, () => {
      for (const entry of cases) {
        const subject = 'bash' in entry ? JSON.stringify(entry.bash) : `${entry.tool} ${JSON.stringify(entry.input)}`;
        const rules = JSON.stringify(entry.rules ?? {});
        it(`${entry.expect}: ${subject} with ${rules}`, () => {
          const decision = 'bash' in entry ? judgeBash(entry.bash, entry.rules ?? {}) : judgeTool(entry.tool, entry.input, entry.rules ?? {});
          if (entry.expect === 'block') assert.notEqual(decision.behavior, 'allow', decision.reason);
          else assert.equal(decision.behavior, entry.expect, decision.reason);
        });
      }
    });
  }
});
