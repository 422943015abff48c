import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isToolRemovedByDenyRules, PIPELINE, toolsRemovedByDenyRules } from '../../src/permissions/evaluatePermission.js';
import { checkPermissionForCli } from '../../src/permissions/permissionCheckReport.js';
import { bash, makePolicy, makeTempDir, tool } from './policyFixture.js';

const cwd = makeTempDir();
mkdirSync(join(cwd, 'src'));
const file = join(cwd, 'src', 'a.ts');

describe('precedence: deny > guard > ask > protected > mode > sandbox > allow > defaults', () => {
  it('runs the stages in the documented order', () => {
    assert.deepEqual(PIPELINE.map((s) => s.name), ['deny rules', 'destructive guard', 'ask rules', 'auto memory', 'protected paths', 'mode', 'sandbox', 'allow rules', 'defaults']);
  });

  it('a broad deny beats a specific allow', () => {
    const policy = makePolicy({ cwd, deny: ['Bash(git *)'], allow: ['Bash(git status)'] });
    const decision = bash('git status', policy);
    assert.equal(decision.behavior, 'deny');
    assert.equal(decision.rule, 'Bash(git *)');
  });
  it('a broad ask beats a specific allow', () => {
    const decision = bash('git push origin main', makePolicy({ cwd, ask: ['Bash(git push *)'], allow: ['Bash(git push origin main)'] }));
    assert.equal(decision.behavior, 'ask');
    assert.equal(decision.rule, 'Bash(git push *)');
  });
  it('deny beats ask', () => {
    const decision = bash('git push', makePolicy({ cwd, ask: ['Bash(git push)'], deny: ['Bash(git push)'] }));
    assert.equal(decision.behavior, 'deny');
  });
  it('ask rules hold even in bypassPermissions mode', () => {
    assert.equal(bash('git push', makePolicy({ cwd, mode: 'bypassPermissions', ask: ['Bash(git push)'] })).behavior, 'ask');
  });
  it('deny rules hold even in bypassPermissions mode', () => {
    assert.equal(tool('Edit', { file_path: file }, makePolicy({ cwd, mode: 'bypassPermissions', deny: ['Edit'] })).behavior, 'deny');
  });
  it('a deny on a path beats an allow on the whole tool', () => {
    const decision = tool('Read', { file_path: join(cwd, '.env') }, makePolicy({ cwd, deny: ['Read(.env)'], allow: ['Read'] }));
    assert.equal(decision.behavior, 'deny');
    assert.equal(decision.rule, 'Read(.env)');
  });
  it('reports the deciding rule and where it came from', () => {
    const decision = bash('rm x', makePolicy({ cwd, deny: ['Bash(rm *)'] }));
    assert.equal(decision.rule, 'Bash(rm *)');
    assert.equal(decision.ruleSource, 'test-settings.json');
    assert.match(decision.reason, /denied by the deny rule `Bash\(rm \*\)` from test-settings\.json/);
  });
});

describe("the session's scratch directories", () => {
  const scratch = '/tmp/wright-session-abc';
  const withScratch = (extra: Partial<Parameters<typeof makePolicy>[0]> = {}) => ({ ...makePolicy({ cwd, ...extra }), scratchDirectories: [scratch] });
  it('may be read by read-only tools without asking', () => {
    assert.equal(tool('Read', { file_path: `${scratch}/bash-output-1.txt` }, withScratch(), true).behavior, 'allow');
    assert.equal(tool('Grep', { pattern: 'x', path: scratch }, withScratch(), true).behavior, 'allow');
  });
  it('are not writable, not a way around deny rules, and not their siblings', () => {
    assert.equal(tool('Write', { file_path: `${scratch}/bash-output-1.txt` }, withScratch()).behavior, 'ask');
    assert.equal(tool('Read', { file_path: `${scratch}/x` }, withScratch({ deny: ['Read(//tmp/**)'] }), true).behavior, 'deny');
    assert.equal(tool('Read', { file_path: '/tmp/wright-session-abcd/x' }, withScratch(), true).behavior, 'ask');
  });
});

