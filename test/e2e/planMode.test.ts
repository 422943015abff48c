// End-to-end: in plan mode nothing that mutates runs, whatever the model asks and whatever the
// allow rules say; read-only exploration still works.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startModelServer, type ModelServer } from '../support/modelServer.js';
import { reply, text, toolUse } from '../support/script.js';
import { jsonResult, makeWorkspace, runWright, toolResultsIn, type Provider } from './harness.js';

const NOTEBOOK = JSON.stringify({
  cells: [{ cell_type: 'code', id: 'c1', metadata: {}, execution_count: null, outputs: [], source: ['print(1)'] }],
  metadata: {},
  nbformat: 4,
  nbformat_minor: 5,
});

const REPO = { 'src/app.js': 'export const answer = 41;\n', 'notes.ipynb': NOTEBOOK, 'README.md': '# demo\n' };

/** Every way we know for a model to try to change something, one tool call each. */
function mutatingCalls(repo: string) {
  const app = join(repo, 'src/app.js');
  return [
    toolUse('Write', { file_path: join(repo, 'new.txt'), content: 'x' }),
    toolUse('Edit', { file_path: app, old_string: '41', new_string: '42' }),
    toolUse('MultiEdit', { file_path: app, edits: [{ old_string: '41', new_string: '42' }] }),
    toolUse('NotebookEdit', { notebook_path: join(repo, 'notes.ipynb'), cell_id: 'c1', new_source: 'print(2)' }),
    toolUse('Bash', { command: 'touch created-by-bash' }),
    toolUse('Bash', { command: 'echo hacked > README.md' }),
    toolUse('Bash', { command: 'ls && rm README.md' }),
    toolUse('Bash', { command: 'git status; git commit --allow-empty -m sneaky' }),
    toolUse('Bash', { command: "sed -i 's/41/42/' src/app.js" }),
    toolUse('Bash', { command: 'cat README.md | tee copy.md' }),
    toolUse('Bash', { command: 'find . -name "*.md" -delete' }),
    toolUse('Bash', { command: 'echo $(touch via-substitution)' }),
    toolUse('Bash', { command: 'bash -c "touch via-bash-c"' }),
    toolUse('Bash', { command: 'touch in-background', run_in_background: true }),
    toolUse('Bash', { command: 'node -e "require(\'fs\').writeFileSync(\'via-node\', \'x\')"' }),
    toolUse('Bash', { command: 'git checkout -b sneaky-branch' }),
  ];
}

const gitStatus = (repo: string) => execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: repo, encoding: 'utf8' });
const gitHead = (repo: string) => execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' });
const branches = (repo: string) => execFileSync('git', ['branch', '--list'], { cwd: repo, encoding: 'utf8' });

for (const provider of ['anthropic', 'openai'] as Provider[]) {
  describe(`plan mode over the ${provider} protocol`, () => {
    let server: ModelServer;
    before(async () => (server = await startModelServer()));
    after(() => server.close());

    test('no mutating call runs, even with every tool allowed; reads still work', async () => {
      const workspace = makeWorkspace(REPO);
      const head = gitHead(workspace.repo);
      const calls = mutatingCalls(workspace.repo);
      const first = server.requests.length;
      server.push(
        reply([
          toolUse('Read', { file_path: join(workspace.repo, 'src/app.js') }),
          toolUse('Grep', { pattern: 'answer', path: workspace.repo }),
          toolUse('Bash', { command: 'git log --oneline -n 1' }),
        ]),
        reply(calls),
        reply([text('I could not change anything.')]),
      );
      const allowEverything = ['Bash', 'Write', 'Edit', 'MultiEdit', 'NotebookEdit'].join(',');
      const run = await runWright(
        ['-p', 'change everything', '--output-format', 'json', '--permission-mode', 'plan', '--allowedTools', allowEverything],
        { workspace, server, provider },
      );
      assert.equal(run.code, 0, run.stderr);

      const reads = toolResultsIn(server.requests[first + 1]!.body);
      assert.match(reads[0]!, /answer = 41/);
      assert.match(reads[1]!, /app\.js/);
      assert.match(reads[2]!, /initial/);

      const results = toolResultsIn(server.requests[first + 2]!.body).slice(-calls.length);
      assert.equal(results.length, calls.length);
      for (const [index, result] of results.entries()) assert.match(result, /Plan mode never mutates/, `call ${index}: ${result}`);
      const denied = jsonResult(run).permission_denials as unknown[];
      assert.equal(denied.length, calls.length);

      assert.equal(gitStatus(workspace.repo), '');
      assert.equal(gitHead(workspace.repo), head);
      assert.doesNotMatch(branches(workspace.repo), /sneaky/);
      assert.equal(readFileSync(join(workspace.repo, 'src/app.js'), 'utf8'), REPO['src/app.js']);
    });
  });
}
