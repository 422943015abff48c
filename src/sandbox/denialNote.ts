// When a sandboxed command fails, a short note tells the model whether the sandbox is the likely
// cause and what can be done about it, so it does not retry the same thing or guess at permissions.

/** What the OS says when a write hits a read-only mount or a read hits a mask. */
const FILESYSTEM_DENIAL = /Read-only file system|\bEROFS\b|Permission denied|\bEACCES\b|Operation not permitted|\bEPERM\b/;
/** What clients say with no network, or when the proxy refuses. */
const NETWORK_DENIAL =
  /Blocked by the wright sandbox|CONNECT tunnel failed, response 403|\b403 Forbidden\b|Could not resolve host|Temporary failure in name resolution|Name or service not known|\bEAI_AGAIN\b|\bENOTFOUND\b|Network is unreachable|\bENETUNREACH\b|Failed to connect to|Couldn't connect to server|Connection refused|\bECONNREFUSED\b/;

export interface DenialContext {
  /** The command's output (stdout and stderr). */
  output: string;
  /** Hosts the proxy refused while it ran. */
  blockedHosts: readonly string[];
  allowedDomains: readonly string[];
  allowUnsandboxedCommands: boolean;
  /** Paths the sandbox hides; an error naming one (even "No such file") is the sandbox's doing. */
  hiddenPaths?: readonly string[];
}

export function sandboxDenialNote(context: DenialContext): string | undefined {
  const network = context.blockedHosts.length > 0 || NETWORK_DENIAL.test(context.output);
  const filesystem = FILESYSTEM_DENIAL.test(context.output) || (context.hiddenPaths ?? []).some((path) => context.output.includes(path));
  if (!network && !filesystem) return undefined;
  const escape = context.allowUnsandboxedCommands
    ? 'or you may retry with dangerouslyDisableSandbox: true, which runs it outside the sandbox after the user approves.'
    : 'running outside the sandbox is disabled (sandbox.allowUnsandboxedCommands is false).';
  const parts = ['Note: this command ran in the OS sandbox, and the failure looks like the sandbox blocking it.'];
  if (filesystem) {
    parts.push(
      'Commands may write only in the working directories and $TMPDIR (not in .git/hooks, .git/config, .wright, .claude or shell rc files there), and cannot read credential files such as ~/.ssh.',
    );
  }
  if (network) {
    const allowed = context.allowedDomains.length === 0 ? 'none' : context.allowedDomains.join(', ');
    const blocked = context.blockedHosts.length === 0 ? '' : ` Blocked: ${[...new Set(context.blockedHosts)].join(', ')}.`;
    parts.push(`Network goes only through the sandbox proxy to sandbox.network.allowedDomains (now: ${allowed}).${blocked}`);
  }
  const settingName = filesystem && !network ? 'sandbox.filesystem.allowWrite' : network && !filesystem ? 'sandbox.network.allowedDomains' : 'sandbox.filesystem.allowWrite or sandbox.network.allowedDomains';
  parts.push(`The user can allow it in settings (${settingName}), ${escape}`);
  return parts.join(' ');
}
