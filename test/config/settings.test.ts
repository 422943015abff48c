import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadSettings, type LoadSettingsOptions } from '../../src/config/settings.js';
import { removeTempDirs, settingsWorld, writeFiles } from './tempFiles.js';

after(removeTempDirs);

const world = settingsWorld;

const LAYER_FILES = [
  ['managed', 'etc/wright/settings.json'],
  ['cli', 'cli-settings.json'],
  ['wright-local', 'home/work/repo/.wright/settings.local.json'],
  ['wright-project', 'home/work/repo/.wright/settings.json'],
  ['claude-local', 'home/work/repo/.claude/settings.local.json'],
  ['claude-project', 'home/work/repo/.claude/settings.json'],
  ['wright-user', 'home/.wright/settings.json'],
  ['claude-user', 'home/.claude/settings.json'],
] as const;

function load(options: LoadSettingsOptions) {
  const result = loadSettings(options);
  if (!result.ok) assert.fail(result.error.format());
  return result;
}

function loadError(options: LoadSettingsOptions) {
  const result = loadSettings(options);
  if (result.ok) assert.fail('expected a settings error');
  return result.error;
}

describe('loadSettings precedence', () => {
  it('gives each layer precedence over all the layers below it', () => {
    const w = world();
    for (const [name, path] of LAYER_FILES) {
      writeFiles(w.root, { [path]: JSON.stringify({ model: name, permissions: { allow: [`Read(${name})`] } }) });
    }
    for (const [name, path] of LAYER_FILES) {
      const cliFileExists = name === 'managed' || name === 'cli';
      const result = load(cliFileExists ? { ...w, cliSettings: join(w.root, 'cli-settings.json') } : w);
      assert.equal(result.settings.model, name);
      assert.equal(result.sources[0], join(w.root, path));
      rmSync(join(w.root, path));
    }
    assert.deepEqual(load(w).sources, []);
  });

  it('lists the files it loaded, highest first, and merges arrays in that order', () => {
    const w = world();
    for (const [name, path] of LAYER_FILES) {
      const extra = { model: name, companyAnnouncements: ['hello', name] };
      writeFiles(w.root, { [path]: JSON.stringify({ permissions: { allow: [`Read(${name})`] }, ...extra }) });
    }
    const result = load({ ...w, cliSettings: 'cli-settings.json', cwd: w.root });
    assert.deepEqual(result.sources, LAYER_FILES.map(([, path]) => join(w.root, path)));
    const names = LAYER_FILES.map(([name]) => name);
    assert.deepEqual(
      result.settings.permissions.rules.allow.map((entry) => entry.rule),
      names.map((name) => `Read(${name})`),
    );
    assert.deepEqual(result.settings.raw['companyAnnouncements'], ['hello', ...names]);
  });

  it('drops a repeated rule only when it has the same root', () => {
    const w = world();
    writeFiles(w.root, {
      'home/work/repo/.wright/settings.json': '{"permissions": {"allow": ["Glob", "Glob"]}}',
      'home/work/repo/.claude/settings.json': '{"permissions": {"allow": ["Glob", "Grep"]}}',
      'home/.wright/settings.json': '{"permissions": {"allow": ["Glob"]}}',
    });
    const allow = load(w).settings.permissions.rules.allow;
    assert.deepEqual(
      allow.map((entry) => [entry.rule, entry.source]),
      [
        ['Glob', join(w.projectRoot, '.wright', 'settings.json')],
        ['Grep', join(w.projectRoot, '.claude', 'settings.json')],
        ['Glob', join(w.configDir, 'settings.json')],
      ],
    );
  });

  it('keeps a user deny when the project allows the same thing', () => {
    const w = world();
    writeFiles(w.root, {
      'home/.wright/settings.json': JSON.stringify({ permissions: { deny: ['Bash(rm:*)'] } }),
      'home/work/repo/.wright/settings.json': JSON.stringify({ permissions: { allow: ['Bash(rm:*)'] } }),
    });
    const { rules } = load(w).settings.permissions;
    assert.deepEqual(rules.deny.map((entry) => entry.rule), ['Bash(rm:*)']);
    assert.deepEqual(rules.allow.map((entry) => entry.rule), ['Bash(rm:*)']);
  });

  it('merges objects key by key and keeps unknown keys', () => {
    const w = world();
    writeFiles(w.root, {
      'home/.claude/settings.json': JSON.stringify({
        env: { A: 'user', B: 'user' },
        statusLine: { type: 'command', command: 'x', padding: 0 },
        hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'lint' }] }] },
        permissions: { defaultMode: 'plan', additionalDirectories: ['~/shared'] },
      }),
      'home/work/repo/.claude/settings.json': JSON.stringify({
        $schema: 'https://json.schemastore.org/claude-code-settings.json',
        env: { B: 'project', C: 'project' },
        statusLine: { padding: 2 },
        hooks: { PreToolUse: [{ matcher: 'Edit', hooks: [] }] },
        permissions: { defaultMode: 'acceptEdits', additionalDirectories: ['../lib', '/abs/dir'] },
        maxRetries: 4,
        provider: 'openai',
      }),
    });
    const { settings } = load(w);
    assert.deepEqual(settings.env, { B: 'project', C: 'project', A: 'user' });
    assert.deepEqual(settings.raw['statusLine'], { padding: 2, type: 'command', command: 'x' });
    assert.deepEqual(settings.statusLine, { type: 'command', command: 'x', padding: 2 });
    assert.equal((settings.raw['hooks'] as { PreToolUse: unknown[] }).PreToolUse.length, 2);
    assert.equal(settings.permissions.defaultMode, 'acceptEdits');
    assert.equal(settings.maxRetries, 4);
    assert.equal(settings.provider, 'openai');
    assert.deepEqual(settings.permissions.additionalDirectories, [
      join(w.home, 'work', 'lib'),
      '/abs/dir',
      join(w.home, 'shared'),
    ]);
  });

  it('reads inline JSON given to --settings', () => {
    const w = world();
    writeFiles(w.root, { 'home/.wright/settings.json': '{"model": "from-user", "includeCoAuthoredBy": true}' });
    const result = load({ ...w, cliSettings: ' {"model": "inline"}' });
    assert.equal(result.settings.model, 'inline');
    assert.equal(result.settings.includeCoAuthoredBy, true);
    assert.deepEqual(result.sources, ['--settings', join(w.home, '.wright', 'settings.json')]);
  });

  it('reads each file once when the project is the home directory', () => {
    const w = world();
    writeFiles(w.root, { 'home/.claude/settings.json': '{"permissions": {"allow": ["Read"]}}' });
    const result = load({ ...w, projectRoot: w.home, cwd: w.home });
    assert.deepEqual(result.sources, [join(w.home, '.claude', 'settings.json')]);
    assert.equal(result.settings.permissions.rules.allow[0]?.root, w.home);
  });

  it('treats an empty file as empty settings', () => {
    const w = world();
    writeFiles(w.root, { 'home/work/repo/.wright/settings.local.json': '\n' });
    assert.equal(load(w).sources.length, 1);
  });
});

