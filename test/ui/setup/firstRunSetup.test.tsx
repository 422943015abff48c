import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'ink-testing-library';
import type { ProviderSetup } from '../../../src/config/userCredentialsWriter.js';
import { FirstRunSetup, maskSecret } from '../../../src/ui/setup/FirstRunSetup.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

async function type(stdin: { write(data: string): void }, ...chunks: string[]) {
  for (const chunk of chunks) {
    stdin.write(chunk);
    await tick();
  }
}

test('Anthropic: choose, paste a key (masked), test, save, done', async () => {
  const saved: ProviderSetup[] = [];
  let done: ProviderSetup | null | undefined;
  const { stdin, lastFrame } = render(
    <FirstRunSetup
      test={async (setup) => ({ ok: setup.apiKey === 'sk-ant-secret-1234', detail: 'anthropic answered' }) as never}
      save={async (setup) => {
        saved.push(setup);
        return { path: '/home/u/.wright/settings.json' };
      }}
      onDone={(setup) => (done = setup)}
    />,
  );
  await tick();
  assert.match(lastFrame() ?? '', /Which model provider\?/);
  await type(stdin, '1', 'sk-ant-secret-1234');
  assert.match(lastFrame() ?? '', /•+1234/);
  assert.doesNotMatch(lastFrame() ?? '', /secret/);
  await type(stdin, '\r');
  await tick();
  assert.deepEqual(saved, [{ provider: 'anthropic', apiKey: 'sk-ant-secret-1234' }]);
  assert.deepEqual(done, { provider: 'anthropic', apiKey: 'sk-ant-secret-1234' });
  assert.match(lastFrame() ?? '', /Saved to \/home\/u\/\.wright\/settings\.json/);
});

test('OpenAI-compatible: defaults, optional key, a failed test offers retry, nothing saved until it works', async () => {
  let attempts = 0;
  const saved: ProviderSetup[] = [];
  const { stdin, lastFrame } = render(
    <FirstRunSetup
      test={async () => (++attempts === 1 ? { ok: false, message: 'connection refused' } : { ok: true, detail: 'ok' })}
      save={async (setup) => {
        saved.push(setup);
        return { path: '/s.json' };
      }}
      onDone={() => undefined}
    />,
  );
  await tick();
  await type(stdin, '2', 'http://localhost:11434/v1', '\r', '\r', 'qwen3-coder', '\r');
  await tick();
  assert.match(lastFrame() ?? '', /connection test failed: connection refused/);
  assert.deepEqual(saved, []);
  await type(stdin, 'r', '\r', '\r', '\r');
  await tick();
  assert.deepEqual(saved, [{ provider: 'openai', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4.1' }]);
});

test('quitting gives null; masking keeps only the last four characters', async () => {
  let done: ProviderSetup | null | undefined;
  const { stdin } = render(<FirstRunSetup test={async () => ({ ok: true, detail: '' })} save={async () => ({ path: '' })} onDone={(setup) => (done = setup)} />);
  await tick();
  await type(stdin, 'q');
  assert.equal(done, null);
  assert.equal(maskSecret('abc'), '•••');
  assert.equal(maskSecret('sk-ant-api03-abcdefgh'), '•••••••••••••••••efgh');
});

test('text and Enter arriving in one read still submit the field', async () => {
  const saved: ProviderSetup[] = [];
  const { stdin } = render(
    <FirstRunSetup test={async () => ({ ok: true, detail: 'ok' })} save={async (setup) => (saved.push(setup), { path: '/s' })} onDone={() => undefined} />,
  );
  await tick();
  await type(stdin, '1', 'sk-ant-pasted\r');
  await tick();
  assert.deepEqual(saved, [{ provider: 'anthropic', apiKey: 'sk-ant-pasted' }]);
});
