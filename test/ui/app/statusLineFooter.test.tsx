import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { Footer } from '../../../src/ui/app/Footer.js';
import { useStatusLine } from '../../../src/ui/app/useStatusLine.js';

const session = {
  sessionId: 's',
  transcriptPath: null,
  cwd: process.cwd(),
  projectDir: process.cwd(),
  addedDirs: [],
  version: 't',
  model: 'claude-sonnet-5-5',
  permissionMode: 'plan' as const,
  totalCostUsd: 0,
  totalDurationMs: 0,
  totalApiDurationMs: 0,
  contextWindow: 200_000,
  currentUsage: null,
};

test('a status line replaces model, cost and context in the footer; the mode stays visible', () => {
  const props = { model: 'claude-sonnet-5-5', mode: 'plan' as const, costUsd: 1.5, contextTokens: 1000, busySince: null, now: 0, outputTokens: 0 };
  const plain = render(<Footer {...props} />).lastFrame() ?? '';
  assert.match(plain, /claude-sonnet-5-5 · \$1\.50/);
  const custom = render(<Footer {...props} statusLines={['main ✓ | Sonnet 5.5']} />).lastFrame() ?? '';
  assert.match(custom, /plan mode/i);
  assert.match(custom, /main ✓ \| Sonnet 5\.5/);
  assert.doesNotMatch(custom, /\$1\.50/);
});

test('useStatusLine runs the configured command with the session on stdin', async () => {
  function Probe() {
    const lines = useStatusLine(
      { type: 'command', command: `node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log("mode="+JSON.parse(s).permission_mode))'` },
      session,
      process.env,
    );
    return <Text>{lines ? lines.join('|') : 'waiting'}</Text>;
  }
  const { lastFrame, unmount } = render(<Probe />);
  const deadline = Date.now() + 10_000;
  while (!/mode=plan/.test(lastFrame() ?? '') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  const frame = lastFrame() ?? '';
  unmount();
  assert.match(frame, /mode=plan/);
});