describe('modes', () => {
  it('default: reads inside are allowed; edits and unknown tools ask', () => {
    const policy = makePolicy({ cwd });
    assert.equal(tool('Read', { file_path: file }, policy, true).behavior, 'allow');
    assert.equal(tool('Edit', { file_path: file }, policy).behavior, 'ask');
    assert.equal(tool('WebFetch', { url: 'https://example.com' }, policy, true).behavior, 'ask');
    assert.equal(tool('SomethingNew', {}, policy, true).behavior, 'ask');
    assert.equal(tool('TodoWrite', { todos: [] }, policy, true).behavior, 'allow');
    assert.match(tool('Edit', { file_path: file }, policy).reason, /acceptEdits|allow rule/);
  });

  it('bypassPermissions allows everything no rule stops', () => {
    const policy = makePolicy({ cwd, mode: 'bypassPermissions' });
    for (const decision of [bash('rm -rf build', policy), tool('Write', { file_path: '/etc/x' }, policy), tool('Mystery', {}, policy)]) {
      assert.equal(decision.behavior, 'allow');
    }
  });

  describe('plan', () => {
    const policy = makePolicy({ cwd, mode: 'plan', allow: ['Bash', 'Edit'] });
    it('denies every call that is not read-only, even when allow rules match', () => {
      for (const decision of [
        tool('Edit', { file_path: file }, policy),
        tool('Write', { file_path: file }, policy, true),
        bash('npm install', policy, false),
        bash('rm x', policy, true),
        bash('echo hi > x', policy, true),
        bash('echo $(date)', policy, true),
        tool('Mystery', {}, policy, false),
      ]) {
        assert.equal(decision.behavior, 'deny');
        assert.match(decision.reason, /plan mode never mutates/i);
      }
    });
    it('lets read-only calls continue through the pipeline', () => {
      const plain = makePolicy({ cwd, mode: 'plan' });
      assert.equal(tool('Read', { file_path: file }, plain, true).behavior, 'allow');
      assert.equal(bash('git log -n 3', plain).behavior, 'allow');
      assert.equal(tool('Read', { file_path: '/etc/hosts' }, plain, true).behavior, 'ask');
      assert.equal(tool('WebFetch', { url: 'https://x.dev' }, plain, true).behavior, 'ask');
    });
    it('lets the session tools run: they touch only the session (its shells, todos, the user)', () => {
      for (const name of ['TodoWrite', 'BashOutput', 'KillShell', 'AskUserQuestion']) {
        assert.equal(tool(name, {}, plain(), name !== 'KillShell').behavior, 'allow', name);
      }
      assert.equal(tool('KillShell', { shell_id: 'b1' }, makePolicy({ cwd, mode: 'plan', deny: ['KillShell'] })).behavior, 'deny');
    });
    it('leaves plan mode only through an approved ExitPlanMode: it always asks unless allowed', () => {
      assert.equal(tool('ExitPlanMode', { plan: 'p' }, plain(), true).behavior, 'ask');
      assert.equal(tool('ExitPlanMode', { plan: 'p' }, makePolicy({ cwd, mode: 'plan', allow: ['ExitPlanMode'] }), true).behavior, 'allow');
    });
    it('asks the Bash tool and the analysis to agree a command is read-only', () => {
      assert.equal(bash('ls', plain(), false).behavior, 'deny');
    });
    function plain() {
      return makePolicy({ cwd, mode: 'plan' });
    }
  });

  describe('acceptEdits', () => {
    const outside = makeTempDir('wright-outside-');
    const policy = makePolicy({ cwd, mode: 'acceptEdits' });
    it('allows file edits inside the working directories', () => {
      for (const [name, key] of [['Edit', 'file_path'], ['Write', 'file_path'], ['MultiEdit', 'file_path'], ['NotebookEdit', 'notebook_path']] as const) {
        assert.equal(tool(name, { [key]: file }, policy).behavior, 'allow', name);
      }
    });
    it('asks for edits outside them or in protected places', () => {
      assert.equal(tool('Write', { file_path: join(outside, 'x') }, policy).behavior, 'ask');
      assert.equal(tool('Write', { file_path: `${cwd}/../x` }, policy).behavior, 'ask');
      assert.equal(tool('Write', { file_path: join(cwd, '.git', 'hooks', 'pre-commit') }, policy).behavior, 'ask');
      assert.equal(tool('Edit', { file_path: join(cwd, '.wright', 'settings.json') }, policy).behavior, 'ask');
      assert.equal(tool('Edit', { file_path: join(cwd, '.bashrc') }, policy).behavior, 'ask');
    });
    const allowedCommands = [
      'mkdir -p build/out', 'touch src/new.ts', 'rm -rf build', 'rm src/*.log', 'rmdir build', 'mv src/a.ts src/b.ts',
      'cp -r src dist', 'cp a b && mv b c', "sed -i 's/foo/bar/g' src/a.ts", "sed -n '1,5p' src/a.ts",
      'mkdir x && cd x && touch y', 'ls && mkdir z', 'echo hi > notes.txt', 'cp -t dist a b',
    ];
    for (const command of allowedCommands) {
      it(`allows ${command}`, () => assert.equal(bash(command, policy).behavior, 'allow', bash(command, policy).reason));
    }
    const askedCommands = [
      'rm -rf /', `rm -rf ${outside}`, 'rm -rf .', 'rm -rf ..', `rm -rf ${cwd}`, 'rm -rf ~', 'rm -rf $HOME', 'mv src ../src',
      `cp src/a.ts ${outside}`, `cp -t ${outside} a`, `cp --target-directory=${outside} a`, 'rm -rf .git', 'rm -rf .*',
      'touch .git/hooks/pre-commit', 'rm --no-preserve-root -rf x', 'mkdir x && npm install', 'cd /tmp && rm x',
      "sed -i 's/a/b/e' f", "sed -i '1e id' f", "sed -i 's/a/b/w /etc/x' f", 'sed -f script.sed f', "sed -i 'w out' f",
      'rm $(cat list)', 'rm -rf "$DIR"', `echo hi > ${outside}/x`, 'chmod +x run.sh', 'cd $X && rm y',
    ];
    for (const command of askedCommands) {
      it(`asks for ${command}`, () => assert.equal(bash(command, policy).behavior, 'ask'));
    }
  });
});

