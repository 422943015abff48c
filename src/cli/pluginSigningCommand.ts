// `wright plugin keygen|sign|verify`: Ed25519 keys for plugin authors, signing a plugin directory,
// and checking one against the trusted keys (settings `plugins.trustedKeys` plus --trusted-key).
import { existsSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readEnvironment } from '../config/env.js';
import { findProjectRoot } from '../config/paths.js';
import { loadSettings } from '../config/settings.js';
import { generateSigningKeys, parseTrustedKey } from '../extensions/plugins/pluginKeys.js';
import { signPlugin, verifyPluginSignature } from '../extensions/plugins/pluginSignature.js';
import { EXIT } from './exitCodes.js';

export const PLUGIN_SIGNING_SUBCOMMANDS = ['keygen', 'sign', 'verify'] as const;

export interface PluginSigningIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  out(text: string): void;
  err(text: string): void;
}

export const processIo = (): PluginSigningIo => ({
  cwd: process.cwd(),
  env: process.env,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});

const USAGE = `Usage: wright plugin keygen <outPrefix>             writes <outPrefix>.key (private) and <outPrefix>.pub
       wright plugin sign <dir> --key <file.key>
       wright plugin verify <dir> [--trusted-key <key | key id | file>]…`;

class Usage extends Error {}

/** Runs `wright plugin keygen|sign|verify …` (argv starts with the subcommand); returns the exit code. */
export async function runPluginSigningCommand(argv: readonly string[], io: PluginSigningIo = processIo()): Promise<number> {
  const [subcommand, ...rest] = argv;
  try {
    switch (subcommand) {
      case 'keygen':
        return keygen(rest, io);
      case 'sign':
        return sign(rest, io);
      case 'verify':
        return verify(rest, io);
      default:
        throw new Usage(subcommand === undefined || subcommand === '--help' || subcommand === '-h' ? '' : `Unknown subcommand "${subcommand}".`);
    }
  } catch (error) {
    if (!(error instanceof Usage)) throw error;
    io.err(`${error.message === '' ? '' : `wright: ${error.message}\n`}${USAGE}\n`);
    return EXIT.usage;
  }
}

function keygen(argv: string[], io: PluginSigningIo): number {
  const { positional } = options(argv, []);
  if (positional.length !== 1) throw new Usage('keygen takes one output prefix.');
  const prefix = resolve(io.cwd, positional[0]!);
  const keyPath = `${prefix}.key`;
  const pubPath = `${prefix}.pub`;
  for (const path of [keyPath, pubPath]) {
    if (existsSync(path)) {
      io.err(`wright: ${path} already exists; not overwriting a key.\n`);
      return EXIT.error;
    }
  }
  const keys = generateSigningKeys();
  writeFileSync(keyPath, keys.privateKeyPem, { mode: 0o600, flag: 'wx' });
  writeFileSync(pubPath, `${keys.publicKeyBase64}\n`, { flag: 'wx' });
  io.out(
    `Wrote ${keyPath} (private: keep it secret) and ${pubPath}.\n` +
      `Key id: ${keys.keyId}\n` +
      `To trust it, add to plugins.trustedKeys in user settings: "${keys.publicKeyBase64}"\n`,
  );
  return EXIT.success;
}

