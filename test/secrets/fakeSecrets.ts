// Secrets in the real formats, made up for tests (assembled at run time so the source holds none).
const body = (length: number, alphabet = 'aB3dE5gH7jK9mN1pQ2sT4vW6xY8z0') =>
  Array.from({ length }, (_, i) => alphabet[(i * 7 + length) % alphabet.length]).join('');

export const FAKE = {
  anthropic: `sk-ant-api03-${body(93)}AA`,
  openaiProject: `sk-proj-${body(120)}`,
  openaiLegacy: `sk-${body(48)}`,
  githubClassic: `ghp_${body(36)}`,
  githubOauth: `gho_${body(36)}`,
  githubFineGrained: `github_pat_${body(22)}_${body(59)}`,
  awsAccessKeyId: `AKIA${body(16, 'ABCDEFGHJKLMNPQRSTUVWXYZ234567')}`,
  slack: `xoxb-1234567890-1234567890123-${body(24)}`,
  google: `AIza${body(35)}`,
  jwt: `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.${body(43)}`,
  pem: `-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA${body(60)}\n${body(64)}\n-----END RSA PRIVATE KEY-----`,
};
