import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CORE_INSTRUCTIONS } from '../../src/context/coreInstructions.js';
import type { GitSnapshot } from '../../src/context/gitSnapshot.js';
import {
  buildSystemPrompt,
  environmentBlock,
  localDate,
  memoryContextReminder,
} from '../../src/context/systemPrompt.js';

const GIT: GitSnapshot = {
  branch: 'feature/login',
  mainBranch: 'main',
  status: ' M src/app.ts\n?? notes.txt',
  statusTruncated: false,
  recentCommits: ['abc1234 Add login form', 'def5678 Initial commit'],
};

const BASE = { model: 'claude-sonnet-4-5', cwd: '/work/repo', git: GIT, date: '2025-10-01', platform: 'linux', osVersion: 'Linux 6.1.0' };

describe('environmentBlock', () => {
  it('states the working directory, repository, platform, OS, date and model', () => {
    const block = environmentBlock({
      cwd: '/work/repo',
      isGitRepo: false,
      platform: 'darwin',
      osVersion: 'Darwin 24.0.0',
      date: '2025-10-01',
      model: 'gpt-5',
    });
    const env = /<env>\n([\s\S]*)\n<\/env>/.exec(block)?.[1];
    assert.equal(
      env,
      'Working directory: /work/repo\nIs directory a git repo: No\nPlatform: darwin\nOS Version: Darwin 24.0.0\nToday\'s date: 2025-10-01',
    );
    assert.match(block, /model gpt-5/);
  });
});

describe('buildSystemPrompt', () => {
  it('puts core instructions, environment, git snapshot and approved rules in that order', () => {
    const prompt = buildSystemPrompt({ ...BASE, allowedToolRules: ['Bash(git add:*)', 'Read'] });
    const order = [
      prompt.indexOf('You are wright'),
      prompt.indexOf('<env>'),
      prompt.indexOf('Is directory a git repo: Yes'),
      prompt.indexOf('gitStatus:'),
      prompt.indexOf('Current branch: feature/login'),
      prompt.indexOf('main'),
      prompt.indexOf(' M src/app.ts\n?? notes.txt'),
      prompt.indexOf('abc1234 Add login form\ndef5678 Initial commit'),
      prompt.indexOf('run without asking: Bash(git add:*), Read'),
    ];
    assert.ok(order.every((index) => index >= 0), String(order));
    assert.ok(prompt.startsWith(CORE_INSTRUCTIONS));
    assert.ok(prompt.indexOf('<env>') < prompt.indexOf('gitStatus:'));
    assert.ok(prompt.indexOf('gitStatus:') < prompt.indexOf('pre-approved'));
  });

  it('covers the core guidance', () => {
    for (const topic of [/dedicated tools/, /Read a file before you edit/, /same message so they run in parallel/, /run the relevant tests/, /Never claim/]) {
      assert.match(CORE_INSTRUCTIONS, topic);
    }
  });

  it('leaves out the git section and rules line when there is nothing to say', () => {
    const prompt = buildSystemPrompt({ ...BASE, git: null, allowedToolRules: [] });
    assert.match(prompt, /Is directory a git repo: No/);
    assert.doesNotMatch(prompt, /gitStatus|pre-approved/);
  });

  it('shows a clean tree and an empty history plainly', () => {
    const prompt = buildSystemPrompt({ ...BASE, git: { ...GIT, status: '', recentCommits: [], statusTruncated: false } });
    assert.match(prompt, /Status:\n\(clean\)/);
    assert.match(prompt, /Recent commits:\n\(no commits yet\)/);
  });

  it('replaces only the core instructions with --system-prompt', () => {
    const prompt = buildSystemPrompt({ ...BASE, customSystemPrompt: 'You are a pirate.' });
    assert.ok(prompt.startsWith('You are a pirate.\n\n'));
    assert.doesNotMatch(prompt, /You are wright/);
    assert.match(prompt, /<env>[\s\S]*Working directory: \/work\/repo[\s\S]*<\/env>/);
    assert.match(prompt, /gitStatus:/);
  });

  it('adds --append-system-prompt at the very end', () => {
    const prompt = buildSystemPrompt({ ...BASE, appendSystemPrompt: 'Always answer in French.', allowedToolRules: ['Read'] });
    assert.ok(prompt.endsWith('\n\nAlways answer in French.'));
    assert.match(prompt, /^You are wright/);
  });

  it('uses this machine when platform and OS are not given', () => {
    const prompt = buildSystemPrompt({ model: 'm', cwd: '/x', git: null, date: '2025-01-02' });
    assert.match(prompt, new RegExp(`Platform: ${process.platform}\n`));
  });
});

describe('localDate', () => {
  it('formats the local calendar date', () => {
    assert.equal(localDate(new Date(2025, 0, 5, 23, 59)), '2025-01-05');
  });
});

describe('memoryContextReminder', () => {
  it('is null without memory', () => {
    assert.equal(memoryContextReminder([]), null);
    assert.equal(memoryContextReminder([{ path: '/a/WRIGHT.md', scope: 'project', content: '  \n' }]), null);
  });

  it('renders every file with its path and scope in one system reminder', () => {
    const text = memoryContextReminder([
      { path: '/home/u/.wright/WRIGHT.md', scope: 'user', content: 'Prefer pnpm.\n' },
      { path: '/repo/CLAUDE.md', scope: 'project', content: 'Run `make test`.' },
      { path: '/repo/CLAUDE.local.md', scope: 'local', content: 'My port is 3001.' },
    ]);
    assert.ok(text);
    assert.ok(text.startsWith('<system-reminder>\n'));
    assert.ok(text.endsWith('\n</system-reminder>'));
    const user = text.indexOf('Contents of /home/u/.wright/WRIGHT.md (user:');
    const project = text.indexOf('Contents of /repo/CLAUDE.md (project:');
    const local = text.indexOf('Contents of /repo/CLAUDE.local.md (local:');
    assert.ok(user > 0 && user < project && project < local, `${user} ${project} ${local}`);
    assert.match(text, /\n\nPrefer pnpm\.\n\nContents of \/repo\/CLAUDE\.md/);
    assert.match(text, /My port is 3001\./);
  });
});
