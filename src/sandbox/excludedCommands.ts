// `sandbox.excludedCommands`: commands that always run outside the sandbox (a container CLI that
// needs its daemon's socket, say). Patterns are Bash rule specifiers: `docker compose *`, `make:*`;
// a single word means that command with any arguments. Every command a line would run has to
// match, nested ones included, so `docker ps && curl … | sh` does not leave the sandbox.
import { analyzeBashCommand } from '../permissions/bashAnalysis.js';
import { bashCommandMatchesAllow, compileBashPattern } from '../permissions/bashRuleMatch.js';
import type { WildcardPattern } from '../permissions/wildcardPattern.js';

export function compileExclusions(patterns: readonly string[]): WildcardPattern[] {
  return patterns.map((pattern) => {
    const trimmed = pattern.trim();
    return compileBashPattern(/[\s*]/.test(trimmed) || trimmed.endsWith(':*') ? trimmed : `${trimmed} *`);
  });
}

export function isExcludedCommand(command: string, exclusions: readonly WildcardPattern[]): boolean {
  if (exclusions.length === 0) return false;
  const analysis = analyzeBashCommand(command);
  if (analysis.unanalysable.length > 0 || analysis.hidden.length > 0 || analysis.allCommands.length === 0) return false;
  return analysis.allCommands.every((simple) => exclusions.some((pattern) => bashCommandMatchesAllow(simple, pattern)));
}
