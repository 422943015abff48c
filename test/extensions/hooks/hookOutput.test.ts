import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { HookEventName } from '../../../src/extensions/hooks/hookEvents.js';
import { combineVerdicts } from '../../../src/extensions/hooks/hookOutcome.js';
import { HOOK_TEXT_LIMIT, interpretHandlerRun, type HandlerRun } from '../../../src/extensions/hooks/hookOutput.js';

const run = (event: HookEventName, fields: Partial<HandlerRun> = {}): HandlerRun => ({
  event,
  hook: 'check.sh',
  exitCode: 0,
  stdout: '',
  stderr: '',
  timedOut: false,
  timeoutSeconds: 60,
  ...fields,
});
const json = (value: unknown) => JSON.stringify(value);

describe('exit codes', () => {
  it('exit 0 with plain stdout: context for UserPromptSubmit and SessionStart, verbose output elsewhere', () => {
    for (const event of ['UserPromptSubmit', 'SessionStart'] as const) {
      assert.deepEqual(interpretHandlerRun(run(event, { stdout: 'branch: main\n' })), { messages: [], context: ['branch: main'] });
    }
    const verdict = interpretHandlerRun(run('PostToolUse', { stdout: 'formatted 3 files' }));
    assert.deepEqual(verdict.context, []);
    assert.deepEqual(verdict.messages.map((message) => message.level), ['verbose']);
    assert.equal(verdict.block, undefined);
  });

  it('exit 0 with nothing decides nothing', () => {
    assert.deepEqual(interpretHandlerRun(run('PreToolUse')), { messages: [], context: [] });
  });

  it('exit 2 blocks with stderr, per event', () => {
    const stderr = 'Use rg instead of grep\n';
    assert.deepEqual(interpretHandlerRun(run('PreToolUse', { exitCode: 2, stderr })).permission, { behavior: 'deny', reason: 'Use rg instead of grep' });
    for (const event of ['PostToolUse', 'UserPromptSubmit', 'Stop', 'SubagentStop'] as const) {
      assert.equal(interpretHandlerRun(run(event, { exitCode: 2, stderr })).block, 'Use rg instead of grep', event);
    }
    assert.deepEqual(interpretHandlerRun(run('PermissionRequest', { exitCode: 2, stderr })).permissionRequest, { behavior: 'deny', message: 'Use rg instead of grep' });
    for (const event of ['Notification', 'SessionStart', 'SessionEnd', 'PreCompact'] as const) {
      const verdict = interpretHandlerRun(run(event, { exitCode: 2, stderr }));
      assert.equal(verdict.block, undefined, `${event}: stderr to the user only`);
      assert.match(verdict.messages[0]!.text, /Use rg instead of grep/);
    }
  });

  it('exit 2 ignores JSON on stdout', () => {
    const verdict = interpretHandlerRun(run('Stop', { exitCode: 2, stderr: 'keep going', stdout: json({ continue: false, systemMessage: 'x' }) }));
    assert.equal(verdict.block, 'keep going');
    assert.equal(verdict.stop, undefined);
    assert.deepEqual(verdict.messages, []);
  });

  it('other exit codes are non-blocking errors showing the first stderr line', () => {
    for (const exitCode of [1, 3, 127]) {
      const verdict = interpretHandlerRun(run('PreToolUse', { exitCode, stderr: '\nfirst problem\nsecond\n' }));
      assert.equal(verdict.permission, undefined);
      assert.equal(verdict.block, undefined);
      assert.deepEqual(verdict.messages.map((message) => [message.level, message.text]), [['error', 'PreToolUse hook error: first problem']]);
    }
    assert.match(interpretHandlerRun(run('Stop', { exitCode: 1 })).messages[0]!.text, /exited with code 1/);
  });

  it('a timeout cancels the hook: no decision, the user is told', () => {
    const verdict = interpretHandlerRun(run('PreToolUse', { exitCode: null, timedOut: true, timeoutSeconds: 5, stdout: json({ decision: 'block' }) }));
    assert.equal(verdict.permission, undefined);
    assert.match(verdict.messages[0]!.text, /timed out after 5s/);
  });

  it('a hook that could not run is a non-blocking error; an aborted one says nothing', () => {
    assert.equal(interpretHandlerRun(run('Stop', { exitCode: null, failure: 'could not run bash' })).messages[0]!.level, 'error');
    assert.deepEqual(interpretHandlerRun(run('Stop', { exitCode: null, aborted: true })), { messages: [], context: [] });
  });
});

