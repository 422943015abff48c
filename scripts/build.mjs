// Bundles src/ and its dependencies into dist/ with code splitting (one file per chunk loads far
// faster than hundreds of package modules); the launcher stays tiny so `wright --version`
// loads nothing else, and each front end and provider SDK is reached only through import().
import { build } from 'esbuild';
import { copyFileSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inkBoundedMemory } from './inkBoundedMemory.mjs';
import { writeThirdPartyNotices } from './thirdPartyNotices.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

// Ink loads React DevTools only when DEV=true; wright never ships them, so the import resolves to
// a module that does nothing instead of a package users would have to install.
const withoutReactDevtools = {
  name: 'without-react-devtools',
  setup(build) {
    build.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'without-react-devtools' }));
    build.onLoad({ filter: /.*/, namespace: 'without-react-devtools' }, () => ({
      contents: 'export default { initialize() {}, connectToDevTools() {} };',
    }));
  },
};

// Ink stops redrawing its live region when CI or CONTINUOUS_INTEGRATION is set (it writes only the
// last frame on exit). wright's interactive mode runs only on a terminal, where a user who exports
// CI=1 in their shell would otherwise see a frozen screen until the app exits.
const inkAlwaysInteractive = {
  name: 'ink-always-interactive',
  setup(build) {
    build.onResolve({ filter: /^is-in-ci$/ }, () => ({ path: 'is-in-ci', namespace: 'ink-always-interactive' }));
    build.onLoad({ filter: /.*/, namespace: 'ink-always-interactive' }, () => ({ contents: 'export default false;' }));
  },
};

const result = await build({
  plugins: [withoutReactDevtools, inkAlwaysInteractive, inkBoundedMemory],
  entryPoints: { wright: 'src/cli/wright.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Native packages stay in node_modules and load on first use. pdf.js is bundled: Read imports its
  // worker module itself (globalThis.pdfjsWorker), so no worker file has to sit beside the bundle.
  external: ['@vscode/ripgrep', '@vscode/ripgrep-*', 'sharp'],
  sourcemap: false,
  legalComments: 'eof',
  // Error handling reads SDK error class names; bundling must not rename them.
  keepNames: true,
  chunkNames: 'chunks/[name]-[hash]',
  // React's development build (picked at run time unless NODE_ENV is production) records a
  // performance.measure entry for every component render; Node keeps those in its timeline buffer
  // for good, so a long interactive session grew by ~170 KB a turn. The bundle is always production.
  define: { WRIGHT_VERSION: JSON.stringify(pkg.version), 'process.env.NODE_ENV': '"production"' },
  // Bundled CommonJS packages (Ink's signal-exit) require Node built-ins; ESM output has no
  // `require`, so every file gets one.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __wrightCreateRequire } from 'node:module';\nconst require = __wrightCreateRequire(import.meta.url);" },
  logLevel: 'warning',
  metafile: true,
});
chmodSync(new URL('../dist/wright.js', import.meta.url), 0o755);
// The Bash parser's WebAssembly (web-tree-sitter's runtime and the tree-sitter-bash grammar) ships
// beside the bundle, where src/permissions/bashParser.ts looks for it: installing wright builds nothing.
const require = createRequire(import.meta.url);
const WASM = { 'tree-sitter.wasm': 'web-tree-sitter/tree-sitter.wasm', 'tree-sitter-bash.wasm': 'tree-sitter-bash/tree-sitter-bash.wasm' };
for (const [file, source] of Object.entries(WASM)) copyFileSync(require.resolve(source), new URL(`../dist/${file}`, import.meta.url));
writeThirdPartyNotices(result.metafile, 'dist/THIRD-PARTY-NOTICES.txt', ['node_modules/tree-sitter-bash']);
