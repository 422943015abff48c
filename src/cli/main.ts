import { secretValuesOf } from '../secrets/credentialVariables.js';
import { Redactor } from '../secrets/redactor.js';
import { helpText, parseArgs } from './args.js';
import { ConfigurationError, UsageError } from './errors.js';
import { EXIT } from './exitCodes.js';

/** Entry point after the launcher: dispatches subcommands and front ends, returns the exit code. */
export async function main(argv: string[], version: string): Promise<number> {
  // One redactor for the process: it knows the environment's secrets now and learns the settings'
  // once a session loads them, so even errors thrown late are printed without them.
  const redactor = new Redactor(secretValuesOf(process.env));
  const printError = (text: string) => process.stderr.write(redactor.redactText(`wright: ${text}\n`));
  // A reader that goes away (`wright -p … | head -1`) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.success);
    throw error;
  });
  process.on('unhandledRejection', (reason) => {
    printError(`internal error: ${reason instanceof Error ? reason.message : String(reason)}`);
    process.exit(EXIT.error);
  });
  try {
    if (argv[0] === 'permissions') {
      const { runPermissionsCommand } = await import('./permissionsCommand.js');
      return await runPermissionsCommand(argv.slice(1));
    }
    if (argv[0] === 'doctor') {
      const { runDoctorCommand } = await import('./doctorCommand.js');
      return await runDoctorCommand(argv.slice(1));
    }
    if (argv[0] === 'sessions') {
      const { runSessionsCommand } = await import('./sessionsCommand.js');
      return await runSessionsCommand(argv.slice(1));
    }
    if (argv[0] === 'mcp') {
      const { runMcpCommand } = await import('./mcpCommand.js');
      return await runMcpCommand(argv.slice(1), version);
    }
    if (argv[0] === 'plugin' || argv[0] === 'plugins') {
      const { runPluginCommand } = await import('./pluginCommand.js');
      return await runPluginCommand(argv.slice(1));
    }
    const options = parseArgs(argv);
    if (options.help) {
      process.stdout.write(helpText(version));
      return EXIT.success;
    }
    if (options.version) {
      process.stdout.write(`${version} (wright)\n`);
      return EXIT.success;
    }
    if (!options.print) {
      const { runInteractive } = await import('./interactive.js');
      return await runInteractive(options, version, redactor);
    }
    const { runPrintMode } = await import('./printMode.js');
    return await runPrintMode(options, version, redactor);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigurationError) {
      printError(error.message);
      return EXIT.usage;
    }
    printError(`unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.error;
  }
}