describe('other tools and rule forms', () => {
  it('matches WebFetch domains exactly or by subdomain wildcard', () => {
    const policy = makePolicy({ cwd, allow: ['WebFetch(domain:example.com)', 'WebFetch(domain:*.docs.dev)'] });
    const fetch = (url: string) => tool('WebFetch', { url, prompt: 'x' }, policy, true).behavior;
    assert.equal(fetch('https://example.com/a'), 'allow');
    assert.equal(fetch('https://EXAMPLE.com./a'), 'allow');
    assert.equal(fetch('https://evil-example.com/'), 'ask');
    assert.equal(fetch('https://example.com.evil.io/'), 'ask');
    assert.equal(fetch('https://api.docs.dev/'), 'allow');
    assert.equal(fetch('https://docs.dev/'), 'ask');
    assert.equal(fetch('not a url'), 'ask');
  });
  it('covers MCP servers and tools, with literal server prefixes for allow', () => {
    const policy = makePolicy({ cwd, allow: ['mcp__github', 'mcp__*'], deny: ['mcp__shell__*'] });
    assert.equal(tool('mcp__github__create_issue', {}, policy).behavior, 'allow');
    assert.equal(tool('mcp__githubx__create_issue', {}, policy).behavior, 'ask');
    assert.equal(tool('mcp__other__x', {}, policy).behavior, 'ask');
    assert.equal(tool('mcp__shell__run', {}, policy).behavior, 'deny');
  });
  it('treats Task and Agent as one tool and matches the subagent type', () => {
    const policy = makePolicy({ cwd, allow: ['Task(Explore)'], deny: ['Agent(general-purpose)'] });
    assert.equal(tool('Agent', { subagent_type: 'Explore' }, policy).behavior, 'allow');
    assert.equal(tool('Task', { subagent_type: 'general-purpose' }, policy).behavior, 'deny');
  });
  it('supports param:value specifiers on other tools', () => {
    const policy = makePolicy({ cwd, deny: ['mcp__db__query(database:prod*)'] });
    assert.equal(tool('mcp__db__query', { database: 'production' }, policy).behavior, 'deny');
    assert.equal(tool('mcp__db__query', { database: 'staging' }, policy).behavior, 'ask');
  });
  it('asks for a Bash call without a command', () => {
    assert.equal(tool('Bash', {}, makePolicy({ cwd }), true).behavior, 'ask');
    assert.equal(tool('Bash', { command: '   ' }, makePolicy({ cwd }), true).behavior, 'ask');
  });
});

