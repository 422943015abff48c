import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configuredEnvFile } from '../../src/tools/shellEnvFile.js';

describe('configuredEnvFile', () => {
  it('is undefined when neither variable is set (or blank)', () => {
    assert.equal(configuredEnvFile({}, '/repo'), undefined);
    assert.equal(configuredEnvFile({ WRIGHT_ENV_FILE: ' ' }, '/repo'), undefined);
  });

  it('prefers WRIGHT_ENV_FILE and resolves relative paths against the base directory', () => {
    assert.deepEqual(configuredEnvFile({ WRIGHT_ENV_FILE: 'env.sh', CLAUDE_ENV_FILE: '/c.sh' }, '/repo'), {
      variable: 'WRIGHT_ENV_FILE',
      path: '/repo/env.sh',
    });
    assert.deepEqual(configuredEnvFile({ CLAUDE_ENV_FILE: '/c.sh' }, '/repo'), { variable: 'CLAUDE_ENV_FILE', path: '/c.sh' });
  });
});
