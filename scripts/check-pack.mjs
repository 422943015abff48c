// Fails when `npm pack` would ship anything but the built product: source maps, tests, fixtures,
// environment files, keys, or any file outside package.json's `files` whitelist.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const report = JSON.parse(execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' }));
const files = report[0].files.map((file) => file.path);
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

const alwaysShipped = new Set(['package.json', 'README.md', 'LICENSE']);
// WebAssembly only at the top of dist/: the Bash parser's runtime and grammar, copied there by the build.
const allowed = (path) =>
  alwaysShipped.has(path) ||
  path === 'dist/THIRD-PARTY-NOTICES.txt' ||
  (path.startsWith('dist/') && path.endsWith('.js')) ||
  /^dist\/[^/]+\.wasm$/.test(path);
const forbidden = [
  [/\.map$/, 'a source map'],
  [/(^|\/)(test|tests|__tests__|fixtures?)\//, 'a test or fixture'],
  [/\.(test|spec)\.[cm]?[jt]s$/, 'a test'],
  [/(^|\/)\.env(\.|$)/, 'an environment file'],
  [/\.(pem|key|p12|pfx)$/, 'a key'],
  [/(^|\/)\.npmrc$/, 'an npm config with possible tokens'],
  [/\.ts$/, 'TypeScript source'],
];

const problems = [];
for (const path of files) {
  for (const [pattern, what] of forbidden) if (pattern.test(path)) problems.push(`${path}: ${what}`);
  if (!allowed(path)) problems.push(`${path}: outside the whitelist (${pkg.files.join(', ')})`);
}
if (!files.includes('dist/wright.js')) problems.push('dist/wright.js is missing: run `npm run build` first');
for (const path of files.filter((p) => p.endsWith('.js'))) {
  const text = readFileSync(path, 'utf8');
  if (/sourceMappingURL=/.test(text)) problems.push(`${path}: points at a source map`);
  if (/sk-ant-[A-Za-z0-9_-]{20,}|sk-[A-Za-z0-9]{32,}/.test(text)) problems.push(`${path}: contains what looks like an API key`);
}

if (problems.length > 0) {
  console.error(`check:pack: the package would ship ${problems.length} thing(s) it must not:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`check:pack: ${files.length} files, all whitelisted (${files.join(', ')})`);
