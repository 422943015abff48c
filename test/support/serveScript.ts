// Runs the scripted model server as a process, for benchmarks and manual demos:
//   node --import tsx test/support/serveScript.ts <script.json> [--api-key KEY]
// The script is a JSON array of ScriptedTurn. Prints one JSON line with the URLs, then serves
// until stdin closes (so it dies with the process that spawned it) or SIGTERM/SIGINT.
import { readFile } from 'node:fs/promises';
import { startModelServer } from './modelServer.js';
import type { ScriptedTurn } from './script.js';

function parseArgs(argv: string[]): { scriptPath: string; apiKey?: string } {
  const positional: string[] = [];
  let apiKey: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--api-key') apiKey = argv[++index] ?? '';
    else positional.push(arg);
  }
  const scriptPath = positional[0];
  if (positional.length !== 1 || scriptPath === undefined) {
    throw new Error('usage: serveScript.ts <script.json> [--api-key KEY]');
  }
  return { scriptPath, ...(apiKey === undefined ? {} : { apiKey }) };
}

function checkScript(value: unknown, path: string): ScriptedTurn[] {
  const isTurn = (turn: unknown) =>
    typeof turn === 'object' && turn !== null && ['reply', 'fault'].includes((turn as { kind?: unknown }).kind as string);
  if (!Array.isArray(value) || !value.every(isTurn)) {
    throw new Error(`${path}: expected a JSON array of turns, each with "kind": "reply" or "fault"`);
  }
  return value as ScriptedTurn[];
}

async function main(): Promise<void> {
  const { scriptPath, apiKey } = parseArgs(process.argv.slice(2));
  const script = checkScript(JSON.parse(await readFile(scriptPath, 'utf8')), scriptPath);
  const server = await startModelServer({ script, ...(apiKey === undefined ? {} : { apiKey }) });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();

  // Printed last: whoever reads this line may signal us at once, so the handlers must be in place.
  const { url, anthropicBaseUrl, openaiBaseUrl } = server;
  process.stdout.write(JSON.stringify({ url, anthropicBaseUrl, openaiBaseUrl }) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`serveScript: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
