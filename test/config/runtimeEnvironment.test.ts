// Detecting containers, WSL, CI and devcontainers from a described machine, and refusing
// bypassPermissions as root where nothing contains the damage.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRootBypass } from '../../src/cli/rootBypass.js';
import { ConfigurationError } from '../../src/cli/errors.js';
import { detectRuntimeEnvironment, hostRuntimeProbe, isIsolated, type RuntimeProbe } from '../../src/config/runtimeEnvironment.js';

function machine(options: { files?: Record<string, string>; env?: Record<string, string>; uid?: number } = {}): RuntimeProbe {
  const files = options.files ?? {};
  return {
    env: options.env ?? {},
    exists: (path) => Object.hasOwn(files, path),
    readText: (path) => files[path],
    uid: options.uid ?? 1000,
  };
}

const BARE_METAL = { '/proc/version': 'Linux version 6.8.0-45-generic (buildd@lcy02) (gcc 13.2.0)', '/proc/1/cgroup': '0::/init.scope\n' };

describe('detectRuntimeEnvironment', () => {
  const cases: Array<[string, RuntimeProbe, Partial<Record<'container' | 'wsl' | 'ci' | 'devcontainer' | 'sandbox', string>>]> = [
    ['a plain Linux machine', machine({ files: BARE_METAL }), {}],
    ['Docker (/.dockerenv)', machine({ files: { ...BARE_METAL, '/.dockerenv': '' } }), { container: 'docker' }],
    ['Docker (cgroup v1)', machine({ files: { '/proc/1/cgroup': '12:pids:/docker/4f9c1e2a7b3d5e6f\n' } }), { container: 'docker' }],
    ['Podman (/run/.containerenv)', machine({ files: { '/run/.containerenv': 'engine="podman-4.9"' } }), { container: 'podman' }],
    ['Podman (container=podman)', machine({ env: { container: 'podman' } }), { container: 'podman' }],
    ['Podman (libpod cgroup)', machine({ files: { '/proc/self/cgroup': '0::/machine.slice/libpod-abc.scope' } }), { container: 'podman' }],
    ['systemd-nspawn (container=systemd-nspawn)', machine({ env: { container: 'systemd-nspawn' } }), { container: 'container' }],
    ['Kubernetes', machine({ env: { KUBERNETES_SERVICE_HOST: '10.0.0.1' } }), { container: 'kubernetes' }],
    ['Kubernetes (kubepods cgroup)', machine({ files: { '/proc/1/cgroup': '11:memory:/kubepods/burstable/pod1' } }), { container: 'kubernetes' }],
    ['WSL (WSL_DISTRO_NAME)', machine({ env: { WSL_DISTRO_NAME: 'Ubuntu' } }), { wsl: 'WSL_DISTRO_NAME' }],
    ['WSL (/proc/version)', machine({ files: { '/proc/version': 'Linux version 5.15.153.1-microsoft-standard-WSL2' } }), { wsl: '/proc/version mentions Microsoft' }],
    ['CI=true', machine({ env: { CI: 'true' } }), { ci: 'CI' }],
    ['GitHub Actions', machine({ env: { GITHUB_ACTIONS: 'true' } }), { ci: 'GITHUB_ACTIONS' }],
    ['GitLab CI', machine({ env: { GITLAB_CI: 'true' } }), { ci: 'GITLAB_CI' }],
    ['CI=false is not CI', machine({ env: { CI: 'false' } }), {}],
    ['a devcontainer', machine({ env: { REMOTE_CONTAINERS: 'true' } }), { devcontainer: 'REMOTE_CONTAINERS' }],
    ['DEVCONTAINER', machine({ env: { DEVCONTAINER: '1' } }), { devcontainer: 'DEVCONTAINER' }],
    ['Codespaces', machine({ env: { CODESPACES: 'true' } }), { devcontainer: 'CODESPACES' }],
    ['IS_SANDBOX', machine({ env: { IS_SANDBOX: '1' } }), { sandbox: 'IS_SANDBOX' }],
  ];
  for (const [label, probe, expected] of cases) {
    it(label, () => {
      const detected = detectRuntimeEnvironment(probe);
      assert.deepEqual(
        {
          ...(detected.container ? { container: detected.container.runtime } : {}),
          ...(detected.wsl ? { wsl: detected.wsl.evidence } : {}),
          ...(detected.ci ? { ci: detected.ci.evidence } : {}),
          ...(detected.devcontainer ? { devcontainer: detected.devcontainer.evidence } : {}),
          ...(detected.sandbox ? { sandbox: detected.sandbox.evidence } : {}),
        },
        expected,
      );
    });
  }
  it('knows root by uid 0', () => {
    assert.equal(detectRuntimeEnvironment(machine({ uid: 0 })).isRoot, true);
    assert.equal(detectRuntimeEnvironment(machine({ uid: 1000 })).isRoot, false);
    assert.equal(detectRuntimeEnvironment({ ...machine(), uid: undefined }).isRoot, false);
  });
  it('counts containers, devcontainers and sandboxes as isolated, not WSL or CI alone', () => {
    assert.equal(isIsolated(detectRuntimeEnvironment(machine({ files: { '/.dockerenv': '' } }))), true);
    assert.equal(isIsolated(detectRuntimeEnvironment(machine({ env: { CODESPACES: 'true' } }))), true);
    assert.equal(isIsolated(detectRuntimeEnvironment(machine({ env: { IS_SANDBOX: '1' } }))), true);
    assert.equal(isIsolated(detectRuntimeEnvironment(machine({ env: { WSL_DISTRO_NAME: 'Ubuntu' } }))), false);
    assert.equal(isIsolated(detectRuntimeEnvironment(machine({ env: { CI: 'true' } }))), false);
  });
  it('recognises this machine when it is a container (the test and CI machines are)', () => {
    const here = detectRuntimeEnvironment(hostRuntimeProbe({}));
    if (here.isRoot) assert.ok(isIsolated(here), 'running as root here, yet no container was detected: bypassPermissions tests would be refused');
  });
});

