// The sandbox for one session's Bash commands: decides whether a call runs sandboxed, prepares what
// sandboxed commands share (a private directory, the network proxy), and turns a shell launch into
// a bubblewrap or sandbox-exec launch. Created at start-up when `sandbox.enabled` is set.
import { chmodSync, mkdirSync, mkdtempSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SandboxSettings } from '../config/settings.js';
import type { WildcardPattern } from '../permissions/wildcardPattern.js';
import type { SandboxAvailability } from './availability.js';
import { bwrapArgs } from './bwrapArgs.js';
import { sandboxDenialNote } from './denialNote.js';
import { compileExclusions, isExcludedCommand } from './excludedCommands.js';
import { planMounts } from './mountPlan.js';
import { startNetworkProxy, type RunningProxy } from './networkProxy.js';
import { proxyEnvironment, RELAY_PORT, RELAY_SCRIPT, withRelay } from './proxyRelay.js';
import type { SandboxPolicy } from './sandboxPolicy.js';
import { SANDBOX_EXEC, seatbeltArgs, seatbeltProfile } from './seatbeltProfile.js';

/** How one process is started; the sandbox wraps it. */
export interface CommandLaunch {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
}

export type SandboxPlan =
  | { mode: 'sandboxed' }
  /** `excluded`: matches sandbox.excludedCommands; `requested`: dangerouslyDisableSandbox; `unavailable`: no sandbox here. */
  | { mode: 'unsandboxed'; why: 'excluded' | 'requested' | 'unavailable' }
  | { mode: 'refused'; message: string };

export interface BashSandboxOptions {
  settings: SandboxSettings;
  policy: SandboxPolicy;
  availability: SandboxAvailability;
  /** Runs the network relay inside the sandbox; default the running node. */
  nodePath?: string;
  /** Where the session's sandbox directory is made; default the OS temp dir. */
  tempRoot?: string;
}

interface SessionFiles {
  root: string;
  /** TMPDIR for sandboxed commands. */
  tmp: string;
  emptyDir: string;
  deniedFile: string;
  socket: string;
  relayScript: string;
}

export class BashSandbox {
  readonly settings: SandboxSettings;
  readonly policy: SandboxPolicy;
  readonly availability: SandboxAvailability;
  private readonly exclusions: WildcardPattern[];
  private readonly nodePath: string;
  private readonly tempRoot: string;
  private files: SessionFiles | undefined;
  private proxy: Promise<RunningProxy> | undefined;
  private runningProxy: RunningProxy | undefined;
  private readonly blocked: string[] = [];
  /** Protected directories bubblewrap created as empty mount points; removed when the session ends. */
  private readonly maskedMissing = new Set<string>();
  private readonly exitHandler = () => this.cleanUpFiles();

  constructor(options: BashSandboxOptions) {
    this.settings = options.settings;
    this.policy = options.policy;
    this.availability = options.availability;
    this.exclusions = compileExclusions(options.settings.excludedCommands);
    this.nodePath = options.nodePath ?? process.execPath;
    this.tempRoot = options.tempRoot ?? tmpdir();
  }

  /** True for a command sandbox.excludedCommands sends outside the sandbox. */
  runsOutside(command: string): boolean {
    return isExcludedCommand(command, this.exclusions);
  }

  /** True when commands really run sandboxed (enabled and available). */
  get isActive(): boolean {
    return this.availability.available;
  }

  plan(command: string, dangerouslyDisableSandbox: boolean): SandboxPlan {
    if (dangerouslyDisableSandbox) {
      if (!this.settings.allowUnsandboxedCommands) {
        return {
          mode: 'refused',
          message:
            'dangerouslyDisableSandbox is not allowed here: settings set sandbox.allowUnsandboxedCommands to false, so every command runs in the sandbox. Run the command without it, or ask the user to change the sandbox settings.',
        };
      }
      return { mode: 'unsandboxed', why: 'requested' };
    }
    if (this.runsOutside(command)) return { mode: 'unsandboxed', why: 'excluded' };
    if (this.availability.available) return { mode: 'sandboxed' };
    if (this.settings.failIfUnavailable) {
      return {
        mode: 'refused',
        message: `Command was not run: the OS sandbox is required (sandbox.failIfUnavailable) but not available: ${this.availability.reason}.`,
      };
    }
    return { mode: 'unsandboxed', why: 'unavailable' };
  }

  /** Makes the session's sandbox directory and starts the proxy when domains are allowed. Idempotent. */
  async prepare(): Promise<void> {
    const files = this.sessionFiles();
    if (this.policy.network.allowedDomains.length === 0) return;
    this.proxy ??= startNetworkProxy({
      listen: this.backendKind() === 'seatbelt' ? { host: '127.0.0.1', port: 0 } : { path: files.socket },
      rules: this.policy.network,
      onBlocked: (host) => this.blocked.push(host),
    });
    this.runningProxy = await this.proxy;
  }

