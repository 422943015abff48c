// `wright permissions check <Tool> --input '<json>' [--mode M] [--settings S] [--explain] [--json]`:
// shows the decision the permission gate would make for one call, and what made it, without running
// anything. Output is one JSON object, as it always was, unless `--explain` asks for readable text
// with the parsed command tree; `--explain --json` puts that tree into the JSON instead.
import { checkPermissionForCli, renderPermissionCheck } from '../permissions/permissionCheckReport.js';
import { createCoreTools } from '../tools/index.js';
import { loadPolicy, readyBashParser } from './assembleAgent.js';
import { splitRuleList } from './args.js';
import { UsageError } from './errors.js';
import { EXIT } from './exitCodes.js';

const USAGE =
  "Usage: wright permissions check <Tool> --input '<json>' [--mode <mode>] [--settings <file|json>] [--allowedTools <rules…>] [--disallowedTools <rules…>] [--add-dir <dir>] [--explain] [--json]";

export async function runPermissionsCommand(argv: string[]): Promise<number> {
  const [subcommand, toolName, ...rest] = argv;
  if (subcommand !== 'check' || !toolName || toolName.startsWith('-')) throw new UsageError(USAGE);
  const flags = readFlags(rest);
  let input: Record<string, unknown> = {};
  if (flags.input !== undefined) {
    try {
      input = JSON.parse(flags.input);
    } catch (error) {
      throw new UsageError(`--input is not valid JSON: ${(error as Error).message}`);
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new UsageError('--input must be a JSON object.');
  }

  const { policy } = loadPolicy(
    {
      ...(flags.settings !== undefined ? { settings: flags.settings } : {}),
      ...(flags.mode !== undefined ? { permissionMode: flags.mode } : {}),
      dangerouslySkipPermissions: false,
      allowedTools: flags.allowedTools,
      disallowedTools: flags.disallowedTools,
      addDir: flags.addDir,
    },
    process.env,
  );
  await readyBashParser();
  const tool = createCoreTools().find((candidate) => candidate.name === toolName);
  const parsed = tool?.inputSchema.safeParse(input);
  const isReadOnly = parsed?.success ? tool!.isReadOnly(parsed.data) : false;
  const report = checkPermissionForCli({ toolName, input, isReadOnly }, policy, { explain: flags.explain });
  process.stdout.write(flags.explain && !flags.json ? renderPermissionCheck(report) : `${JSON.stringify(report)}\n`);
  return EXIT.success;
}

function readFlags(argv: string[]) {
  const flags: {
    input?: string;
    mode?: string;
    settings?: string;
    allowedTools: string[];
    disallowedTools: string[];
    addDir: string[];
    explain: boolean;
    json: boolean;
  } = { allowedTools: [], disallowedTools: [], addDir: [], explain: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]!;
    if (name === '--explain') {
      flags.explain = true;
      continue;
    }
    if (name === '--json') {
      flags.json = true;
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined) throw new UsageError(`${name} needs a value.\n${USAGE}`);
    i++;
    if (name === '--input') flags.input = value;
    else if (name === '--mode' || name === '--permission-mode') flags.mode = value;
    else if (name === '--settings') flags.settings = value;
    else if (name === '--allowedTools' || name === '--allowed-tools') flags.allowedTools.push(...splitRuleList(value));
    else if (name === '--disallowedTools' || name === '--disallowed-tools') flags.disallowedTools.push(...splitRuleList(value));
    else if (name === '--add-dir') flags.addDir.push(value);
    else throw new UsageError(`Unknown option for permissions check: ${name}\n${USAGE}`);
  }
  return flags;
}