describe('checkRootBypass', () => {
  const refuses = (probe: RuntimeProbe, env: Record<string, string> = {}) => {
    try {
      checkRootBypass('bypassPermissions', detectRuntimeEnvironment(probe), env);
      return undefined;
    } catch (error) {
      assert.ok(error instanceof ConfigurationError);
      return error.message;
    }
  };
  it('refuses root on a bare machine, saying how to proceed', () => {
    const message = refuses(machine({ uid: 0, files: BARE_METAL }));
    assert.match(message ?? '', /cannot run as root outside a container or sandbox/);
    assert.match(message ?? '', /IS_SANDBOX=1 or WRIGHT_ALLOW_ROOT_BYPASS=1/);
    assert.match(refuses(machine({ uid: 0, env: { WSL_DISTRO_NAME: 'Ubuntu' } })) ?? '', /WSL is not isolated/);
    assert.ok(refuses(machine({ uid: 0, env: { CI: 'true' } })));
  });
  it('lets root through inside a container, a devcontainer, a declared sandbox, or with the override', () => {
    assert.equal(refuses(machine({ uid: 0, files: { '/.dockerenv': '' } })), undefined);
    assert.equal(refuses(machine({ uid: 0, env: { REMOTE_CONTAINERS: 'true' } })), undefined);
    assert.equal(refuses(machine({ uid: 0, env: { IS_SANDBOX: '1' } })), undefined);
    assert.equal(refuses(machine({ uid: 0 }), { WRIGHT_ALLOW_ROOT_BYPASS: '1' }), undefined);
    assert.ok(refuses(machine({ uid: 0 }), { WRIGHT_ALLOW_ROOT_BYPASS: 'yes please' }));
  });
  it('never stops a normal user or another mode', () => {
    assert.equal(refuses(machine({ uid: 1000 })), undefined);
    assert.doesNotThrow(() => checkRootBypass('acceptEdits', detectRuntimeEnvironment(machine({ uid: 0 })), {}));
  });
});