function sign(argv: string[], io: PluginSigningIo): number {
  const { positional, values } = options(argv, ['--key']);
  if (positional.length !== 1) throw new Usage('sign takes one plugin directory.');
  const keyFile = values['--key']?.at(-1);
  if (keyFile === undefined) throw new Usage('sign needs --key <file>.');
  const dir = pluginDir(positional[0]!, io);
  let pem: string;
  try {
    pem = readFileSync(resolve(io.cwd, keyFile), 'utf8');
  } catch (error) {
    io.err(`wright: cannot read the key ${keyFile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return EXIT.error;
  }
  const result = signPlugin(dir, pem);
  if (!result.ok) {
    io.err(`wright: ${result.problem}\n`);
    return EXIT.error;
  }
  io.out(`Signed ${result.files} file${result.files === 1 ? '' : 's'} in ${dir} with key ${result.keyId}: ${result.path}\n`);
  return EXIT.success;
}

function verify(argv: string[], io: PluginSigningIo): number {
  const { positional, values } = options(argv, ['--trusted-key']);
  if (positional.length !== 1) throw new Usage('verify takes one plugin directory.');
  const dir = pluginDir(positional[0]!, io);
  const given = (values['--trusted-key'] ?? []).map((value) => trustedKeyArgument(value, io.cwd));
  const fromSettings = settingsTrustedKeys(io);
  if (fromSettings === null) return EXIT.usage;
  const result = verifyPluginSignature(dir, [...given, ...fromSettings]);
  switch (result.status) {
    case 'valid':
      io.out(`${dir}: valid signature by trusted key ${result.keyId}.\n`);
      return EXIT.success;
    case 'unsigned':
      io.err(`${dir}: not signed (no .wright-plugin/signature.json or .claude-plugin/signature.json).\n`);
      return EXIT.error;
    case 'untrusted':
      io.err(`${dir}: the signature holds, but key ${result.keyId} is not trusted; pass --trusted-key or add it to plugins.trustedKeys in user settings.\n`);
      return EXIT.error;
    case 'tampered':
      io.err(`${dir}: TAMPERED: ${result.detail}.\n`);
      return EXIT.error;
    case 'invalid':
      io.err(`${dir}: invalid signature: ${result.detail}.\n`);
      return EXIT.error;
  }
}

/** A key, key id or PEM as given; otherwise a file holding one (a `.pub` from keygen, a PEM file). */
function trustedKeyArgument(value: string, cwd: string): string {
  if (parseTrustedKey(value) !== null) return value;
  let text: string;
  try {
    text = readFileSync(resolve(cwd, value), 'utf8');
  } catch {
    throw new Usage(`--trusted-key "${value}" is neither a base64 Ed25519 public key, a 16-hex key id, a PEM public key, nor a readable file.`);
  }
  if (parseTrustedKey(text) === null) throw new Usage(`${value} does not hold a base64 Ed25519 public key, a key id or a PEM public key.`);
  return text;
}

function settingsTrustedKeys(io: PluginSigningIo): string[] | null {
  const boot = readEnvironment(io.env);
  const cwd = realpathSync(io.cwd);
  const loaded = loadSettings({ cwd, projectRoot: findProjectRoot(cwd), configDir: boot.configDir, home: boot.home, managedPath: boot.managedSettingsPath });
  if (!loaded.ok) {
    io.err(`wright: Invalid settings: ${loaded.error.format()}\n`);
    return null;
  }
  const keys = loaded.settings.plugins.trustedKeys;
  for (const key of keys) {
    if (parseTrustedKey(key) === null) io.err(`wright: warning: plugins.trustedKeys entry "${key.slice(0, 60)}" is not a base64 Ed25519 key, key id or PEM public key; ignored.\n`);
  }
  return keys;
}

function pluginDir(path: string, io: PluginSigningIo): string {
  const dir = resolve(io.cwd, path);
  let isDirectory = false;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    // reported below
  }
  if (!isDirectory) throw new Usage(`${path} is not a directory.`);
  return dir;
}

/** Positional arguments, and the values of the named options (each may repeat; `--opt=value` too). */
function options(argv: string[], names: readonly string[]): { positional: string[]; values: Record<string, string[]> } {
  const positional: string[] = [];
  const values: Record<string, string[]> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (names.includes(name)) {
      const value = name === arg ? argv[++i] : arg.slice(eq + 1);
      if (value === undefined) throw new Usage(`${name} needs a value.`);
      (values[name] ??= []).push(value);
    } else if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new Usage(`Unknown option ${arg}.`);
    } else positional.push(arg);
  }
  return { positional, values };
}
