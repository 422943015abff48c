// The environment tools' child processes run with (Bash, background shells, the shell snapshot):
// the session's environment minus wright's own credentials, so a command the model writes cannot
// read (and send away) the key wright talks to the model with. A credential still goes through when
// the user asked for it: set by name in settings `env`, or every one with WRIGHT_PASS_CREDENTIALS_TO_TOOLS=1.

export const PASS_CREDENTIALS_VARIABLE = 'WRIGHT_PASS_CREDENTIALS_TO_TOOLS';

export interface ToolEnvironmentInput {
  /** process.env plus settings `env`. */
  env: Record<string, string | undefined>;
  /** The variables settings `env` sets: the user configured these for the session on purpose. */
  configured: ReadonlySet<string>;
  /** wright's own credential variables (see credentialVariables.ts). */
  credentials: ReadonlySet<string>;
}

export function passesCredentialsToTools(env: Record<string, string | undefined>): boolean {
  return /^(1|true|yes|on)$/i.test(env[PASS_CREDENTIALS_VARIABLE]?.trim() ?? '');
}

export function toolEnvironment(input: ToolEnvironmentInput): Record<string, string | undefined> {
  if (passesCredentialsToTools(input.env)) return { ...input.env };
  const result: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(input.env)) {
    if (input.credentials.has(name) && !input.configured.has(name)) continue;
    result[name] = value;
  }
  return result;
}
