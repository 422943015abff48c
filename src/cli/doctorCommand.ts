// `wright doctor`: prints the checks and exits 1 when any of them failed.
import { formatDoctorReport, runDoctorChecks } from './doctorChecks.js';
import { UsageError } from './errors.js';
import { EXIT } from './exitCodes.js';

export async function runDoctorCommand(argv: string[] = []): Promise<number> {
  const unknown = argv.filter((arg) => arg !== '--connect');
  if (unknown.length > 0) throw new UsageError(`Usage: wright doctor [--connect] (unknown: ${unknown.join(' ')})`);
  const checks = await runDoctorChecks({
    connect: argv.includes('--connect'),
    cwd: process.cwd(),
    env: process.env,
    platform: process.platform,
    nodeVersion: process.versions.node,
    terminal: {
      isTTY: process.stdout.isTTY === true,
      ...(process.stdout.columns !== undefined ? { columns: process.stdout.columns } : {}),
      ...(process.stdout.rows !== undefined ? { rows: process.stdout.rows } : {}),
    },
  });
  process.stdout.write(formatDoctorReport(checks));
  return checks.some((check) => check.status === 'fail') ? EXIT.error : EXIT.success;
}
