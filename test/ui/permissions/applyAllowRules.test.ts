import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { evaluatePermission } from '../../../src/permissions/evaluatePermission.js';
import { applyAllowRulesToPolicy } from '../../../src/ui/permissions/applyAllowRules.js';
import { makePolicy, makeTempDir } from '../../permissions/policyFixture.js';

const root = makeTempDir('wright-apply-');
const source = join(root, '.wright', 'settings.local.json');

test('remembered rules apply to the live policy at once, anchored at the given root', () => {
  const policy = makePolicy({ cwd: join(root, 'packages', 'app') });
  const edit = { toolName: 'Edit', input: { file_path: join(root, 'src', 'a.ts') }, isReadOnly: false };
  const run = { toolName: 'Bash', input: { command: 'npm run test -- --watch' }, isReadOnly: false };
  assert.equal(evaluatePermission(edit, policy).behavior, 'ask');
  const { policy: updated, errors } = applyAllowRulesToPolicy(policy, ['Edit(/src/**)', 'Bash(npm run test:*)'], source, root);
  assert.deepEqual(errors, []);
  assert.equal(evaluatePermission(edit, updated).behavior, 'allow');
  const decision = evaluatePermission(run, updated);
  assert.equal(decision.behavior, 'allow');
  assert.equal(decision.ruleSource, source);
  assert.equal(policy.rules.allow.length, 0, 'the original policy is not changed');
});

test('rules already present are not added twice; rules that do not parse are reported', () => {
  const policy = makePolicy({ cwd: root });
  const once = applyAllowRulesToPolicy(policy, ['WebSearch'], source, root).policy;
  const { policy: twice, errors } = applyAllowRulesToPolicy(once, ['WebSearch', 'Bash(oops'], source, root);
  assert.deepEqual(twice.rules.allow.map((rule) => rule.raw), ['WebSearch']);
  assert.equal(errors.length, 1);
  assert.equal(errors[0]?.rule, 'Bash(oops');
});
