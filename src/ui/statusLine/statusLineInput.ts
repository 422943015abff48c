// The JSON a status line command reads on stdin: Claude Code's shape, so users' existing status line
// scripts work unchanged.
import type { PermissionMode } from '../../config/permissionModes.js';
import type { Usage } from '../../model/types.js';

export interface StatusLineSession {
  sessionId: string;
  transcriptPath: string | null;
  cwd: string;
  projectDir: string;
  addedDirs: string[];
  version: string;
  model: string;
  permissionMode: PermissionMode;
  totalCostUsd: number;
  totalDurationMs: number;
  totalApiDurationMs: number;
  contextWindow: number;
  /** Usage of the latest response: what the context holds now. */
  currentUsage: Usage | null;
}

export function statusLineInput(session: StatusLineSession): Record<string, unknown> {
  const usage = session.currentUsage;
  const inContext = usage ? usage.input_tokens + usage.cache_creation_input_tokens + usage.cache_read_input_tokens : 0;
  const usedPercentage = Math.round((inContext / session.contextWindow) * 100);
  return {
    session_id: session.sessionId,
    transcript_path: session.transcriptPath,
    cwd: session.cwd,
    version: session.version,
    model: { id: session.model, display_name: displayName(session.model) },
    workspace: { current_dir: session.cwd, project_dir: session.projectDir, added_dirs: session.addedDirs },
    output_style: { name: 'default' },
    permission_mode: session.permissionMode,
    cost: {
      total_cost_usd: session.totalCostUsd,
      total_duration_ms: session.totalDurationMs,
      total_api_duration_ms: session.totalApiDurationMs,
    },
    exceeds_200k_tokens: inContext > 200_000,
    context_window: {
      context_window_size: session.contextWindow,
      used_percentage: usedPercentage,
      remaining_percentage: 100 - usedPercentage,
      current_usage: usage,
    },
  };
}

/** `claude-sonnet-5-5` → `Sonnet 5.5`; other names as they are. */
export function displayName(model: string): string {
  const claude = /^claude-([a-z]+)-(\d+)-(\d+)/.exec(model);
  if (!claude) return model;
  const family = claude[1] as string;
  return `${family[0]?.toUpperCase()}${family.slice(1)} ${claude[2]}.${claude[3]}`;
}
