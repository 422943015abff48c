import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID, createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Redactor, REDACTED, redactKnownSecrets } from '../../src/secrets/redactor.js';
import { FAKE } from './fakeSecrets.js';

const SRC = join(import.meta.dirname, '..', '..', 'src');

test('each well-known secret format is replaced with a label naming its kind', () => {
  const cases: Array<[string, string]> = [
    [FAKE.anthropic, 'anthropic_key'],
    [FAKE.openaiProject, 'openai_key'],
    [FAKE.openaiLegacy, 'openai_key'],
    [FAKE.githubClassic, 'github_token'],
    [FAKE.githubOauth, 'github_token'],
    [FAKE.githubFineGrained, 'github_token'],
    [FAKE.awsAccessKeyId, 'aws_access_key_id'],
    [FAKE.slack, 'slack_token'],
    [FAKE.google, 'google_api_key'],
    [FAKE.jwt, 'jwt'],
    [FAKE.pem, 'private_key'],
  ];
  for (const [secret, kind] of cases) {
    const text = `before ${secret} after`;
    assert.equal(redactKnownSecrets(text), `before [REDACTED:${kind}] after`, kind);
  }
});

test('auth headers keep their name and lose their credential', () => {
  assert.equal(
    redactKnownSecrets('> Authorization: Bearer abc.DEF-123_456~xyz\n'),
    '> Authorization: Bearer [REDACTED:authorization]\n',
  );
  assert.equal(redactKnownSecrets('{"authorization":"Basic dXNlcjpwYXNzd29yZA=="}'), '{"authorization":"Basic [REDACTED:authorization]"}');
  assert.equal(redactKnownSecrets('x-api-key: abcd1234efgh5678ijkl'), 'x-api-key: [REDACTED:api_key_header]');
});

test('an unterminated private key (cut-off output) is redacted up to where its base64 ends', () => {
  const cut = FAKE.pem.slice(0, FAKE.pem.indexOf('\n-----END'));
  assert.equal(redactKnownSecrets(`${cut}\nnext line: ok`), '[REDACTED:private_key]\nnext line: ok');
  const numbered = cut.split('\n').map((line, i) => `${String(i + 3).padStart(6)}\t${line}`).join('\n');
  assert.equal(redactKnownSecrets(`${numbered}\n    7\tdone`), '     3\t[REDACTED:private_key]\n    7\tdone');
  const inJson = JSON.stringify({ key: cut }).slice(0, -2);
  assert.equal(redactKnownSecrets(inJson), '{"key":"[REDACTED:private_key]');
});

test('a key glued to other word characters is not a key; one after punctuation is', () => {
  assert.equal(redactKnownSecrets(`task-${'a'.repeat(40)}`), `task-${'a'.repeat(40)}`);
  assert.equal(redactKnownSecrets(`KEY=${FAKE.githubClassic};`), 'KEY=[REDACTED:github_token];');
  assert.equal(redactKnownSecrets(`"${FAKE.anthropic}"`), '"[REDACTED:anthropic_key]"');
});

test('exact values are replaced wherever they occur, longest first, regex characters and all', () => {
  const redactor = new Redactor(['hunter2-secret', 'hunter2-secret.extra', 'a+b*c(d)[e]$']);
  assert.equal(redactor.redactText('x hunter2-secret.extra y hunter2-secret z'), `x ${REDACTED} y ${REDACTED} z`);
  assert.equal(redactor.redactText('p=a+b*c(d)[e]$;'), `p=${REDACTED};`);
  redactor.addValues(['later-value-1']);
  assert.equal(redactor.redactText('later-value-1'), REDACTED);
});

test('ordinary code, git SHAs, UUIDs and base64 are left alone', () => {
  const redactor = new Redactor(['some-configured-key-1']);
  const sha = createHash('sha1').update('x').digest('hex');
  const samples = [
    sha,
    createHash('sha256').update('y').digest('hex'),
    randomUUID(),
    randomBytes(30000).toString('base64'),
    randomBytes(30000).toString('base64url'),
    'const headers = { Authorization: `Bearer ${token}`, "x-api-key": config.apiKey };',
    'headers.authorization = this.authorizationHeader;',
    "curl -H 'Authorization: Bearer $GITHUB_TOKEN' https://api.github.com",
    'export ANTHROPIC_API_KEY=sk-ant-…',
    'const task = "task-management-system-overview-dashboard";',
    'git log --format=%H a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2',
    '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----',
  ];
  for (const sample of samples) assert.equal(redactor.redactText(sample), sample, sample.slice(0, 60));
});

test("wright's own source code passes through unchanged", () => {
  const redactor = new Redactor(['some-configured-key-1']);
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'));
  assert.ok(files.length > 100);
  for (const file of files) {
    const text = readFileSync(join(SRC, file), 'utf8');
    assert.equal(redactor.redactText(text), text, file);
  }
});

test('structured values: every string is redacted, the shape kept, unchanged parts shared', () => {
  const redactor = new Redactor(['configured-secret-value']);
  const untouched = { type: 'text', text: 'nothing here' };
  const imageData = `${FAKE.anthropic}/${randomBytes(300).toString('base64')}`;
  const message = {
    role: 'user',
    content: [
      untouched,
      { type: 'tool_result', tool_use_id: 't1', content: [{ type: 'text', text: `key ${FAKE.githubClassic}` }] },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: imageData } },
      { type: 'tool_use', id: 't2', name: 'Bash', input: { command: 'echo configured-secret-value', timeout: 5 } },
      { type: 'thinking', thinking: `I saw ${FAKE.openaiLegacy}`, signature: 'sig+AKIAABCDEFGHIJKLMNOP+' },
    ],
  };
  const before = JSON.stringify(message);
  const redacted = redactor.redact(message);
  assert.equal(JSON.stringify(message), before, 'the input is not modified');
  assert.equal(redacted.content[0], untouched);
  assert.deepEqual(redacted.content[1], { type: 'tool_result', tool_use_id: 't1', content: [{ type: 'text', text: 'key [REDACTED:github_token]' }] });
  assert.equal((redacted.content[2] as any).source.data, imageData, 'image bytes are not mangled');
  assert.deepEqual((redacted.content[3] as any).input, { command: `echo ${REDACTED}`, timeout: 5 });
  assert.equal((redacted.content[4] as any).thinking, 'I saw [REDACTED:openai_key]');
  assert.equal((redacted.content[4] as any).signature, 'sig+AKIAABCDEFGHIJKLMNOP+');
  const same = { a: [1, 'x', null, true], b: { c: 'plain' } };
  assert.equal(redactor.redact(same), same);
});

test('a 1 MB tool result is redacted in a few milliseconds', () => {
  const redactor = new Redactor(['configured-secret-value', FAKE.anthropic]);
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'));
  let text = files.map((file) => readFileSync(join(SRC, file), 'utf8')).join('\n');
  while (text.length < 1_000_000) text += text;
  text = `${text.slice(0, 1_000_000)} ${FAKE.githubClassic}`;
  redactor.redactText(text);
  const runs = 5;
  const started = performance.now();
  let out = '';
  for (let i = 0; i < runs; i++) out = redactor.redactText(text);
  const perRun = (performance.now() - started) / runs;
  assert.ok(out.endsWith('[REDACTED:github_token]'));
  // Reported figure; the bound only catches a pattern gone catastrophic (backtracking), not slow machines.
  console.log(`# redaction of 1 MB: ${perRun.toFixed(2)} ms`);
  assert.ok(perRun < 500, `${perRun} ms`);
});
