import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentEvent } from '../../../src/agent/events.js';
import { expandBody } from '../../../src/extensions/commands/expandInvocation.js';
import { extensionDirectories } from '../../../src/extensions/commands/extensionRoots.js';
import { InvocableRegistry } from '../../../src/extensions/commands/invocableRegistry.js';
import { TurnScopes } from '../../../src/extensions/commands/turnScopes.js';
import { loadSkills } from '../../../src/extensions/skills/skillFiles.js';
import { loadCommands } from '../../../src/extensions/commands/commandFiles.js';
import { skillListingReminder, withSkillListing } from '../../../src/extensions/skills/skillListing.js';
import { skillAwareCanUseTool } from '../../../src/extensions/skills/skillPermission.js';
import { createSkillTool } from '../../../src/extensions/skills/skillTool.js';
import type { CanUseTool } from '../../../src/agent/executeToolCall.js';
import { evaluatePermission } from '../../../src/permissions/evaluatePermission.js';
import { makeContext, textOf } from '../../tools/toolTestContext.js';
import { bash, makePolicy, makeTempDir } from '../../permissions/policyFixture.js';

function project() {
  const root = makeTempDir();
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('.claude/skills/release/SKILL.md', '---\nname: release\ndescription: Cut a release. Use when asked to ship.\nallowed-tools: Bash(make release)\n---\nRun make release, then read ./checklist.md. Version: $ARGUMENTS');
  write('.claude/skills/release/checklist.md', '- tag it\n');
  write('.claude/skills/notes/SKILL.md', '---\nname: notes\ndescription: Write release notes\n---\nWrite notes.');
  write('.claude/skills/secret/SKILL.md', '---\nname: secret\ndescription: Users only\ndisable-model-invocation: true\n---\nNo.');
  const registry = new InvocableRegistry(loadSkills(extensionDirectories({ configDir: join(root, 'none'), home: join(root, 'none'), projectRoot: root }, 'skills')).definitions);
  const policy = makePolicy({ cwd: root });
  const scopes = new TurnScopes(policy, root);
  const tool = createSkillTool({
    registry,
    scopes,
    expand: (definition, args, signal) => expandBody(definition, args, { cwd: root, signal, shell: { check: async () => ({ behavior: 'deny', reason: 'no' }), run: async () => ({ output: '', failed: true }) } }),
  });
  return { root, registry, policy, scopes, tool };
}

test('only names and descriptions are listed for the model, after the memory', () => {
  const { registry } = project();
  const listing = skillListingReminder(registry.modelInvocable())!;
  assert.match(listing, /^<system-reminder>\n.*Skill tool/s);
  assert.match(listing, /\n- notes: Write release notes\n- release: Cut a release\. Use when asked to ship\.\n<\/system-reminder>$/);
  assert.doesNotMatch(listing, /make release|secret/);
  assert.equal(withSkillListing('memory', listing), `memory\n\n${listing}`);
  assert.equal(withSkillListing(null, listing), listing);
  assert.equal(withSkillListing('memory', null), 'memory');
  assert.equal(skillListingReminder([]), null);
});

test('the Skill tool loads the body with its base directory and grants its allowed-tools for the turn', async () => {
  const { root, tool, policy, scopes } = project();
  let result;
  let during = '';
  async function* turn(): AsyncGenerator<AgentEvent> {
    result = await tool.run({ skill: 'release', args: '1.2.0' }, makeContext(root));
    during = bash('make release', policy, false).behavior;
  }
  for await (const _event of scopes.around(turn())) {
    // drain
  }
  const text = textOf(result!);
  assert.match(text, new RegExp(`^Base directory for this skill: ${join(root, '.claude/skills/release').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\n\nRun make release, then read \\./checklist\\.md\\. Version: 1\\.2\\.0`));
  assert.match(text, /Until this turn ends, these run without asking: Bash\(make release\)/);
  assert.equal(during, 'allow');
  assert.equal(bash('make release', policy, false).behavior, 'ask');
});

test('unknown and model-hidden skills are errors that list what is available', async () => {
  const { root, tool } = project();
  for (const skill of ['nope', 'secret']) {
    const result = await tool.run({ skill }, makeContext(root));
    assert.equal(result.isError, true);
    assert.equal(textOf(result), `Unknown skill "${skill}". Available: notes, release.`);
  }
});

test('loading a skill needs no approval unless it pre-approves tools; deny rules still apply', async () => {
  const { root, registry, tool } = project();
  const asked: string[] = [];
  // Print mode's gate: the rules decide, and what would need asking is refused.
  const printGate = (policy: ReturnType<typeof makePolicy>): CanUseTool => async (_tool, input) => {
    asked.push(String(input['skill']));
    const decision = evaluatePermission({ toolName: 'Skill', input, isReadOnly: true }, policy);
    return decision.behavior === 'ask' ? { behavior: 'deny', reason: 'nobody to ask' } : decision;
  };
  const context = { toolUseId: 't', signal: new AbortController().signal };
  const policy = makePolicy({ cwd: root });
  const gate = skillAwareCanUseTool(printGate(policy), policy, registry);
  assert.equal((await gate(tool, { skill: 'notes' }, context)).behavior, 'allow');
  assert.equal((await gate(tool, { skill: 'release' }, context)).behavior, 'deny');
  assert.deepEqual(asked, ['release']);
  const allowing = makePolicy({ cwd: root, allow: ['Skill(release)'] });
  assert.equal((await skillAwareCanUseTool(printGate(allowing), allowing, registry)(tool, { skill: 'release' }, context)).behavior, 'allow');
  const denying = makePolicy({ cwd: root, deny: ['Skill(notes)'] });
  const denied = skillAwareCanUseTool(printGate(denying), denying, registry);
  assert.equal((await denied(tool, { skill: 'notes' }, context)).behavior, 'deny');
});

test('a custom command with a description can be run by the model through the Skill tool, unless it opts out', async () => {
  const root = makeTempDir();
  mkdirSync(join(root, '.claude/commands'), { recursive: true });
  writeFileSync(join(root, '.claude/commands/changelog.md'), '---\ndescription: Update the changelog\nargument-hint: [version]\n---\nAdd an entry for $1.');
  writeFileSync(join(root, '.claude/commands/deploy.md'), '---\ndescription: Deploy\ndisable-model-invocation: true\n---\nDeploy.');
  writeFileSync(join(root, '.claude/commands/plain.md'), 'No description in front matter.');
  const registry = new InvocableRegistry(loadCommands(extensionDirectories({ configDir: join(root, 'none'), home: join(root, 'none'), projectRoot: root }, 'commands')).definitions);
  assert.deepEqual(registry.modelInvocable().map((definition) => definition.name), ['changelog']);
  assert.match(skillListingReminder(registry.modelInvocable())!, /- changelog: Update the changelog \(arguments: \[version\]\)/);
  const tool = createSkillTool({
    registry,
    scopes: new TurnScopes(makePolicy({ cwd: root }), root),
    expand: (definition, args, signal) => expandBody(definition, args, { cwd: root, signal, shell: { check: async () => ({ behavior: 'deny', reason: 'no' }), run: async () => ({ output: '', failed: true }) } }),
  });
  assert.equal(textOf(await tool.run({ skill: '/changelog', args: '2.0.0' }, makeContext(root))), 'Add an entry for 2.0.0.');
  assert.equal((await tool.run({ skill: 'deploy' }, makeContext(root))).isError, true);
});
