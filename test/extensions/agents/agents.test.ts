import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatAgentListing, loadAgentRegistry } from '../../../src/extensions/agents/agentRegistry.js';
import { AgentsFlagError, parseAgentsFlag } from '../../../src/extensions/agents/sessionAgents.js';
import { agentFromFields } from '../../../src/extensions/agents/agentDefinition.js';
import { join } from 'node:path';
import { extensionRootsWith } from '../extensionRootsWith.js';

const roots = extensionRootsWith;

const agent = (name: string, extra = '', body = 'You review code.') => `---\nname: ${name}\ndescription: Reviews code\n${extra}---\n${body}\n`;
const TOOLS = ['Read', 'Grep', 'Glob', 'Bash', 'Edit'];

test('a definition file gives name, description, tools (comma list or list), model and prompt', () => {
  const r = roots({
    'repo/.wright/agents/reviewer.md': agent('code-reviewer', 'tools: Read, Grep\nmodel: opus\n'),
    'repo/.claude/agents/deep/nested/tester.md': agent('test-runner', 'tools:\n  - Bash\n  - Read\n', 'Run tests.'),
    'home/.wright/agents/all.md': agent('helper'),
  });
  const { registry, warnings } = loadAgentRegistry({ roots: r, toolNames: TOOLS });
  assert.deepEqual(warnings, []);
  const reviewer = registry.get('code-reviewer')!;
  assert.deepEqual(reviewer.tools, ['Read', 'Grep']);
  assert.equal(reviewer.model, 'opus');
  assert.equal(reviewer.prompt, 'You review code.');
  assert.equal(reviewer.source, 'project');
  assert.deepEqual(registry.get('test-runner')!.tools, ['Bash', 'Read']);
  const helper = registry.get('helper')!;
  assert.equal(helper.tools, undefined);
  assert.equal(helper.model, undefined);
  assert.equal(helper.source, 'user');
});

test('invalid definitions are skipped with a warning naming the file and the problem', () => {
  const r = roots({
    'repo/.wright/agents/a.md': agent('Code_Reviewer'),
    'repo/.wright/agents/b.md': agent('plugin:reviewer'),
    'repo/.wright/agents/c.md': '---\nname: no-description\n---\nBody.\n',
    'repo/.wright/agents/d.md': agent('bad-model', 'model: gpt 4\n'),
    'repo/.wright/agents/e.md': agent('empty-body', '', ''),
    'repo/.wright/agents/f.md': 'Just text, no front matter.\n',
    'repo/.wright/agents/ok.md': agent('fine'),
  });
  const { registry, warnings } = loadAgentRegistry({ roots: r, toolNames: TOOLS });
  assert.deepEqual(registry.all().map((a) => a.name), ['fine']);
  assert.equal(warnings.length, 6);
  assert.match(warnings[0]!, /^Skipped agent .*a\.md: name "Code_Reviewer" must be lowercase/);
  assert.match(warnings[1]!, /b\.md: name "plugin:reviewer" must not contain ':'/);
  assert.match(warnings[2]!, /c\.md: it has no `description`/);
  assert.match(warnings[3]!, /d\.md: model "gpt 4" must be sonnet, opus, haiku, inherit or a full model id/);
  assert.match(warnings[4]!, /e\.md: it has no system prompt/);
  assert.match(warnings[5]!, /f\.md: it has no `name`/);
});

test('full model ids and inherit are accepted', () => {
  for (const model of ['inherit', 'sonnet', 'claude-sonnet-4-5-20250929', 'gpt-4.1']) {
    const result = agentFromFields({ name: 'x', description: 'd', tools: undefined, model, prompt: 'p' }, 'user', 'f');
    assert.ok('agent' in result, model);
  }
});

test('unknown tool names warn and are dropped', () => {
  const r = roots({ 'repo/.wright/agents/a.md': agent('reviewer', 'tools: Read, Frobnicate\n') });
  const { registry, warnings } = loadAgentRegistry({ roots: r, toolNames: TOOLS });
  assert.deepEqual(registry.get('reviewer')!.tools, ['Read']);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /Agent "reviewer" \(.*a\.md\) lists unknown tool Frobnicate in `tools`; ignored/);
});

test('precedence: --agents over the project over the user; .wright over .claude', () => {
  const r = roots({
    'home/.claude/agents/x.md': agent('shared', '', 'user claude'),
    'home/.wright/agents/x.md': agent('shared', '', 'user wright'),
    'home/.claude/agents/u.md': agent('user-only', '', 'user claude'),
    'home/.wright/agents/u.md': agent('user-only', '', 'user wright'),
    'repo/.claude/agents/x.md': agent('shared', '', 'project claude'),
    'repo/.wright/agents/p.md': agent('project-only', '', 'project wright'),
    'repo/.claude/agents/p.md': agent('project-only', '', 'project claude'),
    'repo/.claude/agents/s.md': agent('session-one', '', 'project'),
  });
  const session = parseAgentsFlag(JSON.stringify({ 'session-one': { description: 'From the flag', prompt: 'flag prompt', tools: ['Read'], model: 'haiku' } }));
  const { registry } = loadAgentRegistry({ roots: r, toolNames: TOOLS, session });
  assert.equal(registry.get('shared')!.prompt, 'project claude');
  assert.equal(registry.get('user-only')!.prompt, 'user wright');
  assert.equal(registry.get('project-only')!.prompt, 'project wright');
  const flagged = registry.get('session-one')!;
  assert.equal(flagged.prompt, 'flag prompt');
  assert.equal(flagged.source, 'session');
  assert.equal(flagged.model, 'haiku');
  assert.deepEqual(flagged.tools, ['Read']);
  const listing = formatAgentListing(registry);
  assert.match(listing, /session-one \(session: --agents\)/);
  assert.match(listing, /shared \(project: .*repo\/\.claude\/agents\/x\.md\)/);
  assert.match(listing, /tools: all · model: default/);
});

