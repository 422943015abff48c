// Well-known secret formats, found by shape wherever they appear. Each pattern starts with a fixed,
// unusual prefix (sk-ant-, ghp_, AKIA, -----BEGIN …) so ordinary code, git SHAs, UUIDs and base64
// data do not match. `keep` is the leading part to leave in place, e.g. the header name before a token.

export interface SecretPattern {
  kind: string;
  /** Source text of a regular expression; at most one capture group, holding what to keep. */
  source: string;
  keep?: boolean;
}

const TOKEN_CHAR = '[A-Za-z0-9_-]';

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  // Up to its END line; cut off (truncated output), through the base64 lines that follow, which may
  // carry Read's line numbers or sit in a JSON string as escaped newlines.
  {
    kind: 'private_key',
    source:
      '-----BEGIN[A-Z0-9 ]*PRIVATE KEY-----(?:[\\s\\S]*?-----END[A-Z0-9 ]*PRIVATE KEY-----|(?:(?:\\s|\\\\n)+(?:\\d+\\t)?[A-Za-z0-9+/=]{16,})*)',
  },
  { kind: 'anthropic_key', source: `\\bsk-ant-${TOKEN_CHAR}{16,}` },
  { kind: 'openai_key', source: `\\bsk-(?:proj|svcacct|admin)-${TOKEN_CHAR}{16,}` },
  { kind: 'openai_key', source: '\\bsk-[A-Za-z0-9]{32,}\\b' },
  { kind: 'github_token', source: '\\bgh[pousr]_[A-Za-z0-9]{36,}\\b' },
  { kind: 'github_token', source: '\\bgithub_pat_[A-Za-z0-9_]{22,}' },
  { kind: 'aws_access_key_id', source: '\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b' },
  { kind: 'slack_token', source: '\\bxox[abprs]-[A-Za-z0-9-]{10,}' },
  { kind: 'google_api_key', source: `\\bAIza${TOKEN_CHAR}{35}(?!${TOKEN_CHAR})` },
  { kind: 'jwt', source: `\\beyJ${TOKEN_CHAR}{10,}\\.eyJ${TOKEN_CHAR}{10,}\\.${TOKEN_CHAR}+` },
  // The credential after an auth header name, in HTTP dumps, curl -v output or JSON; the header name stays.
  // Code such as `Authorization: \`Bearer ${token}\`` has no token characters after the scheme.
  {
    kind: 'authorization',
    source: '(\\b(?:[Aa]uthorization|AUTHORIZATION)["\']?\\s*[:=]\\s*["\']?(?:[Bb]earer|BEARER|[Bb]asic|BASIC|[Tt]oken)\\s+)[A-Za-z0-9._~+/=-]{12,}',
    keep: true,
  },
  // An API key header's value; it must hold a digit so `x-api-key: config.apiKeyValue` is left alone.
  {
    kind: 'api_key_header',
    source: '(\\b(?:[Xx]-[Aa]pi-[Kk]ey|X-API-KEY)["\']?\\s*[:=]\\s*["\']?)(?=[A-Za-z._~+/=-]*[0-9])[A-Za-z0-9._~+/=-]{16,}',
    keep: true,
  },
];
