// The launcher: answers `--version` without loading anything else, so a cold start costs little
// more than node's own; everything else is imported on demand.
declare const WRIGHT_VERSION: string;

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v' || args[0] === '-V')) {
  process.stdout.write(`${WRIGHT_VERSION} (wright)\n`);
} else {
  const { main } = await import('./main.js');
  process.exitCode = await main(args, WRIGHT_VERSION);
}
