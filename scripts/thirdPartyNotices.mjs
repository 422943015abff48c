// Writes the licence texts of every package bundled into dist/, as their licences ask of anyone
// who redistributes them.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The package directories whose files esbuild put into the bundle, from its metafile. */
function bundledPackageDirs(metafile) {
  const dirs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) dirs.add(match[1]);
  }
  return [...dirs].sort();
}

function licenceText(dir) {
  const file = readdirSync(dir).find((name) => /^(licen[cs]e|copying|notice)(\.|$)/i.test(name));
  return file ? readFileSync(join(dir, file), 'utf8').trim() : null;
}

/** `copiedPackageDirs`: packages whose files are shipped beside the bundle rather than inside it. */
export function writeThirdPartyNotices(metafile, outFile, copiedPackageDirs = []) {
  const dirs = [...new Set([...bundledPackageDirs(metafile), ...copiedPackageDirs])].sort();
  const sections = dirs.map((dir) => {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const text = licenceText(dir) ?? `Licence: ${manifest.license ?? 'see the package'} (no licence file shipped).`;
    return `${manifest.name} ${manifest.version} (${manifest.license ?? 'unknown licence'})\n\n${text}`;
  });
  const header = 'wright bundles the following packages. Their licences follow.\n';
  if (!existsSync(dirname(outFile))) throw new Error(`${dirname(outFile)} does not exist`);
  writeFileSync(outFile, [header, ...sections].join(`\n\n${'-'.repeat(72)}\n\n`) + '\n');
  return sections.length;
}
