// End-to-end: Edit, MultiEdit, Write, Glob and Grep on awkward files and large trees, through the
// built CLI and the scripted model server. Each run batches many tool calls so the file stays fast.
import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import { chmodSync, chownSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startModelServer, type ModelServer } from '../support/modelServer.js';
import { reply, text, toolUse } from '../support/script.js';
import { CLI, cliEnv, finished, jsonResult, makeWorkspace, runWright, toolResultsIn, type Provider, type RunOptions, type RunResult, type Workspace } from './harness.js';

const latin1 = (value: string) => Buffer.from(value, 'latin1');

// These workspaces hold thousands of files and a 100 MB (sparse) one: remove them when done.
const workspaces: Workspace[] = [];
function workspaceWith(files: Record<string, string> = {}): Workspace {
  const workspace = makeWorkspace(files);
  workspaces.push(workspace);
  return workspace;
}
after(() => {
  for (const workspace of workspaces) rmSync(dirname(workspace.repo), { recursive: true, force: true });
});
const LONG_LINE_HALF = 300_000;

/** Runs wright as the unprivileged `nobody` when the tests run as root, who ignores file modes. */
function runAsUnprivileged(args: string[], options: RunOptions): Promise<RunResult> {
  if (process.getuid?.() !== 0) return runWright(args, options);
  const owned = (path: string): void => {
    chownSync(path, 65534, 65534);
    if (lstatSync(path).isDirectory()) for (const entry of readdirSync(path)) owned(join(path, entry));
  };
  owned(dirname(options.workspace.repo));
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.workspace.repo,
    env: cliEnv(options) as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    uid: 65534,
    gid: 65534,
  });
  return finished(child);
}

function writeFiles(workspace: Workspace, files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(workspace.repo, name)), { recursive: true });
    writeFileSync(join(workspace.repo, name), content);
  }
}

