// `npm run demo`: the main job on a machine without an API key. Builds a small repository with a
// failing test, starts the scripted model server (test/support) playing a read → edit → test →
// answer conversation, and runs the real `wright -p` against it, then shows the diff it made.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = mkdtempSync(join(tmpdir(), 'wright-demo-'));
const repo = join(root, 'repo');
mkdirSync(repo);
writeFileSync(join(repo, 'package.json'), '{ "type": "module" }\n');
writeFileSync(join(repo, 'math.js'), 'export function add(a, b) {\n  return a - b;\n}\n');
writeFileSync(
  join(repo, 'test.js'),
  "import { add } from './math.js';\nif (add(2, 3) !== 5) { console.log('FAIL: add(2, 3) =', add(2, 3)); process.exit(1); }\nconsole.log('all tests pass');\n",
);
const identity = { GIT_AUTHOR_NAME: 'demo', GIT_AUTHOR_EMAIL: 'demo@example.invalid', GIT_COMMITTER_NAME: 'demo', GIT_COMMITTER_EMAIL: 'demo@example.invalid' };
for (const args of [['init', '-q'], ['add', '-A'], ['commit', '-qm', 'initial']]) {
  execFileSync('git', args, { cwd: repo, env: { ...process.env, ...identity } });
}

const math = join(repo, 'math.js');
const reply = (...blocks) => ({ kind: 'reply', blocks });
const script = [
  reply({ type: 'text', text: 'Let me run the tests first.' }, { type: 'tool_use', name: 'Bash', input: { command: 'node test.js' } }),
  reply({ type: 'tool_use', name: 'Read', input: { file_path: math } }),
  reply({ type: 'tool_use', name: 'Edit', input: { file_path: math, old_string: 'return a - b;', new_string: 'return a + b;' } }),
  reply({ type: 'tool_use', name: 'Bash', input: { command: 'node test.js' } }),
  reply({ type: 'text', text: '`add` subtracted instead of adding; fixed in math.js:2. `node test.js` passes now.' }),
];
const scriptPath = join(root, 'script.json');
writeFileSync(scriptPath, JSON.stringify(script));

const server = spawn(process.execPath, ['--import', 'tsx', 'test/support/serveScript.ts', scriptPath], { stdio: ['pipe', 'pipe', 'inherit'] });
const lines = createInterface({ input: server.stdout })[Symbol.asyncIterator]();
const { anthropicBaseUrl } = JSON.parse((await lines.next()).value);

console.log(`$ cd ${repo}`);
console.log('$ wright -p "fix the failing test" --permission-mode acceptEdits --allowedTools "Bash(node test.js)" --verbose\n');
const run = spawnSync(
  process.execPath,
  [join(process.cwd(), 'dist', 'wright.js'), '-p', 'fix the failing test', '--permission-mode', 'acceptEdits', '--allowedTools', 'Bash(node test.js)', '--verbose'],
  {
    cwd: repo,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: anthropicBaseUrl, WRIGHT_CONFIG_DIR: join(root, 'config') },
  },
);
server.stdin.end();
console.log('\n$ git diff');
console.log(execFileSync('git', ['diff'], { cwd: repo, encoding: 'utf8' }));
process.exit(run.status ?? 1);