describe('permission rule origins', () => {
  it('records the source file and the root of every rule', () => {
    const w = world();
    const rule = (name: string) => JSON.stringify({ permissions: { deny: [`Edit(/${name}/**)`, 'Edit(/shared/**)'] } });
    writeFiles(w.root, {
      'etc/wright/settings.json': rule('managed'),
      'home/work/repo/.wright/settings.local.json': rule('local'),
      'home/work/repo/.claude/settings.json': rule('project'),
      'home/.wright/settings.json': rule('user'),
      'home/.claude/settings.json': rule('claude-user'),
    });
    const deny = load({ ...w, cliSettings: rule('cli') }).settings.permissions.rules.deny;
    const origin = (name: string) => {
      const entry = deny.find((candidate) => candidate.rule === `Edit(/${name}/**)`);
      assert.ok(entry, name);
      return { source: entry.source, root: entry.root };
    };
    assert.deepEqual(origin('managed'), { source: w.managedPath, root: '/' });
    assert.deepEqual(origin('cli'), { source: '--settings', root: w.cwd });
    assert.deepEqual(origin('local'), { source: join(w.projectRoot, '.wright', 'settings.local.json'), root: w.projectRoot });
    assert.deepEqual(origin('project'), { source: join(w.projectRoot, '.claude', 'settings.json'), root: w.projectRoot });
    assert.deepEqual(origin('user'), { source: join(w.configDir, 'settings.json'), root: w.configDir });
    assert.deepEqual(origin('claude-user'), { source: join(w.home, '.claude', 'settings.json'), root: join(w.home, '.claude') });
    // Same text under different roots means different paths, so each is kept; same root repeats are not.
    assert.equal(deny.filter((entry) => entry.rule === 'Edit(/shared/**)').length, 5);
  });
});

