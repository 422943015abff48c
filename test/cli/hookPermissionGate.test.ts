// Hooks in front of a front end's permission gate: a hook's allow answers only the question the
// defaults raise, never a deny or ask rule; a hook's ask asks; PermissionRequest answers first.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import type { CanUseTool, ToolPermissionContext } from '../../src/agent/executeToolCall.js';
import { HOOK_SESSION_RULE_SOURCE, withHookVerdicts } from '../../src/cli/hookPermissionGate.js';
import { printModeCanUseTool } from '../../src/cli/printPermissions.js';
import { parseRuleList } from '../../src/permissions/ruleParser.js';
import type { PermissionDecision, PermissionPolicy } from '../../src/permissions/types.js';
import type { AnyTool } from '../../src/tools/types.js';

const tool = (name: string, readOnly = false): AnyTool => ({
  name,
  description: name,
  inputSchema: z.object({ file_path: z.string().optional() }),
  isReadOnly: () => readOnly,
  run: async () => ({ content: 'ran' }),
});

function policy(rules: { allow?: string[]; ask?: string[]; deny?: string[] } = {}): PermissionPolicy {
  const parse = (list: string[] = []) => parseRuleList(list.map((rule) => ({ rule, source: 'settings.json', root: '/repo' }))).rules;
  return { mode: 'default', rules: { allow: parse(rules.allow), ask: parse(rules.ask), deny: parse(rules.deny) }, cwd: '/repo', workingDirectories: ['/repo'], home: '/home/u' };
}

/** The front end: records whether it was asked, answers like print mode. */
function frontEnd(p: PermissionPolicy) {
  const asked: ToolPermissionContext[] = [];
  const inner = printModeCanUseTool(p);
  const gate: CanUseTool = async (t, input, context) => {
    asked.push(context);
    return inner(t, input, context);
  };
  return { gate, asked };
}

const context = (extra: Partial<ToolPermissionContext> = {}): ToolPermissionContext => ({ toolUseId: 't1', signal: new AbortController().signal, ...extra });
const allowHook = { behavior: 'allow' as const, reason: 'hook ok' };
const askHook = { behavior: 'ask' as const, reason: 'hook wants a human' };