describe('toolsRemovedByDenyRules', () => {
  it('removes tools named by bare deny rules only', () => {
    const policy = makePolicy({ cwd, deny: ['Bash', 'WebFetch(domain:x.com)', 'Read(./secret)', 'Task'] });
    const removed = toolsRemovedByDenyRules(policy.rules);
    assert.ok(removed.has('Bash'));
    assert.ok(removed.has('Task') && removed.has('Agent'));
    assert.ok(!removed.has('WebFetch'));
    assert.ok(!removed.has('Read'));
  });
  it('answers per tool for server-wide and wildcard names', () => {
    const policy = makePolicy({ cwd, deny: ['mcp__github', 'mcp__db__*', 'Task'] });
    assert.equal(isToolRemovedByDenyRules('mcp__github__create_issue', policy.rules), true);
    assert.equal(isToolRemovedByDenyRules('mcp__db__query', policy.rules), true);
    assert.equal(isToolRemovedByDenyRules('mcp__other__x', policy.rules), false);
    assert.equal(isToolRemovedByDenyRules('Agent', policy.rules), true);
    assert.equal(isToolRemovedByDenyRules('Read', policy.rules), false);
  });
});

describe('checkPermissionForCli', () => {
  it('returns the JSON the CLI prints', () => {
    const policy = makePolicy({ cwd, deny: ['Bash(rm *)'] });
    const report = checkPermissionForCli({ toolName: 'Bash', input: { command: 'rm -rf x' }, isReadOnly: false }, policy);
    assert.deepEqual(JSON.parse(JSON.stringify(report)), {
      behavior: 'deny',
      reason: report.reason,
      rule: 'Bash(rm *)',
      ruleSource: 'test-settings.json',
      mode: 'default',
      stage: 'deny rules',
      subcommand: 'rm -rf x',
    });
    const allowed = checkPermissionForCli({ toolName: 'Read', input: { file_path: file }, isReadOnly: true }, policy);
    assert.equal(allowed.behavior, 'allow');
    assert.equal(allowed.rule, null);
    assert.ok(!('ruleSource' in allowed));
  });
});

describe('unknown tools follow rules, then ask', () => {
  for (const mode of ['default', 'acceptEdits'] as const) {
    it(`[${mode}] deny, ask and allow rules apply; otherwise ask`, () => {
      const policy = makePolicy({ cwd, mode, allow: ['Frobnicate'], deny: ['Explode'], ask: ['Ponder'] });
      assert.equal(tool('Frobnicate', {}, policy).behavior, 'allow');
      assert.equal(tool('Explode', {}, policy).behavior, 'deny');
      assert.equal(tool('Ponder', {}, policy).behavior, 'ask');
      const unknown = tool('Whatever', { file_path: file }, policy, true);
      assert.equal(unknown.behavior, 'ask');
      assert.match(unknown.reason, /Whatever.*allow rule such as `Whatever`/);
    });
  }
});
