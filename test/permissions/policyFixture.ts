// Builds permission policies for tests: rules from plain strings, a real temporary project directory.
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBashParser } from '../../src/permissions/bashAnalysis.js';
import { evaluatePermission } from '../../src/permissions/evaluatePermission.js';
import { parseRule } from '../../src/permissions/ruleParser.js';
import type { PermissionDecision, PermissionMode, PermissionPolicy, PermissionRule } from '../../src/permissions/types.js';

// Bash analysis needs its WebAssembly parser loaded, as the CLI does before the first decision.
await initBashParser();

const createdDirectories: string[] = [];
process.once('exit', () => {
  for (const dir of createdDirectories) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory (its real path), removed when the test process exits. */
export function makeTempDir(prefix = 'wright-perm-'): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  createdDirectories.push(dir);
  return dir;
}

export function rules(texts: readonly string[], root: string, source = 'test-settings.json'): PermissionRule[] {
  return texts.map((text) => {
    const parsed = parseRule(text, source, root);
    if (!parsed.ok) throw new Error(`bad rule in test: ${text}: ${parsed.error}`);
    return parsed.rule;
  });
}

export interface PolicyOptions {
  mode?: PermissionMode;
  allow?: string[];
  ask?: string[];
  deny?: string[];
  cwd: string;
  workingDirectories?: string[];
  home?: string;
}

export function makePolicy(options: PolicyOptions): PermissionPolicy {
  return {
    mode: options.mode ?? 'default',
    rules: {
      allow: rules(options.allow ?? [], options.cwd),
      ask: rules(options.ask ?? [], options.cwd),
      deny: rules(options.deny ?? [], options.cwd),
    },
    cwd: options.cwd,
    workingDirectories: options.workingDirectories ?? [options.cwd],
    home: options.home ?? '/home/tester',
  };
}

export function bash(command: string, policy: PermissionPolicy, isReadOnly = true): PermissionDecision {
  return evaluatePermission({ toolName: 'Bash', input: { command }, isReadOnly }, policy);
}

export function tool(toolName: string, input: Record<string, unknown>, policy: PermissionPolicy, isReadOnly = false): PermissionDecision {
  return evaluatePermission({ toolName, input, isReadOnly }, policy);
}