describe('JSON output', () => {
  it('continue:false stops with stopReason; systemMessage warns the user', () => {
    const verdict = interpretHandlerRun(run('PostToolUse', { stdout: json({ continue: false, stopReason: 'Build broke', systemMessage: 'Heads up' }) }));
    assert.equal(verdict.stop, 'Build broke');
    assert.deepEqual(verdict.messages.map((message) => [message.level, message.text]), [['warning', 'Heads up']]);
    assert.equal(interpretHandlerRun(run('Stop', { stdout: json({ continue: false }) })).stop, '');
  });

  it('suppressOutput is accepted and changes nothing else', () => {
    assert.deepEqual(interpretHandlerRun(run('PostToolUse', { stdout: json({ suppressOutput: true }) })), { messages: [], context: [] });
  });

  it('decision:block with a reason blocks where the event allows it', () => {
    for (const event of ['UserPromptSubmit', 'PostToolUse', 'Stop', 'SubagentStop', 'PreCompact'] as const) {
      assert.equal(interpretHandlerRun(run(event, { stdout: json({ decision: 'block', reason: 'why' }) })).block, 'why', event);
    }
    assert.equal(interpretHandlerRun(run('SessionStart', { stdout: json({ decision: 'block', reason: 'why' }) })).block, undefined);
  });

  it('PreToolUse: permissionDecision, its reason, updatedInput and additionalContext', () => {
    const verdict = interpretHandlerRun(
      run('PreToolUse', {
        stdout: json({
          hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'allow', permissionDecisionReason: 'safe', updatedInput: { command: 'ls -a' }, additionalContext: 'note' },
        }),
      }),
    );
    assert.deepEqual(verdict.permission, { behavior: 'allow', reason: 'safe' });
    assert.deepEqual(verdict.updatedInput, { command: 'ls -a' });
    assert.deepEqual(verdict.context, ['note']);
    for (const decision of ['deny', 'ask'] as const) {
      assert.equal(interpretHandlerRun(run('PreToolUse', { stdout: json({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: decision } }) })).permission?.behavior, decision);
    }
    const bad = interpretHandlerRun(run('PreToolUse', { stdout: json({ hookSpecificOutput: { permissionDecision: 'yes' } }) }));
    assert.equal(bad.permission, undefined);
    assert.equal(bad.messages[0]!.level, 'error');
  });

  it('PreToolUse: the deprecated decision approve/block means allow/deny', () => {
    assert.deepEqual(interpretHandlerRun(run('PreToolUse', { stdout: json({ decision: 'approve', reason: 'ok' }) })).permission, { behavior: 'allow', reason: 'ok' });
    assert.deepEqual(interpretHandlerRun(run('PreToolUse', { stdout: json({ decision: 'block', reason: 'no' }) })).permission, { behavior: 'deny', reason: 'no' });
  });

  it('additionalContext for UserPromptSubmit, PostToolUse, SessionStart and Stop', () => {
    for (const event of ['UserPromptSubmit', 'PostToolUse', 'SessionStart', 'Stop'] as const) {
      assert.deepEqual(interpretHandlerRun(run(event, { stdout: json({ hookSpecificOutput: { hookEventName: event, additionalContext: 'ctx' } }) })).context, ['ctx'], event);
    }
  });

  it('hookSpecificOutput for another event is ignored with an error', () => {
    const verdict = interpretHandlerRun(run('PostToolUse', { stdout: json({ hookSpecificOutput: { hookEventName: 'PreToolUse', additionalContext: 'x' } }) }));
    assert.deepEqual(verdict.context, []);
    assert.equal(verdict.messages[0]!.level, 'error');
  });

  it('PermissionRequest: decision.behavior allow/deny with message and updatedInput', () => {
    const allow = interpretHandlerRun(run('PermissionRequest', { stdout: json({ hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'allow', updatedInput: { command: 'ls' } } } }) }));
    assert.deepEqual(allow.permissionRequest, { behavior: 'allow', updatedInput: { command: 'ls' } });
    const deny = interpretHandlerRun(run('PermissionRequest', { stdout: json({ hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'deny', message: 'not on Fridays', interrupt: true } } }) }));
    assert.deepEqual(deny.permissionRequest, { behavior: 'deny', message: 'not on Fridays', interrupt: true });
  });

  it('output that starts with { but is not JSON is plain text, with a warning', () => {
    const verdict = interpretHandlerRun(run('UserPromptSubmit', { stdout: '{not json' }));
    assert.deepEqual(verdict.context, ['{not json']);
    assert.equal(verdict.messages[0]!.level, 'warning');
  });

  it('hook strings are capped', () => {
    const verdict = interpretHandlerRun(run('UserPromptSubmit', { stdout: 'x'.repeat(HOOK_TEXT_LIMIT + 50) }));
    assert.ok(verdict.context[0]!.length < HOOK_TEXT_LIMIT + 100);
    assert.match(verdict.context[0]!, /50 more characters cut/);
  });
});