describe('withHookVerdicts', () => {
  it('without hook input the front end decides alone', async () => {
    const p = policy();
    const fe = frontEnd(p);
    const decision = await withHookVerdicts(fe.gate, p, { promptsUser: false })(tool('Deploy'), {}, context());
    assert.equal(decision.behavior, 'deny', 'print mode refuses what needs approval');
    assert.equal(fe.asked.length, 1);
  });

  it('a hook allow answers the question the defaults would raise', async () => {
    const p = policy();
    const fe = frontEnd(p);
    const decision = await withHookVerdicts(fe.gate, p, { promptsUser: false })(tool('Deploy'), {}, context({ hookDecision: allowHook }));
    assert.deepEqual(decision, { behavior: 'allow', reason: 'hook ok' });
    assert.equal(fe.asked.length, 0);
  });

  it('a hook allow does not override a deny rule or an ask rule', async () => {
    const p = policy({ deny: ['Deploy'], ask: ['Ship'] });
    const fe = frontEnd(p);
    const gate = withHookVerdicts(fe.gate, p, { promptsUser: false });
    assert.equal((await gate(tool('Deploy'), {}, context({ hookDecision: allowHook }))).behavior, 'deny');
    const shipped = await gate(tool('Ship'), {}, context({ hookDecision: allowHook }));
    assert.equal(shipped.behavior, 'deny', 'the ask rule still asks: print mode refuses');
    assert.equal(fe.asked.length, 1, 'the ask went to the front end');
  });

  it('a hook ask asks even where the rules allow; a deny rule still denies', async () => {
    const p = policy({ allow: ['Deploy'], deny: ['Nuke'] });
    const fe = frontEnd(p);
    const gate = withHookVerdicts(fe.gate, p, { promptsUser: false });
    const decision = await gate(tool('Deploy'), {}, context({ hookDecision: askHook }));
    assert.equal(decision.behavior, 'deny', 'print mode cannot ask, so it refuses');
    assert.match(decision.reason, /hook wants a human/);
    assert.equal(fe.asked[0]!.forceAsk, 'hook wants a human');
    assert.equal((await gate(tool('Nuke'), {}, context({ hookDecision: askHook }))).behavior, 'deny');
  });

  it('PermissionRequest answers before the front end is asked; no answer falls through', async () => {
    const p = policy();
    const fe = frontEnd(p);
    const gate = withHookVerdicts(fe.gate, p, { promptsUser: false });
    const allowed: PermissionDecision = { behavior: 'allow', reason: 'hook approved' };
    assert.deepEqual(await gate(tool('Deploy'), {}, context({ permissionRequest: async () => allowed })), allowed);
    assert.equal(fe.asked.length, 0);
    assert.equal((await gate(tool('Deploy'), {}, context({ permissionRequest: async () => undefined }))).behavior, 'deny');
    assert.equal(fe.asked.length, 1);
  });

  it('PermissionRequest is not consulted for calls the rules decide', async () => {
    const p = policy({ allow: ['Deploy'], deny: ['Nuke'] });
    let consulted = 0;
    const gate = withHookVerdicts(frontEnd(p).gate, p, { promptsUser: false });
    const permissionRequest = async () => {
      consulted++;
      return { behavior: 'allow' as const, reason: 'x' };
    };
    assert.equal((await gate(tool('Deploy'), {}, context({ permissionRequest }))).behavior, 'allow');
    assert.equal((await gate(tool('Nuke'), {}, context({ permissionRequest }))).behavior, 'deny');
    assert.equal((await gate(tool('Read', true), { file_path: '/repo/a.txt' }, context({ permissionRequest }))).behavior, 'allow');
    assert.equal(consulted, 0);
  });

  it('a front end that prompts tells Notification hooks when it asks', async () => {
    const p = policy();
    const notices: string[] = [];
    const prompting: CanUseTool = async () => ({ behavior: 'allow', reason: 'user said yes' });
    const gate = withHookVerdicts(prompting, p, { promptsUser: true });
    await gate(tool('Deploy'), {}, context({ permissionRequest: async () => undefined, onPermissionPrompt: (message) => notices.push(message) }));
    assert.equal(notices.length, 1);
    assert.match(notices[0]!, /permission to use Deploy/);
    const quiet = withHookVerdicts(prompting, p, { promptsUser: false });
    await quiet(tool('Deploy'), {}, context({ permissionRequest: async () => undefined, onPermissionPrompt: (message) => notices.push(message) }));
    assert.equal(notices.length, 1, 'print mode shows no dialog');
  });
});

describe('PermissionRequest permission updates', () => {
  it('an allow with session rules adds them to the live policy, so the next call is decided by rules', async () => {
    const p = policy();
    const fe = frontEnd(p);
    const gate = withHookVerdicts(fe.gate, p, { promptsUser: false });
    let consulted = 0;
    const permissionRequest = async () => {
      consulted++;
      return { behavior: 'allow' as const, reason: 'hook approved', sessionRules: [{ behavior: 'allow' as const, rules: ['Deploy'] }, { behavior: 'deny' as const, rules: ['Nuke', 'Bash(('] }] };
    };
    assert.deepEqual(await gate(tool('Deploy'), {}, context({ permissionRequest })), { behavior: 'allow', reason: 'hook approved' });
    assert.equal(consulted, 1);
    assert.deepEqual(p.rules.allow.map((rule) => [rule.raw, rule.source]), [['Deploy', HOOK_SESSION_RULE_SOURCE]]);
    assert.equal((await gate(tool('Deploy'), {}, context({ permissionRequest }))).behavior, 'allow');
    const nuke = await gate(tool('Nuke'), {}, context({ permissionRequest }));
    assert.equal(nuke.behavior, 'deny');
    assert.equal(consulted, 1, 'both later calls were decided by the added rules');
    assert.equal(fe.asked.length, 0);
  });

  it('rules that come with a deny are not added', async () => {
    const p = policy();
    const gate = withHookVerdicts(frontEnd(p).gate, p, { promptsUser: false });
    const permissionRequest = async () => ({ behavior: 'deny' as const, reason: 'no', sessionRules: [{ behavior: 'allow' as const, rules: ['Deploy'] }] });
    assert.deepEqual(await gate(tool('Deploy'), {}, context({ permissionRequest })), { behavior: 'deny', reason: 'no' });
    assert.deepEqual(p.rules.allow, []);
  });
});
