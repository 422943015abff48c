// Run as a child process by backgroundShells.test.ts: starts a background shell, then exits without
// disposing the session, so only the process 'exit' safety net can end it.
import { bashTool } from '../../src/tools/bashTool.js';
import { makeContext } from './toolTestContext.js';

const [directory, pidFile] = process.argv.slice(2) as [string, string];
const ctx = makeContext(directory, { env: { ...process.env, WRIGHT_SHELL_SNAPSHOT: '0' } });
await bashTool.run({ command: `sleep 300 & echo $! > ${pidFile}; wait`, run_in_background: true }, ctx);
const { existsSync } = await import('node:fs');
while (!existsSync(pidFile)) await new Promise((resolve) => setTimeout(resolve, 20));
process.stdout.write(`log=${ctx.session.shells!.background.get('bash_1')!.outputFile}\n`);
process.exit(0);