describe('several hooks for one event', () => {
  const pre = (decision: string, reason = decision, extra: Record<string, unknown> = {}) =>
    interpretHandlerRun(run('PreToolUse', { stdout: json({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: decision, permissionDecisionReason: reason, ...extra } }) }));

  it('deny > defer > ask > allow, with the winning kind’s reasons', () => {
    assert.deepEqual(combineVerdicts([pre('allow'), pre('ask', 'a1'), pre('deny', 'd1'), pre('deny', 'd2')]).permission, { behavior: 'deny', reason: 'd1\nd2' });
    assert.deepEqual(combineVerdicts([pre('allow'), pre('ask'), pre('defer')]).permission?.behavior, 'defer');
    assert.deepEqual(combineVerdicts([pre('allow'), pre('ask', 'confirm')]).permission, { behavior: 'ask', reason: 'confirm' });
    assert.deepEqual(combineVerdicts([pre('allow', 'x'), pre('allow', 'y')]).permission, { behavior: 'allow', reason: 'x\ny' });
  });

  it('an exit-2 deny beats another hook’s allow, and drops its updatedInput', () => {
    const outcome = combineVerdicts([pre('allow', 'fine', { updatedInput: { command: 'ls -a' } }), interpretHandlerRun(run('PreToolUse', { exitCode: 2, stderr: 'no' }))]);
    assert.deepEqual(outcome.permission, { behavior: 'deny', reason: 'no' });
    assert.equal(outcome.updatedInput, undefined);
  });

  it('the first updatedInput in configuration order wins', () => {
    const outcome = combineVerdicts([pre('allow', '', { updatedInput: { command: 'first' } }), pre('allow', '', { updatedInput: { command: 'second' } })]);
    assert.deepEqual(outcome.updatedInput, { command: 'first' });
  });

  it('any block blocks; any continue:false stops; context and messages add up', () => {
    const outcome = combineVerdicts([
      interpretHandlerRun(run('Stop', { stdout: json({ decision: 'block', reason: 'tests' }) })),
      interpretHandlerRun(run('Stop', { exitCode: 2, stderr: 'lint' })),
      interpretHandlerRun(run('Stop', { exitCode: 1, stderr: 'oops' })),
    ]);
    assert.equal(outcome.block, 'tests\nlint');
    assert.equal(outcome.messages.length, 1);
    assert.equal(combineVerdicts([interpretHandlerRun(run('Stop', { stdout: json({ continue: false, stopReason: 'enough' }) }))]).stop, 'enough');
  });

  it('PermissionRequest: a deny beats an allow', () => {
    const allow = interpretHandlerRun(run('PermissionRequest', { stdout: json({ hookSpecificOutput: { decision: { behavior: 'allow' } } }) }));
    const deny = interpretHandlerRun(run('PermissionRequest', { stdout: json({ hookSpecificOutput: { decision: { behavior: 'deny', message: 'no' } } }) }));
    assert.equal(combineVerdicts([allow, deny]).permissionRequest?.behavior, 'deny');
  });
});

