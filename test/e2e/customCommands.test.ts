// End-to-end: custom commands (`.claude/commands/*.md`) and skills (`.claude/skills/*/SKILL.md`) in
// print mode, with the built CLI against the scripted model server, once per provider protocol.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startModelServer, type ModelServer } from '../support/modelServer.js';
import { reply, text, toolUse } from '../support/script.js';
import { jsonResult, makeWorkspace, runWright, streamEvents, toolResultsIn, type Provider } from './harness.js';

/** Every message of a request as one JSON string (either protocol), to search for what was sent. */
const sent = (body: any): string => JSON.stringify(body.messages);
/** A string as it appears inside JSON text. */
const asJson = (value: string): string => JSON.stringify(value).slice(1, -1);

const REVIEW = '---\ndescription: Review a file with care\nargument-hint: [file]\n---\nReview $ARGUMENTS for bugs. The file:\n@$ARGUMENTS\n';
const SHIP = '---\ndescription: Ship it\nallowed-tools: Bash(touch shipped.txt)\n---\nCreate shipped.txt.\n';

for (const provider of ['anthropic', 'openai'] as Provider[]) {
  describe(`custom commands and skills in print mode over the ${provider} protocol`, () => {
    let server: ModelServer;
    before(async () => (server = await startModelServer()));
    after(() => server.close());

    test('/review src/a.ts sends the command with $ARGUMENTS expanded and the file attached', async () => {
      const workspace = makeWorkspace({ '.claude/commands/review.md': REVIEW, 'src/a.ts': 'export const answer = 41;\n' });
      const first = server.requests.length;
      server.push(reply([text('Looks fine.')]));
      const run = await runWright(['-p', '/review src/a.ts', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(jsonResult(run).result, 'Looks fine.');
      const requests = server.requests.slice(first);
      assert.equal(requests.length, 1);
      const messages = sent(requests[0]!.body);
      assert.ok(messages.includes(asJson('<command-message>review is running…</command-message>\n<command-name>/review</command-name>\n<command-args>src/a.ts</command-args>')), messages);
      assert.ok(messages.includes(asJson('Review src/a.ts for bugs. The file:\n@src/a.ts')), messages);
      assert.ok(messages.includes(asJson('<file path="src/a.ts">\nexport const answer = 41;\n')), messages);
      assert.doesNotMatch(messages, /\$ARGUMENTS/);
    });

    test('allowed-tools lets the command’s Bash call through, for that turn only', async () => {
      const workspace = makeWorkspace({ '.claude/commands/ship.md': SHIP });
      const marker = join(workspace.repo, 'shipped.txt');
      // Without the command the same call is refused: print mode cannot ask.
      server.push(reply([toolUse('Bash', { command: 'touch shipped.txt' })]), reply([text('Could not.')]));
      const plain = jsonResult(await runWright(['-p', 'create shipped.txt', '--output-format', 'json'], { workspace, server, provider }));
      assert.equal(plain.permission_denials.length, 1);
      assert.equal(existsSync(marker), false);

      const first = server.requests.length;
      server.push(reply([toolUse('Bash', { command: 'touch shipped.txt' })]), reply([text('Shipped.')]));
      const run = await runWright(['-p', '/ship', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      const result = jsonResult(run);
      assert.deepEqual(result.permission_denials, []);
      assert.equal(result.result, 'Shipped.');
      assert.equal(existsSync(marker), true);
      assert.doesNotMatch(toolResultsIn(server.requests[first + 1]!.body)[0]!, /denied/);
    });

    test('!`cmd` output is inlined when the rules allow it; a refused one stops the command before any request', async () => {
      const workspace = makeWorkspace({
        '.claude/commands/status.md': 'Branch: !`git branch --show-current`\nSummarise.\n',
        '.claude/commands/bump.md': 'Bumped: !`touch bumped.txt`\n',
      });
      const first = server.requests.length;
      server.push(reply([text('On main.')]));
      const ok = await runWright(['-p', '/status'], { workspace, server, provider });
      assert.equal(ok.code, 0, ok.stderr);
      assert.ok(sent(server.requests[first]!.body).includes(asJson('Branch: main\nSummarise.')));

      const refused = await runWright(['-p', '/bump', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(refused.code, 1);
      const result = jsonResult(refused);
      assert.equal(result.is_error, true);
      assert.match(result.errors[0], /^\/bump: the command `touch bumped\.txt` was not run: .*nobody can approve it in print mode/s);
      assert.equal(server.requests.length, first + 1);
      assert.equal(existsSync(join(workspace.repo, 'bumped.txt')), false);

      const plain = await runWright(['-p', '/bump'], { workspace, server, provider });
      assert.equal(plain.code, 1);
      assert.match(plain.stderr, /wright: \/bump: the command `touch bumped\.txt` was not run/);
    });

    test('a skill is listed in the first request and loaded with the Skill tool; an invalid one is a warning', async () => {
      const workspace = makeWorkspace({
        '.claude/skills/x/SKILL.md': '---\nname: x\ndescription: Explains the x format. Use when x files come up.\n---\nX files are YAML. See reference.md for details.\n',
        '.claude/skills/x/reference.md': 'details\n',
        '.claude/skills/broken/SKILL.md': '---\nname: Broken Skill\ndescription: nope\n---\nbody\n',
      });
      const first = server.requests.length;
      server.push(reply([toolUse('Skill', { skill: 'x' })]), reply([text('X files are YAML.')]));
      const run = await runWright(['-p', 'what is an x file?', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, /wright: warning: Skipped skill .*\.claude\/skills\/broken\/SKILL\.md: name "Broken Skill" must be lowercase/);
      const result = jsonResult(run);
      assert.deepEqual(result.permission_denials, []);
      const [listed, loaded] = server.requests.slice(first);
      const firstMessages = sent(listed!.body);
      assert.ok(firstMessages.includes('- x: Explains the x format. Use when x files come up.'), firstMessages);
      assert.doesNotMatch(firstMessages, /X files are YAML|Broken/);
      const tools = (listed!.body.tools as any[]).map((tool) => tool.name ?? tool.function?.name);
      assert.equal(tools.at(-1), 'Skill');
      const [skillResult] = toolResultsIn(loaded!.body);
      assert.match(skillResult!, /^Base directory for this skill: .*\/\.claude\/skills\/x\n\nX files are YAML\. See reference\.md for details\./);

      // The user can run it too, as /x.
      const before = server.requests.length;
      server.push(reply([text('Done.')]));
      const direct = await runWright(['-p', '/x explain a.x'], { workspace, server, provider });
      assert.equal(direct.code, 0, direct.stderr);
      const directMessages = sent(server.requests[before]!.body);
      assert.ok(directMessages.includes(asJson('<command-name>/x</command-name>\n<command-args>explain a.x</command-args>\n\nBase directory for this skill: ')), directMessages);
      assert.ok(directMessages.includes(asJson('X files are YAML. See reference.md for details.\n\nARGUMENTS: explain a.x')), directMessages);
    });

    test('a skill that pre-approves tools needs approval to load, then its rules hold for the rest of the turn', async () => {
      const workspace = makeWorkspace({ '.claude/skills/maker/SKILL.md': '---\nname: maker\ndescription: Makes files\nallowed-tools: Bash(touch made.txt)\n---\nRun touch made.txt.\n' });
      const marker = join(workspace.repo, 'made.txt');
      server.push(reply([toolUse('Skill', { skill: 'maker' })]), reply([text('Not allowed to load it.')]));
      const refused = jsonResult(await runWright(['-p', 'make it', '--output-format', 'json'], { workspace, server, provider }));
      assert.deepEqual(refused.permission_denials.map((denial: any) => denial.tool_name), ['Skill']);

      server.push(reply([toolUse('Skill', { skill: 'maker' })]), reply([toolUse('Bash', { command: 'touch made.txt' })]), reply([text('Made.')]));
      const run = await runWright(['-p', 'make it', '--output-format', 'json', '--allowedTools', 'Skill(maker)'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(jsonResult(run).permission_denials, []);
      assert.equal(existsSync(marker), true);
    });
  });
}

describe('a command’s model and allowed-tools hold for its own turn only', () => {
  let server: ModelServer;
  before(async () => (server = await startModelServer()));
  after(() => server.close());

  test('the next turn of the session uses the session model and asks again', async () => {
    const workspace = makeWorkspace({ '.claude/commands/quick.md': '---\nmodel: haiku\nallowed-tools: Bash(touch one.txt) Bash(touch two.txt)\n---\nCreate one.txt.\n' });
    const first = server.requests.length;
    server.push(
      reply([toolUse('Bash', { command: 'touch one.txt' })]),
      reply([text('Made one.')]),
      reply([toolUse('Bash', { command: 'touch two.txt' })]),
      reply([text('Could not make two.')]),
    );
    const lines = ['/quick', 'now create two.txt'].map((content) => JSON.stringify({ type: 'user', message: { role: 'user', content } })).join('\n');
    const run = await runWright(['-p', '--input-format', 'stream-json', '--output-format', 'stream-json', '--verbose', '--model', 'sonnet'], { workspace, server, stdin: `${lines}\n` });
    assert.equal(run.code, 0, run.stderr);
    const init = streamEvents(run).find((event) => event.type === 'system' && event.subtype === 'init');
    assert.deepEqual(init.slash_commands, ['compact', 'context', 'quick'], 'the init event names the commands print mode runs');
    const models = server.requests.slice(first).map((request) => request.body.model);
    assert.deepEqual(models, ['claude-haiku-5-5', 'claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-sonnet-5-5']);
    assert.equal(existsSync(join(workspace.repo, 'one.txt')), true);
    assert.equal(existsSync(join(workspace.repo, 'two.txt')), false);
  });
});

describe('definitions from --add-dir directories', () => {
  let server: ModelServer;
  before(async () => (server = await startModelServer()));
  after(() => server.close());

  test('a command in an --add-dir directory runs; the same directory from settings additionalDirectories brings only file access', async () => {
    const workspace = makeWorkspace();
    const shared = join(workspace.repo, '..', 'shared');
    mkdirSync(join(shared, '.claude', 'commands'), { recursive: true });
    writeFileSync(join(shared, '.claude', 'commands', 'deploy.md'), '---\ndescription: Deploy the shared service\n---\nDeploy the shared service (marker 2be4).\n');
    const first = server.requests.length;
    server.push(reply([text('Deploying.')]));
    const run = await runWright(['-p', '/deploy', '--add-dir', '../shared', '--output-format', 'json'], { workspace, server });
    assert.equal(run.code, 0, run.stderr);
    assert.match(sent(server.requests[first]!.body), /marker 2be4/);

    const before = server.requests.length;
    server.push(reply([text('No such command was expanded.')]));
    const settings = JSON.stringify({ permissions: { additionalDirectories: [shared] } });
    const plain = await runWright(['-p', '/deploy', '--settings', settings, '--output-format', 'json'], { workspace, server });
    assert.equal(plain.code, 0, plain.stderr);
    // Not a command here: the text goes to the model as typed.
    const asTyped = sent(server.requests[before]!.body);
    assert.match(asTyped, /\/deploy/);
    assert.doesNotMatch(asTyped, /marker 2be4/);
  });
});
