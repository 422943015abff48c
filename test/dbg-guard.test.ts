import { bash, makePolicy, makeTempDir } from './permissions/policyFixture.js';
const cwd = makeTempDir();
const policy = makePolicy({ cwd, mode: 'bypassPermissions', home: '/home/tester' });
for (const c of process.env.CMDS!.split('\n')) {
  const d = bash(c, policy, false);
  console.log(d.behavior.padEnd(6), c, '::', d.reason.slice(0, 160));
}
