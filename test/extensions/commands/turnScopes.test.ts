import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AgentEvent } from '../../../src/agent/events.js';
import { SwitchableModelClient } from '../../../src/extensions/commands/turnModel.js';
import { TurnScopes } from '../../../src/extensions/commands/turnScopes.js';
import type { ModelClient, ModelRequest } from '../../../src/model/types.js';
import { bash, makePolicy, makeTempDir } from '../../permissions/policyFixture.js';

function recordingClient(): { client: ModelClient; models: string[] } {
  const models: string[] = [];
  const client = {
    provider: 'anthropic',
    stream: (request: ModelRequest) => {
      models.push(request.model);
      return {} as ReturnType<ModelClient['stream']>;
    },
    countTokens: async (request: Omit<ModelRequest, 'maxTokens'>) => {
      models.push(`count:${request.model}`);
      return 1;
    },
  } satisfies ModelClient;
  return { client, models };
}

const request = { model: 'session-model', system: '', messages: [], tools: [], maxTokens: 1 };

/** A turn that checks something while it is running. */
async function* turn(during: () => void): AsyncGenerator<AgentEvent> {
  during();
  yield { type: 'system', subtype: 'status', status: null, uuid: 'u', session_id: 's' } as unknown as AgentEvent;
}

test('a queued scope holds for exactly the next turn: its rules allow, its model answers', async () => {
  const cwd = makeTempDir();
  const policy = makePolicy({ cwd, allow: ['Read'] });
  const { client, models } = recordingClient();
  const model = new SwitchableModelClient(client);
  const scopes = new TurnScopes(policy, cwd, model);
  scopes.queue({ allowedTools: ['Bash(git push)'], source: '/ship', model: 'claude-haiku-x' });
  let during = '';
  for await (const _event of scopes.around(turn(() => {
    during = bash('git push', policy, false).behavior;
    model.stream(request);
  }))) {
    // drain
  }
  assert.equal(during, 'allow');
  assert.equal(bash('git push', policy, false).behavior, 'ask');
  assert.deepEqual(policy.rules.allow.map((rule) => rule.raw), ['Read']);
  model.stream(request);
  await model.countTokens!(request);
  assert.deepEqual(models, ['claude-haiku-x', 'session-model', 'count:session-model']);

  // The next turn has no scope of its own.
  let again = '';
  for await (const _event of scopes.around(turn(() => (again = bash('git push', policy, false).behavior)))) {
    // drain
  }
  assert.equal(again, 'ask');
});

test('rules end with the turn even when it fails, and rules added meanwhile by someone else stay', async () => {
  const cwd = makeTempDir();
  const policy = makePolicy({ cwd });
  const scopes = new TurnScopes(policy, cwd);
  scopes.queue({ allowedTools: ['Bash(make)'], source: '/build' });
  async function* failing(): AsyncGenerator<AgentEvent> {
    policy.rules.allow = [...policy.rules.allow, ...makePolicy({ cwd, allow: ['Bash(npm test)'] }).rules.allow];
    throw new Error('boom');
  }
  await assert.rejects(async () => {
    for await (const _event of scopes.around(failing())) {
      // drain
    }
  }, /boom/);
  assert.deepEqual(policy.rules.allow.map((rule) => rule.raw), ['Bash(npm test)']);
});

test('a skill loaded mid-turn adds rules until that turn ends; outside a turn nothing is added', async () => {
  const cwd = makeTempDir();
  const policy = makePolicy({ cwd });
  const scopes = new TurnScopes(policy, cwd);
  assert.equal(scopes.addToCurrentTurn(['Bash(make)'], 'skill'), false);
  assert.deepEqual(policy.rules.allow, []);
  let during = '';
  for await (const _event of scopes.around(turn(() => {
    assert.equal(scopes.addToCurrentTurn(['Bash(make)'], 'skill build'), true);
    during = bash('make', policy, false).behavior;
  }))) {
    // drain
  }
  assert.equal(during, 'allow');
  assert.equal(bash('make', policy, false).behavior, 'ask');
});