  /**
   * Wraps a shell launch; `prepare()` must have finished. `writableFiles` are files outside the
   * writable roots the command must write (the cwd capture file); they are created empty if missing.
   */
  wrap(launch: CommandLaunch, writableFiles: readonly string[] = []): CommandLaunch {
    if (!this.availability.available) throw new Error('BashSandbox.wrap called while the sandbox is unavailable');
    const files = this.sessionFiles();
    const proxy = this.runningProxy;
    if (this.policy.network.allowedDomains.length > 0 && !proxy) throw new Error('BashSandbox.wrap called before prepare()');
    for (const file of writableFiles) writeFileSync(file, '', { flag: 'a', mode: 0o600 });
    const env: Record<string, string> = { ...launch.env, TMPDIR: files.tmp };
    for (const name of ['TMP', 'TEMP']) if (env[name] !== undefined) env[name] = files.tmp;
    const extraWritable = [files.tmp, ...writableFiles];

    if (this.availability.backend.kind === 'seatbelt') {
      const port = proxy?.port;
      const profile = seatbeltProfile({ policy: this.policy, extraWritable, ...(port !== undefined ? { proxyPort: port } : {}) });
      return {
        file: SANDBOX_EXEC,
        args: seatbeltArgs(profile, [launch.file, ...launch.args]),
        env: port === undefined ? env : { ...env, ...proxyEnvironment(port, this.policy.network.allowedDomains) },
        cwd: launch.cwd,
      };
    }
    const mounts = planMounts({
      policy: this.policy,
      extraWritable,
      extraReadable: proxy ? [files.socket, files.relayScript] : [],
    });
    for (const mount of mounts) if (mount.op === 'maskMissingDir') this.maskedMissing.add(mount.path);
    const command = [launch.file, ...launch.args];
    const relayed = proxy ? withRelay({ node: this.nodePath, relayScript: files.relayScript, socketPath: files.socket }, command) : command;
    return {
      file: this.availability.backend.bwrap,
      args: bwrapArgs({ mounts, emptyDir: files.emptyDir, deniedFile: files.deniedFile, cwd: launch.cwd, command: relayed }),
      env: proxy ? { ...env, ...proxyEnvironment(RELAY_PORT, this.policy.network.allowedDomains) } : env,
      cwd: launch.cwd,
    };
  }

  /** A position in the list of refused hosts, to ask later what one command was refused. */
  blockedMark(): number {
    return this.blocked.length;
  }

  /** The note for a sandboxed command that failed, when the failure looks like the sandbox's doing. */
  denialNote(output: string, blockedMark: number): string | undefined {
    return sandboxDenialNote({
      output,
      blockedHosts: this.blocked.slice(blockedMark),
      allowedDomains: this.policy.network.allowedDomains,
      allowUnsandboxedCommands: this.settings.allowUnsandboxedCommands,
      hiddenPaths: this.policy.denyRead,
    });
  }

  async dispose(): Promise<void> {
    const proxy = this.proxy;
    this.proxy = undefined;
    this.runningProxy = undefined;
    if (proxy) await (await proxy.catch(() => undefined))?.close();
    this.cleanUpFiles();
  }

  private backendKind(): 'bwrap' | 'seatbelt' | undefined {
    return this.availability.available ? this.availability.backend.kind : undefined;
  }

  private sessionFiles(): SessionFiles {
    if (this.files) return this.files;
    const root = mkdtempSync(join(this.tempRoot, 'wright-sandbox-'));
    const files: SessionFiles = {
      root,
      tmp: join(root, 'tmp'),
      emptyDir: join(root, 'empty'),
      deniedFile: join(root, 'denied'),
      socket: join(root, 'proxy.sock'),
      relayScript: join(root, 'relay.cjs'),
    };
    mkdirSync(files.tmp, { mode: 0o700 });
    mkdirSync(files.emptyDir, { mode: 0o555 });
    chmodSync(files.emptyDir, 0o555);
    writeFileSync(files.deniedFile, '', { mode: 0o000 });
    chmodSync(files.deniedFile, 0o000);
    writeFileSync(files.relayScript, RELAY_SCRIPT, { mode: 0o444 });
    this.files = files;
    process.on('exit', this.exitHandler);
    return files;
  }

  /** Synchronous, so it can run from a process 'exit' handler. */
  private cleanUpFiles(): void {
    for (const path of this.maskedMissing) {
      try {
        rmdirSync(path); // only ever removes an empty directory
      } catch {
        // Someone put something in it, or it is gone already.
      }
    }
    this.maskedMissing.clear();
    if (!this.files) return;
    process.off('exit', this.exitHandler);
    rmSync(this.files.root, { recursive: true, force: true });
    this.files = undefined;
  }
}