describe('settings errors', () => {
  it('names the file, line and column of a JSON syntax error', () => {
    const w = world();
    const path = join(w.projectRoot, '.wright', 'settings.json');
    writeFiles(w.root, { 'home/work/repo/.wright/settings.json': '{\n  "model": "x",\n  "env": {\n    "A": "1",\n  }\n}\n' });
    const error = loadError(w);
    assert.equal(error.file, path);
    assert.equal(error.line, 5);
    assert.equal(error.column, 3);
    assert.equal(error.key, '');
    assert.match(error.format(), new RegExp(`^${escape(path)}:5:3: invalid JSON: `));
  });

  it('locates syntax errors whose message has no position', () => {
    const w = world();
    writeFiles(w.root, { 'home/.claude/settings.json': '{\n  "includeCoAuthoredBy": tru\n}' });
    const error = loadError(w);
    assert.deepEqual([error.line, error.column], [2, 29]);
  });

  it('names the key path and its line for a wrong-typed field deep in the file', () => {
    const w = world();
    const text = [
      '{',
      '  "model": "claude",',
      '  "permissions": {',
      '    "allow": ["Read"],',
      '    "defaultMode": "yolo"',
      '  }',
      '}',
    ].join('\n');
    writeFiles(w.root, { 'home/work/repo/.claude/settings.local.json': text });
    const error = loadError(w);
    const path = join(w.projectRoot, '.claude', 'settings.local.json');
    assert.equal(error.key, 'permissions.defaultMode');
    assert.equal(error.line, 5);
    assert.equal(error.column, 5);
    assert.match(error.format(), new RegExp(`^${escape(path)}:5:5: permissions\\.defaultMode: Invalid option`));
  });

  it('points at the array element or record entry that is wrong', () => {
    const w = world();
    writeFiles(w.root, { 'etc/wright/settings.json': '{"permissions": {\n  "deny": [\n    "Bash",\n    7\n  ]}}' });
    const error = loadError(w);
    assert.equal(error.key, 'permissions.deny[1]');
    assert.deepEqual([error.line, error.column], [4, 5]);

    const inline = loadError({ ...world(), cliSettings: '{\n"env": {\n  "PORT": 8080}}' });
    assert.equal(inline.format(), '--settings:3:3: env.PORT: Invalid input: expected string, received number');
  });

  it('rejects a file that is not a JSON object', () => {
    const w = world();
    writeFiles(w.root, { 'home/.wright/settings.json': '\n\n  ["Read"]' });
    const error = loadError(w);
    assert.equal(error.format(), `${join(w.configDir, 'settings.json')}:3:3: settings must be a JSON object`);
  });

  it('reports a --settings file that does not exist', () => {
    const w = world();
    const error = loadError({ ...w, cliSettings: 'nowhere.json' });
    assert.equal(error.format(), `${join(w.cwd, 'nowhere.json')}:1:1: file not found`);
  });

  it('rejects negative retries and unknown providers', () => {
    const w = world();
    writeFiles(w.root, { 'home/.wright/settings.json': '{"maxRetries": -2}' });
    assert.equal(loadError(w).key, 'maxRetries');
    writeFiles(w.root, { 'home/.wright/settings.json': '{"provider": "gemini"}' });
    assert.equal(loadError(w).key, 'provider');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('permission mode names', () => {
  it('accepts `manual` as Claude Code writes it, meaning `default`', () => {
    const w = world();
    const result = load({ ...w, cliSettings: JSON.stringify({ permissions: { defaultMode: 'manual' } }) });
    assert.equal(result.settings.permissions.defaultMode, 'default');
  });
});