describe('PermissionRequest updatedPermissions and interrupt', () => {
  const answer = (decision: unknown) => interpretHandlerRun(run('PermissionRequest', { stdout: json({ hookSpecificOutput: { hookEventName: 'PermissionRequest', decision } }) }));

  it('turns addRules updates into rule text, by behavior', () => {
    const verdict = answer({
      behavior: 'allow',
      updatedPermissions: [
        { type: 'addRules', rules: [{ toolName: 'Bash', ruleContent: 'npm test:*' }, { toolName: 'mcp__github__list_issues' }], behavior: 'allow', destination: 'session' },
        { type: 'addRules', rules: [{ toolName: 'WebFetch', ruleContent: 'domain:evil.example' }], behavior: 'deny', destination: 'localSettings' },
      ],
    });
    assert.deepEqual(verdict.permissionRequest, {
      behavior: 'allow',
      updatedPermissions: [
        { behavior: 'allow', rules: ['Bash(npm test:*)', 'mcp__github__list_issues'] },
        { behavior: 'deny', rules: ['WebFetch(domain:evil.example)'] },
      ],
    });
    assert.deepEqual(verdict.messages, []);
  });

  it('ignores other update types with a warning, and malformed updates with an error', () => {
    const other = answer({ behavior: 'allow', updatedPermissions: [{ type: 'setMode', mode: 'acceptEdits', destination: 'session' }] });
    assert.deepEqual(other.permissionRequest, { behavior: 'allow' });
    assert.match(other.messages[0]!.text, /"setMode" is not supported/);
    for (const bad of ['Bash', [{ type: 'addRules', rules: [{ toolName: 'Bash(x)' }] }], [{ type: 'addRules', rules: [{ toolName: 'Bash', ruleContent: 3 }] }], [{ type: 'addRules', behavior: 'maybe', rules: [] }]]) {
      const verdict = answer({ behavior: 'allow', updatedPermissions: bad });
      assert.deepEqual(verdict.permissionRequest, { behavior: 'allow' }, JSON.stringify(bad));
      assert.equal(verdict.messages[0]!.level, 'error');
    }
  });

  it('takes updatedPermissions only with allow and interrupt only with deny', () => {
    const rules = [{ type: 'addRules', rules: [{ toolName: 'Bash' }], behavior: 'allow' }];
    assert.deepEqual(answer({ behavior: 'deny', message: 'no', updatedPermissions: rules }).permissionRequest, { behavior: 'deny', message: 'no' });
    assert.deepEqual(answer({ behavior: 'allow', interrupt: true }).permissionRequest, { behavior: 'allow' });
    assert.deepEqual(answer({ behavior: 'deny', message: 'stop', interrupt: true }).permissionRequest, { behavior: 'deny', message: 'stop', interrupt: true });
  });
});

describe('PostToolUse updatedMCPToolOutput', () => {
  const post = (output: unknown) => interpretHandlerRun(run('PostToolUse', { stdout: json({ hookSpecificOutput: { hookEventName: 'PostToolUse', updatedMCPToolOutput: output } }) }));

  it('is taken from PostToolUse only, and the first one in configuration order wins', () => {
    assert.equal(post('redacted').updatedMCPToolOutput, 'redacted');
    const pre = interpretHandlerRun(run('PreToolUse', { stdout: json({ hookSpecificOutput: { updatedMCPToolOutput: 'x' } }) }));
    assert.equal(pre.updatedMCPToolOutput, undefined);
    assert.equal(combineVerdicts([interpretHandlerRun(run('PostToolUse')), post('first'), post('second')]).updatedMCPToolOutput, 'first');
    assert.equal(combineVerdicts([interpretHandlerRun(run('PostToolUse'))]).updatedMCPToolOutput, undefined);
  });
});