for (const provider of ['anthropic', 'openai'] as Provider[]) {
  describe(`tool robustness over the ${provider} protocol`, () => {
    let server: ModelServer;
    before(async () => (server = await startModelServer()));
    after(() => server.close());

    test('Edit, MultiEdit and Write on awkward files keep every byte they should and refuse clearly', async () => {
      const workspace = workspaceWith();
      const { repo, home } = workspace;
      writeFiles(workspace, {
        'crlf.txt': Buffer.from('\uFEFFone\r\ntwo\r\nthree', 'utf8'),
        'latin1.c': latin1('/* caf\xe9 cr\xe8me */\nint x = 1;\n'),
        'long.min.js': `${'a'.repeat(LONG_LINE_HALF)}OLD${'b'.repeat(LONG_LINE_HALF)}\n`,
        'blob.bin': Buffer.from([0x00, 0x01, 0x02, 0x41]),
        'huge.log': 'header\n',
        'my dir/ünï cödé.txt': 'hello\n',
        'target.txt': 'linked\n',
        'dollars.txt': 'A and A\n',
        'code.js': 'function add(a, b) {\n    return a - b;\n}\n',
      });
      truncateSync(join(repo, 'huge.log'), 100 * 1024 * 1024);
      symlinkSync(join(repo, 'target.txt'), join(repo, 'link.txt'));
      const path = (name: string) => join(repo, name);

      const first = server.requests.length;
      server.push(
        reply([
          toolUse('Read', { file_path: path('crlf.txt') }),
          toolUse('Read', { file_path: path('latin1.c') }),
          toolUse('Read', { file_path: path('long.min.js') }),
          toolUse('Read', { file_path: 'my dir/ünï cödé.txt' }),
          toolUse('Read', { file_path: path('link.txt') }),
          toolUse('Read', { file_path: path('dollars.txt') }),
          toolUse('Read', { file_path: path('code.js') }),
        ]),
        reply([
          toolUse('Edit', { file_path: path('crlf.txt'), old_string: 'three', new_string: 'THREE\nfour' }),
          toolUse('Edit', { file_path: path('latin1.c'), old_string: 'x = 1', new_string: 'x = 2' }),
          toolUse('Edit', { file_path: path('long.min.js'), old_string: 'OLD', new_string: 'NEW' }),
          toolUse('Edit', { file_path: path('blob.bin'), old_string: 'A', new_string: 'B' }),
          toolUse('Edit', { file_path: path('huge.log'), old_string: 'header', new_string: 'HEADER' }),
          toolUse('Edit', { file_path: 'my dir/ünï cödé.txt', old_string: 'hello', new_string: 'hi' }),
          toolUse('Edit', { file_path: path('link.txt'), old_string: 'linked', new_string: 'relinked' }),
          toolUse('Edit', { file_path: path('dollars.txt'), old_string: 'A', new_string: '$&$$', replace_all: true }),
          toolUse('MultiEdit', {
            file_path: path('code.js'),
            edits: [{ old_string: 'function add(a,b) {\n  return a-b;', new_string: 'function add(a, b) {\n    return a + b;' }],
          }),
          toolUse('Edit', { file_path: path('code.js'), old_string: 'return a + b;', new_string: 'return a - b;' }),
          toolUse('Write', { file_path: '~/notes/deep/todo.md', content: '- check edits\n' }),
        ]),
        reply([text('Done.')]),
      );
      const run = await runWright(
        ['-p', 'edit the files', '--output-format', 'json', '--permission-mode', 'acceptEdits', '--add-dir', home],
        { workspace, server, provider },
      );
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(jsonResult(run).permission_denials, []);
      assert.equal(server.requests.length - first, 3);

      const reads = toolResultsIn(server.requests[first + 1]!.body);
      assert.equal(reads.length, 7);
      for (const read of reads) assert.doesNotMatch(read, /error|not exist/i);

      const [crlf, invalid, long, binary, huge, unicode, link, dollars, miss, applied, write] = toolResultsIn(server.requests[first + 2]!.body).slice(-11);
      assert.match(crlf!, /has been updated/);
      assert.deepEqual(readFileSync(path('crlf.txt')), Buffer.from('\uFEFFone\r\ntwo\r\nTHREE\r\nfour', 'utf8'));
      assert.match(invalid!, /has been updated/);
      assert.deepEqual(readFileSync(path('latin1.c')), latin1('/* caf\xe9 cr\xe8me */\nint x = 2;\n'));
      assert.match(long!, /has been updated/);
      assert.ok(long!.length < 3000, `long-line result is ${long!.length} chars`);
      assert.equal(readFileSync(path('long.min.js'), 'utf8'), `${'a'.repeat(LONG_LINE_HALF)}NEW${'b'.repeat(LONG_LINE_HALF)}\n`);
      assert.match(binary!, /binary file/);
      assert.deepEqual(readFileSync(path('blob.bin')), Buffer.from([0x00, 0x01, 0x02, 0x41]));
      assert.match(huge!, /100\.0 MB, over the 50\.0 MB .*Bash/);
      assert.match(unicode!, /has been updated/);
      assert.equal(readFileSync(path('my dir/ünï cödé.txt'), 'utf8'), 'hi\n');
      assert.match(link!, /has been updated/);
      assert.equal(readFileSync(path('target.txt'), 'utf8'), 'relinked\n');
      assert.ok(lstatSync(path('link.txt')).isSymbolicLink());
      assert.match(dollars!, /2 occurrences replaced/);
      assert.equal(readFileSync(path('dollars.txt'), 'utf8'), '$&$$ and $&$$\n');
      assert.match(miss!, /Edit 1 of 1 failed: .*most similar text is at lines 1-2:\n {5}1\tfunction add\(a, b\) \{\n {5}2\t {4}return a - b;/s);
      assert.match(applied!, /new_string is already in the file at line 2.*applied already/);
      assert.equal(readFileSync(path('code.js'), 'utf8'), 'function add(a, b) {\n    return a - b;\n}\n');
      assert.match(write!, /File created/);
      assert.equal(readFileSync(join(home, 'notes', 'deep', 'todo.md'), 'utf8'), '- check edits\n');
    });

    test('an Edit after the file changed on disk is refused until it is Read again; a read-only file is refused plainly', async () => {
      const workspace = workspaceWith({ 'a.txt': 'v1\n', 'locked.txt': 'locked\n' });
      const aPath = join(workspace.repo, 'a.txt');
      const lockedPath = join(workspace.repo, 'locked.txt');
      chmodSync(lockedPath, 0o444);
      const change = 'echo changed-by-user > a.txt';
      const first = server.requests.length;
      server.push(
        reply([toolUse('Read', { file_path: aPath }), toolUse('Read', { file_path: lockedPath })]),
        reply([toolUse('Bash', { command: change })]),
        reply([
          toolUse('Edit', { file_path: aPath, old_string: 'v1', new_string: 'v3' }),
          toolUse('Edit', { file_path: lockedPath, old_string: 'locked', new_string: 'unlocked' }),
        ]),
        reply([toolUse('Read', { file_path: aPath })]),
        reply([toolUse('Edit', { file_path: aPath, old_string: 'changed-by-user', new_string: 'v3' })]),
        reply([text('Done.')]),
      );
      const run = await runAsUnprivileged(
        ['-p', 'edit', '--output-format', 'json', '--permission-mode', 'acceptEdits', '--allowedTools', `Bash(${change})`],
        { workspace, server, provider },
      );
      assert.equal(run.code, 0, run.stderr);
      assert.equal(server.requests.length - first, 6);
      const [stale, readOnly] = toolResultsIn(server.requests[first + 3]!.body).slice(-2);
      assert.match(stale!, /modified since read.*Read it again/);
      assert.match(readOnly!, /^(Error: )?Permission denied: cannot write .*locked\.txt.*read-only/);
      assert.doesNotMatch(readOnly!, /\n\s+at /);
      assert.equal(readFileSync(lockedPath, 'utf8'), 'locked\n');
      assert.match(toolResultsIn(server.requests[first + 5]!.body).at(-1)!, /has been updated/);
      assert.equal(readFileSync(aPath, 'utf8'), 'v3\n');
    });

    test('Glob and Grep on thousands of files: newest first, capped with a count of what was left out, .gitignore only for Grep', async () => {
      const workspace = workspaceWith({ '.gitignore': 'ignored/\n' });
      const files: Record<string, string> = { 'ignored/secret.txt': 'match me ignored\n' };
      for (let index = 0; index < 2000; index++) files[`src/dir${index % 20}/file${index}.txt`] = `match me ${index}\n`;
      writeFiles(workspace, files);
      const newest = join(workspace.repo, 'src', 'dir3', 'file1503.txt');
      const future = Date.now() / 1000 + 60;
      utimesSync(newest, future, future);

      const first = server.requests.length;
      server.push(
        reply([
          toolUse('Glob', { pattern: '**/*.txt' }),
          toolUse('Glob', { pattern: '**/secret.txt' }),
          toolUse('Grep', { pattern: 'match me' }),
          toolUse('Grep', { pattern: 'match me', output_mode: 'content' }),
          toolUse('Grep', { pattern: 'match me', output_mode: 'count' }),
          toolUse('Grep', { pattern: 'match me ignored' }),
        ]),
        reply([text('Searched.')]),
      );
      const run = await runWright(['-p', 'search', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      const [glob, ignoredGlob, files_, content, count, ignoredGrep] = toolResultsIn(server.requests[first + 1]!.body).slice(-6);
      const listed = (result: string) => result.split('\n').filter((line) => line.startsWith(workspace.repo));
      assert.equal(listed(glob!).length, 100);
      assert.equal(listed(glob!)[0], newest);
      assert.match(glob!, /of 2001 matching files; 1901 more not shown/);
      assert.equal(ignoredGlob, join(workspace.repo, 'ignored', 'secret.txt'));
      assert.match(files_!, /^Found 2000 files\n/);
      assert.equal(listed(files_!).length, 250);
      assert.equal(listed(files_!)[0], newest);
      assert.match(files_!, /first 250 of 2000 files \(default head_limit 250\); 1750 more not shown/);
      assert.equal(listed(content!).length, 250);
      assert.match(content!, /first 250 of 2000 lines .*1750 more not shown/);
      assert.match(count!, /Found 2000 matching lines in 2000 files\./);
      assert.match(count!, /1750 more not shown/);
      assert.equal(ignoredGrep, 'No matches found');
    });
  });
}
