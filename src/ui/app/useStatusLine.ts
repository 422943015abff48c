// Keeps the user's status line (settings `statusLine`) up to date: reruns the command when what it
// is told about changes (model, mode, cost, context), debounced by the runner.
import { useEffect, useRef, useState } from 'react';
import type { StatusLineSettings } from '../../config/settingsSchema.js';
import { statusLineInput, type StatusLineSession } from '../statusLine/statusLineInput.js';
import { StatusLineRunner } from '../statusLine/statusLineRunner.js';

export function useStatusLine(
  settings: StatusLineSettings | undefined,
  session: StatusLineSession,
  env: Record<string, string | undefined>,
): string[] | undefined {
  const [lines, setLines] = useState<string[] | undefined>(undefined);
  const runner = useRef<StatusLineRunner | undefined>(undefined);

  useEffect(() => {
    if (!settings) return;
    const instance = new StatusLineRunner({ command: settings.command, cwd: session.cwd, env, onUpdate: setLines });
    runner.current = instance;
    return () => {
      instance.dispose();
      runner.current = undefined;
    };
  }, [settings?.command]);

  const key = `${session.model}|${session.permissionMode}|${session.totalCostUsd}|${session.currentUsage?.input_tokens ?? 0}`;
  useEffect(() => {
    runner.current?.request(statusLineInput(session));
  }, [key, settings?.command]);

  return settings ? lines : undefined;
}
