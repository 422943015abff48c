// Which environment variables hold secrets. Two questions with different answers:
//   - wright's own credentials: what the model client (and configured web search) authenticates with.
//     Tools' child processes do not get these unless the user asks (see toolEnvironment.ts).
//   - secret-looking variables: any name ending in _API_KEY, _TOKEN, _SECRET, _PASSWORD and kin.
//     Their values are redacted from everything wright persists or prints, but children keep them:
//     they are the user's, and their tools (gh, npm, aws) need them.

/** Read by src/model/modelConfig.ts, or by provider SDKs and tools that speak for wright. */
export const WRIGHT_CREDENTIAL_VARIABLES: readonly string[] = [
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_AUTH_TOKEN',
  'OPENAI_API_KEY',
  'CLAUDE_CODE_OAUTH_TOKEN',
];

const SECRET_NAME = /(?:^|_)(?:API_?KEY|ACCESS_KEY|SECRET(?:_KEY)?|PRIVATE_KEY|TOKEN|PASSWORD|PASSWD|PASSPHRASE)$/i;

/** True for a name that says its value is a secret, e.g. GITHUB_TOKEN, AWS_SECRET_ACCESS_KEY, DB_PASSWORD. */
export function isSecretVariableName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * wright's own credentials in this session: the fixed list, any WRIGHT_* variable whose name looks
 * secret, and extra names the session authenticates with (the configured web search key).
 */
export function wrightCredentialNames(env: Record<string, string | undefined>, extra: readonly string[] = []): Set<string> {
  const names = new Set([...WRIGHT_CREDENTIAL_VARIABLES, ...extra]);
  for (const name of Object.keys(env)) if (name.startsWith('WRIGHT_') && isSecretVariableName(name)) names.add(name);
  return names;
}

/** Shorter values are too likely to occur in ordinary text to be replaced wherever they appear. */
export const MIN_SECRET_VALUE_LENGTH = 8;

// Values that say a variable is switched off or unset, not what the secret is.
const NOT_A_SECRET = /^(?:\d+|true|false|none|null|undefined|disabled|enabled)$/i;

/**
 * The values to redact verbatim: every credential and secret-looking variable with a value long
 * enough to be distinctive. Plain numbers (a `MAX_TOKEN` count) and switch words are not secrets.
 */
export function secretValuesOf(env: Record<string, string | undefined>, credentialNames: ReadonlySet<string> = new Set()): string[] {
  const values = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (!credentialNames.has(name) && !WRIGHT_CREDENTIAL_VARIABLES.includes(name) && !isSecretVariableName(name)) continue;
    const trimmed = value.trim();
    if (trimmed.length < MIN_SECRET_VALUE_LENGTH || NOT_A_SECRET.test(trimmed)) continue;
    values.add(trimmed);
    if (trimmed !== value) values.add(value);
  }
  return [...values];
}
