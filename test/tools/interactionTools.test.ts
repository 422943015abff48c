import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { askUserQuestionTool } from '../../src/tools/askUserQuestionTool.js';
import { enterPlanModeTool, exitPlanModeTool } from '../../src/tools/planModeTools.js';
import { policyModeControl } from '../../src/permissions/modeControl.js';
import type { PermissionMode } from '../../src/permissions/types.js';
import type { UserQuestion } from '../../src/tools/types.js';
import { makeContext, makeTempDir, removeTempDirs, textOf } from './toolTestContext.js';

afterEach(removeTempDirs);

const question = (text: string, labels = ['Yes', 'No']): UserQuestion => ({
  question: text,
  header: 'Choice',
  options: labels.map((label) => ({ label, description: `pick ${label}` })),
  multiSelect: false,
});

describe('AskUserQuestion', () => {
  it('accepts 1-4 questions of 2-4 options with a header of at most 12 characters', () => {
    const parse = (questions: unknown) => askUserQuestionTool.inputSchema.safeParse({ questions }).success;
    assert.equal(parse([question('Which?')]), true);
    assert.equal(parse([]), false);
    assert.equal(parse(['a', 'b', 'c', 'd', 'e'].map((q) => question(`${q}?`))), false);
    assert.equal(parse([question('One option?', ['Only'])]), false);
    assert.equal(parse([question('Five?', ['a', 'b', 'c', 'd', 'e'])]), false);
    assert.equal(parse([{ ...question('Long header?'), header: 'Thirteen char' }]), false);
  });

  it('passes the questions to the front end and reports its answers keyed by question', async () => {
    let asked: UserQuestion[] = [];
    const ctx = makeContext(makeTempDir(), {
      interaction: {
        askQuestions: async (questions) => {
          asked = questions;
          return { 'Which database?': 'Postgres', 'Which tests?': 'unit, e2e' };
        },
      },
    });
    const questions = [question('Which database?', ['Postgres', 'SQLite']), { ...question('Which tests?', ['unit', 'e2e']), multiSelect: true }];
    const result = await askUserQuestionTool.run({ questions }, ctx);
    assert.equal(result.isError, undefined);
    assert.deepEqual(asked, questions);
    assert.match(textOf(result), /"Which database\?" = "Postgres"\n"Which tests\?" = "unit, e2e"/);
  });

  it('tells the model to go on with stated assumptions when nobody can answer (print mode)', async () => {
    const result = await askUserQuestionTool.run({ questions: [question('Which?')] }, makeContext(makeTempDir()));
    assert.equal(result.isError, undefined);
    assert.match(textOf(result), /cannot be asked right now.*assumptions/s);
    assert.deepEqual((result.data as { answers: unknown }).answers, null);
  });

  it('refuses duplicate questions and duplicate option labels', async () => {
    const ctx = makeContext(makeTempDir(), { interaction: { askQuestions: async () => assert.fail('must not ask') } });
    const twice = await askUserQuestionTool.run({ questions: [question('Same?'), question('Same?')] }, ctx);
    assert.equal(twice.isError, true);
    const labels = await askUserQuestionTool.run({ questions: [question('Dup?', ['A', 'A'])] }, ctx);
    assert.match(textOf(labels), /different labels/);
  });
});

describe('plan mode tools', () => {
  function contextIn(mode: PermissionMode) {
    const policy = { mode };
    return { policy, ctx: makeContext(makeTempDir(), { permissionMode: policyModeControl(policy) }) };
  }

  it('EnterPlanMode switches the policy to plan mode; ExitPlanMode returns to the mode before it', async () => {
    const { policy, ctx } = contextIn('acceptEdits');
    await enterPlanModeTool.run({}, ctx);
    assert.equal(policy.mode, 'plan');
    const exit = await exitPlanModeTool.run({ plan: '1. change x\n2. test' }, ctx);
    assert.equal(exit.isError, undefined);
    assert.equal(policy.mode, 'acceptEdits');
    assert.match(textOf(exit), /approved your plan.*acceptEdits/);
    assert.deepEqual(exit.data, { plan: '1. change x\n2. test', mode: 'acceptEdits' });
  });

  it('a session that began in plan mode leaves it for default mode', async () => {
    const { policy, ctx } = contextIn('plan');
    await exitPlanModeTool.run({ plan: 'p' }, ctx);
    assert.equal(policy.mode, 'default');
  });

  it('ExitPlanMode outside plan mode is an error and changes nothing', async () => {
    const { policy, ctx } = contextIn('default');
    const result = await exitPlanModeTool.run({ plan: 'p' }, ctx);
    assert.equal(result.isError, true);
    assert.equal(policy.mode, 'default');
  });

  it('EnterPlanMode in plan mode says so and keeps the mode to return to', async () => {
    const { policy, ctx } = contextIn('acceptEdits');
    await enterPlanModeTool.run({}, ctx);
    assert.match(textOf(await enterPlanModeTool.run({}, ctx)), /already active/);
    await exitPlanModeTool.run({ plan: 'p' }, ctx);
    assert.equal(policy.mode, 'acceptEdits');
  });
});
