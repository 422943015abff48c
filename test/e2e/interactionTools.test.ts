// End-to-end: AskUserQuestion, plan mode and loop detection through the built CLI in print mode.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startModelServer, type ModelServer } from '../support/modelServer.js';
import { reply, text, toolUse } from '../support/script.js';
import { jsonResult, makeWorkspace, runWright, streamEvents, toolResultsIn, type Provider } from './harness.js';

const PLAN_REMINDER = /Plan mode is active/;

/** Everything a recorded request sent, as text, to look for reminders in either protocol. */
const requestText = (body: unknown) => JSON.stringify(body);

for (const provider of ['anthropic', 'openai'] as Provider[]) {
  describe(`interaction tools over the ${provider} protocol`, () => {
    let server: ModelServer;
    before(async () => (server = await startModelServer()));
    after(() => server.close());

    test('AskUserQuestion in print mode tells the model to proceed on its own', async () => {
      const workspace = makeWorkspace();
      const first = server.requests.length;
      server.push(
        reply([
          toolUse('AskUserQuestion', {
            questions: [
              {
                question: 'Which package manager?',
                header: 'Packages',
                options: [
                  { label: 'npm', description: 'The default' },
                  { label: 'pnpm', description: 'Faster installs' },
                ],
                multiSelect: false,
              },
            ],
          }),
        ]),
        reply([text('Going with npm.')]),
      );
      const run = await runWright(['-p', 'set up the project', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(jsonResult(run).result, 'Going with npm.');
      const [answer] = toolResultsIn(server.requests[first + 1]!.body);
      assert.match(answer!, /cannot be asked right now/);
      assert.doesNotMatch(answer!, /^Error|tool_use_error/);
    });

    test('plan mode denies edits until an approved ExitPlanMode, then returns to default mode', async () => {
      const workspace = makeWorkspace();
      const target = join(workspace.repo, 'plan.txt');
      const first = server.requests.length;
      server.push(
        reply([toolUse('Write', { file_path: target, content: 'too early' })]),
        reply([toolUse('ExitPlanMode', { plan: '1. Write plan.txt' })]),
        reply([toolUse('Write', { file_path: target, content: 'done' })]),
        reply([text('Written.')]),
      );
      const run = await runWright(
        ['-p', 'write plan.txt', '--output-format', 'json', '--permission-mode', 'plan', '--allowedTools', 'ExitPlanMode,Write'],
        { workspace, server, provider },
      );
      assert.equal(run.code, 0, run.stderr);
      const results = (n: number) => toolResultsIn(server.requests[first + n]!.body);
      assert.match(results(1).at(-1)!, /Plan mode never mutates/);
      assert.match(results(2).at(-1)!, /approved your plan.*default/);
      assert.ok(existsSync(target));
      // The reminder rides on every request made in plan mode, and stops once the plan is approved.
      assert.match(requestText(server.requests[first]!.body), PLAN_REMINDER);
      assert.match(requestText(server.requests[first + 1]!.body), PLAN_REMINDER);
      assert.doesNotMatch(requestText(server.requests[first + 2]!.body), PLAN_REMINDER);
    });

    test('without an allow rule nobody can approve the plan in print mode, so plan mode stays', async () => {
      const workspace = makeWorkspace();
      const target = join(workspace.repo, 'plan.txt');
      const first = server.requests.length;
      server.push(
        reply([toolUse('ExitPlanMode', { plan: 'Write plan.txt' })]),
        reply([toolUse('Write', { file_path: target, content: 'x' })]),
        reply([text('Blocked.')]),
      );
      const run = await runWright(['-p', 'write plan.txt', '--output-format', 'json', '--permission-mode', 'plan', '--allowedTools', 'Write'], {
        workspace,
        server,
        provider,
      });
      assert.equal(run.code, 0, run.stderr);
      assert.match(toolResultsIn(server.requests[first + 1]!.body).at(-1)!, /ExitPlanMode was denied|Permission to use ExitPlanMode was denied/);
      assert.match(toolResultsIn(server.requests[first + 2]!.body).at(-1)!, /Plan mode never mutates/);
      assert.equal(existsSync(target), false);
      const denied = jsonResult(run).permission_denials.map((d: { tool_name: string }) => d.tool_name);
      assert.deepEqual(denied, ['ExitPlanMode', 'Write']);
    });

    test('EnterPlanMode, once allowed, puts the session in plan mode', async () => {
      const workspace = makeWorkspace();
      const first = server.requests.length;
      server.push(
        reply([toolUse('EnterPlanMode', {})]),
        reply([toolUse('Write', { file_path: join(workspace.repo, 'x.txt'), content: 'x' })]),
        reply([text('Planning.')]),
      );
      const run = await runWright(['-p', 'big refactor', '--output-format', 'json', '--allowedTools', 'EnterPlanMode,Write'], {
        workspace,
        server,
        provider,
      });
      assert.equal(run.code, 0, run.stderr);
      assert.match(toolResultsIn(server.requests[first + 1]!.body).at(-1)!, /Entered plan mode/);
      assert.match(requestText(server.requests[first + 1]!.body), PLAN_REMINDER);
      assert.match(toolResultsIn(server.requests[first + 2]!.body).at(-1)!, /Plan mode never mutates/);
    });

    test('TodoWrite keeps the list across calls and streams old and new lists to the front end', async () => {
      const workspace = makeWorkspace();
      const item = (content: string, status: string) => ({ content, status, activeForm: `${content}ing` });
      server.push(
        reply([toolUse('TodoWrite', { todos: [item('Read', 'in_progress'), item('Fix', 'pending')] })]),
        reply([toolUse('TodoWrite', { todos: [item('Read', 'completed'), item('Fix', 'in_progress')] })]),
        reply([text('Done.')]),
      );
      const run = await runWright(['-p', 'plan it', '--output-format', 'stream-json', '--verbose'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      const updates = streamEvents(run).filter((event) => event.type === 'user' && event.tool_use_result).map((event) => event.tool_use_result);
      assert.equal(updates.length, 2);
      assert.deepEqual(updates[0].oldTodos, []);
      assert.deepEqual(updates[1].oldTodos.map((todo: { status: string }) => todo.status), ['in_progress', 'pending']);
      assert.deepEqual(updates[1].newTodos.map((todo: { status: string }) => todo.status), ['completed', 'in_progress']);
    });

    test('a model repeating the same call is warned on the third and refused on the fourth', async () => {
      const workspace = makeWorkspace({ 'a.txt': 'hello\n' });
      const read = () => reply([toolUse('Read', { file_path: join(workspace.repo, 'a.txt') })]);
      const first = server.requests.length;
      server.push(read(), read(), read(), read(), reply([text('Stopping.')]));
      const run = await runWright(['-p', 'read a.txt', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      assert.match(toolResultsIn(server.requests[first + 3]!.body).at(-1)!, /3rd Read call in a row/);
      assert.match(toolResultsIn(server.requests[first + 4]!.body).at(-1)!, /Not run: this is call 4 in a row/);
    });
  });
}
