import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { prepareSessionEnvFile } from '../../src/cli/sessionHooks.js';
import { parseHookLayers, type HookConfig } from '../../src/extensions/hooks/hookConfig.js';
import { makeTempDir, removeTempDirs, writeFiles } from '../config/tempFiles.js';

after(removeTempDirs);

function config(hooks: Record<string, unknown>): HookConfig {
  const parsed = parseHookLayers([{ source: 'settings.json', scope: 'user', hooks }]);
  if (!parsed.ok) assert.fail(parsed.problem.message);
  return parsed.config;
}

const sessionStart = config({ SessionStart: [{ hooks: [{ type: 'command', command: 'true' }] }] });

describe('prepareSessionEnvFile', () => {
  it('makes nothing when no SessionStart hook is configured', () => {
    const configDir = makeTempDir();
    const none = prepareSessionEnvFile({ config: config({ Stop: [{ hooks: [{ type: 'command', command: 'true' }] }] }), configDir, sessionId: 's1', toolEnv: {}, baseDirectory: configDir });
    assert.equal(none, undefined);
  });

  it('names a private per-session file as the tools’ WRIGHT_ENV_FILE, sourcing the user’s own env file first', () => {
    const root = makeTempDir();
    writeFiles(root, { 'project/venv.sh': 'export FROM_USER=user\n' });
    const prepared = prepareSessionEnvFile({
      config: sessionStart,
      configDir: join(root, 'config'),
      sessionId: 'abc-123',
      toolEnv: { KEEP: '1', CLAUDE_ENV_FILE: 'venv.sh' },
      baseDirectory: join(root, 'project'),
    });
    assert.ok(prepared);
    assert.equal(prepared.path, join(root, 'config', 'session-env', 'abc-123.sh'));
    assert.deepEqual(prepared.toolEnv, { KEEP: '1', CLAUDE_ENV_FILE: 'venv.sh', WRIGHT_ENV_FILE: prepared.path });
    assert.equal(statSync(prepared.path).mode & 0o777, 0o600);
    appendFileSync(prepared.path, 'export FROM_HOOK=hook\n');
    const shown = execFileSync('bash', ['-c', `. "${prepared.path}"; echo "$FROM_USER $FROM_HOOK"`], { encoding: 'utf8' });
    assert.equal(shown.trim(), 'user hook');
  });

  it('keeps what a resumed session’s hooks already wrote', () => {
    const configDir = makeTempDir();
    const options = { config: sessionStart, configDir, sessionId: 'same', toolEnv: {}, baseDirectory: configDir };
    const first = prepareSessionEnvFile(options)!;
    appendFileSync(first.path, 'export A=1\n');
    prepareSessionEnvFile(options);
    assert.match(readFileSync(first.path, 'utf8'), /export A=1/);
  });
});
