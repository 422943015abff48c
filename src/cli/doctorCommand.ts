// `wright doctor`: prints the checks and exits 1 when any of them failed.
import { formatDoctorReport, runDoctorChecks } from './doctorChecks.js';
import { EXIT } from './exitCodes.js';

export async function runDoctorCommand(): Promise<number> {
  const checks = await runDoctorChecks({
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