test('--agents: malformed JSON is an error; a bad entry is a warning; tools may be a comma string', () => {
  assert.throws(() => parseAgentsFlag('{nope'), (error: unknown) => error instanceof AgentsFlagError && /not valid JSON/.test(error.message));
  assert.throws(() => parseAgentsFlag('[]'), AgentsFlagError);
  const parsed = parseAgentsFlag(JSON.stringify({ good: { description: 'd', prompt: 'p', tools: 'Read, Grep' }, 'Bad Name': { description: 'd', prompt: 'p' }, nodesc: { prompt: 'p' }, notobj: 'x' }));
  assert.deepEqual(parsed.agents.map((a) => a.name), ['good']);
  assert.deepEqual(parsed.agents[0]!.tools, ['Read', 'Grep']);
  assert.equal(parsed.warnings.length, 3);
  assert.match(parsed.warnings[0]!, /"Bad Name" from --agents: name "Bad Name" must be lowercase/);
  assert.match(parsed.warnings[1]!, /"nodesc" from --agents: it has no `description`/);
  assert.match(parsed.warnings[2]!, /"notobj" from --agents: expected an object/);
});

test('no agents: the listing says how to add one', () => {
  const { registry } = loadAgentRegistry({ roots: roots({}), toolNames: TOOLS });
  assert.match(formatAgentListing(registry), /^No agents defined/);
});

test('agents are also read from every folder between where wright started and the project root (nearest wins), and from --add-dir directories', () => {
  const r = roots({
    'repo/.claude/agents/a.md': agent('reviewer', '', 'Root reviewer.'),
    'repo/packages/web/.claude/agents/a.md': agent('reviewer', '', 'Web reviewer.'),
    'repo/packages/.wright/agents/b.md': agent('packager'),
    'repo/sibling/.wright/agents/c.md': agent('sibling-only'),
    'shared/.claude/agents/d.md': agent('shared-helper'),
  });
  const base = join(r.projectRoot, '..');
  const { registry, warnings } = loadAgentRegistry({
    roots: { ...r, cwd: join(r.projectRoot, 'packages', 'web'), addedDirectories: [join(base, 'shared')] },
    toolNames: TOOLS,
  });
  assert.equal(registry.get('reviewer')!.prompt, 'Web reviewer.');
  assert.ok(registry.get('packager'));
  assert.ok(registry.get('shared-helper'));
  assert.equal(registry.get('sibling-only'), undefined);
  assert.deepEqual(warnings, []);
});

test('the later fields are read from files and --agents; a wrong one is left out with a note and the agent still loads', () => {
  const r = roots({
    'repo/.wright/agents/a.md': agent(
      'planner',
      'disallowedTools: Bash, Edit\npermissionMode: plan\nmaxTurns: 12\nskills:\n  - pdf\nmemory: project\nbackground: true\neffort: high\nisolation: worktree\ncolor: cyan\ninitialPrompt: Start with the README\nmcpServers: [github]\n',
    ),
    'repo/.wright/agents/b.md': agent('sloppy', 'permissionMode: yolo\nmaxTurns: many\nisolation: container\nbackground: maybe\ndisallowedTools: Teleport, Bash\n'),
  });
  const session = parseAgentsFlag(JSON.stringify({ helper: { description: 'Helps', prompt: 'Help.', maxTurns: 3, permissionMode: 'acceptEdits', hooks: { Stop: [] }, effort: 'extreme' } }));
  const { registry, warnings } = loadAgentRegistry({ roots: r, toolNames: TOOLS, session });
  const planner = registry.get('planner')!;
  assert.deepEqual(
    { ...planner, prompt: undefined, origin: undefined },
    {
      name: 'planner',
      description: 'Reviews code',
      disallowedTools: ['Bash', 'Edit'],
      permissionMode: 'plan',
      maxTurns: 12,
      skills: ['pdf'],
      memory: 'project',
      background: true,
      effort: 'high',
      isolation: 'worktree',
      color: 'cyan',
      initialPrompt: 'Start with the README',
      mcpServers: ['github'],
      prompt: undefined,
      source: 'project',
      origin: undefined,
    },
  );
  const sloppy = registry.get('sloppy')!;
  assert.equal(sloppy.permissionMode, undefined);
  assert.equal(sloppy.maxTurns, undefined);
  assert.deepEqual(sloppy.disallowedTools, ['Bash']);
  const helper = registry.get('helper')!;
  assert.equal(helper.maxTurns, 3);
  assert.equal(helper.permissionMode, 'acceptEdits');
  assert.deepEqual(helper.hooks, { Stop: [] });
  assert.equal(helper.effort, undefined);
  for (const expected of [/b\.md: `permissionMode` must be one of default, acceptEdits, plan, bypassPermissions; ignored/, /`maxTurns` must be a whole number above 0/, /`isolation` must be "worktree"/, /`background` must be true or false/, /lists unknown tool Teleport in `disallowedTools`/, /Agent "helper" from --agents: `effort` must be one of low, medium, high/]) {
    assert.ok(warnings.some((warning) => expected.test(warning)), `${expected} in ${warnings.join('\n')}`);
  }
  assert.match(formatAgentListing(registry), /planner \(project: .*\)\n {4}Reviews code\n {4}tools: all · model: default · not: Bash, Edit · mode: plan · max turns: 12 · skills: pdf/);
});
