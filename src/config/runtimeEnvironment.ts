// What kind of machine wright runs on: a container (Docker, Podman, another OCI runtime, Kubernetes),
// WSL, a CI runner, a devcontainer or Codespace, or a sandbox that says so (`IS_SANDBOX`). The file
// system and environment are passed in, so tests describe a machine instead of needing one.
//
// Used to refuse `--dangerously-skip-permissions` as root on a real machine: root with no permission
// checks is only reasonable where the whole machine is disposable.
import { existsSync, readFileSync } from 'node:fs';

export interface RuntimeProbe {
  env: Readonly<Record<string, string | undefined>>;
  exists(path: string): boolean;
  /** The file's text, or undefined when it cannot be read. */
  readText(path: string): string | undefined;
  /** The effective user id; undefined where the platform has none (Windows). */
  uid: number | undefined;
}

export interface RuntimeEnvironment {
  /** The container runtime detected, with the evidence. */
  container?: { runtime: 'docker' | 'podman' | 'kubernetes' | 'container'; evidence: string };
  wsl?: { evidence: string };
  ci?: { evidence: string };
  devcontainer?: { evidence: string };
  /** `IS_SANDBOX` is set: the caller vouches that this machine is a disposable sandbox. */
  sandbox?: { evidence: string };
  isRoot: boolean;
}

const CI_VARIABLES = [
  'GITHUB_ACTIONS', 'GITLAB_CI', 'BUILDKITE', 'CIRCLECI', 'TRAVIS', 'JENKINS_URL', 'TF_BUILD', 'TEAMCITY_VERSION',
  'BITBUCKET_BUILD_NUMBER', 'DRONE', 'APPVEYOR', 'CODEBUILD_BUILD_ID', 'WOODPECKER_CI',
];
const DEVCONTAINER_VARIABLES = ['REMOTE_CONTAINERS', 'DEVCONTAINER', 'CODESPACES'];
/** cgroup paths container runtimes leave behind (cgroup v1, and v2 on some hosts). */
const CGROUP_MARKERS: ReadonlyArray<[RegExp, NonNullable<RuntimeEnvironment['container']>['runtime']]> = [
  [/\bdocker\b|docker-[0-9a-f]{12,}/, 'docker'],
  [/libpod|podman/, 'podman'],
  [/kubepods/, 'kubernetes'],
  [/containerd|\/lxc\/|\.scope\/container|garden/, 'container'],
];

export function detectRuntimeEnvironment(probe: RuntimeProbe): RuntimeEnvironment {
  const set = (name: string) => {
    const value = probe.env[name];
    return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
  };
  const detected: RuntimeEnvironment = { isRoot: probe.uid === 0 };

  const container = detectContainer(probe, set);
  if (container !== undefined) detected.container = container;

  const procVersion = probe.readText('/proc/version') ?? '';
  if (set('WSL_DISTRO_NAME') || set('WSL_INTEROP')) detected.wsl = { evidence: set('WSL_DISTRO_NAME') ? 'WSL_DISTRO_NAME' : 'WSL_INTEROP' };
  else if (/microsoft|wsl/i.test(procVersion)) detected.wsl = { evidence: '/proc/version mentions Microsoft' };

  const ci = ['CI', ...CI_VARIABLES].find(set);
  if (ci !== undefined) detected.ci = { evidence: ci };
  const devcontainer = DEVCONTAINER_VARIABLES.find(set);
  if (devcontainer !== undefined) detected.devcontainer = { evidence: devcontainer };
  if (set('IS_SANDBOX')) detected.sandbox = { evidence: 'IS_SANDBOX' };
  return detected;
}

function detectContainer(probe: RuntimeProbe, set: (name: string) => boolean): RuntimeEnvironment['container'] {
  if (probe.exists('/.dockerenv')) return { runtime: 'docker', evidence: '/.dockerenv' };
  if (probe.exists('/run/.containerenv')) return { runtime: 'podman', evidence: '/run/.containerenv' };
  const declared = probe.env['container'];
  if (declared !== undefined && declared !== '') {
    return { runtime: declared === 'podman' ? 'podman' : declared === 'docker' ? 'docker' : 'container', evidence: `container=${declared}` };
  }
  if (set('KUBERNETES_SERVICE_HOST')) return { runtime: 'kubernetes', evidence: 'KUBERNETES_SERVICE_HOST' };
  for (const file of ['/proc/1/cgroup', '/proc/self/cgroup']) {
    const text = probe.readText(file) ?? '';
    const marker = CGROUP_MARKERS.find(([pattern]) => pattern.test(text));
    if (marker !== undefined) return { runtime: marker[1], evidence: file };
  }
  return undefined;
}

/** Whether the machine is disposable enough for root without permission checks. */
export function isIsolated(environment: RuntimeEnvironment): boolean {
  return environment.container !== undefined || environment.devcontainer !== undefined || environment.sandbox !== undefined;
}

/** The probe for the machine wright is running on. */
export function hostRuntimeProbe(env: Readonly<Record<string, string | undefined>>): RuntimeProbe {
  return {
    env,
    exists: (path) => existsSync(path),
    readText: (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    uid: typeof process.getuid === 'function' ? process.getuid() : undefined,
  };
}
