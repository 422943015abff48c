import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { forAlternateScreen, immediateInkScreen, trackedInkScreen } from '../../../../src/ui/app/transcript/inkScreen.js';

function fakeStdout(rows = 5) {
  const stdout = Object.assign(new EventEmitter(), {
    rows,
    columns: 40,
    written: [] as string[],
    write(data: string) {
      stdout.written.push(data);
      return true;
    },
  });
  return stdout;
}

const CLEAR_TERMINAL = '\x1b[2J\x1b[3J\x1b[H';

test("on the alternate screen Ink's whole-terminal repaint keeps the scrollback and repaints only the frame", () => {
  const data = `${CLEAR_TERMINAL}static 1\nstatic 2\nframe 1\nframe 2\nframe 3\nframe 4`;
  assert.equal(forAlternateScreen(data, 5), '\x1b[2J\x1b[Hframe 1\nframe 2\nframe 3\nframe 4');
  assert.equal(forAlternateScreen('\x1b[2K\x1b[1Aline', 5), '\x1b[2K\x1b[1Aline');
});

test('the tracked screen filters what Ink writes only while on the alternate screen, and passes the rest through', () => {
  const stdout = fakeStdout();
  const screen = trackedInkScreen(stdout as unknown as NodeJS.WriteStream);
  const repaint = `${CLEAR_TERMINAL}old\na\nb\nc\nd`;
  screen.stream.write(repaint);
  assert.equal(stdout.written.at(-1), repaint, 'on the normal screen Ink is left alone');
  screen.enterAlternate();
  screen.enterAlternate();
  assert.deepEqual(stdout.written.slice(1), ['\x1b[?1049h\x1b[H'], 'entered once');
  screen.stream.write(repaint);
  assert.equal(stdout.written.at(-1), '\x1b[2J\x1b[Ha\nb\nc\nd');
  screen.leaveAlternate();
  screen.leaveAlternate();
  assert.deepEqual(stdout.written.slice(3), ['\x1b[?1049l'], 'left once');
  assert.equal(screen.stream.rows, 5);
  let resized = 0;
  screen.stream.on('resize', () => resized++);
  stdout.emit('resize');
  assert.equal(resized, 1, 'events reach listeners added through the stream');
});

test('afterFrame waits for a frame Ink draws after the one given, and runs once that frame is written', async () => {
  const screen = trackedInkScreen(fakeStdout() as unknown as NodeJS.WriteStream);
  const calls: string[] = [];
  const since = screen.framesDrawn();
  screen.afterFrame(since, () => calls.push('first'));
  const cancel = screen.afterFrame(since, () => calls.push('cancelled'));
  cancel();
  screen.frameDrawn();
  assert.equal(calls.length, 0, 'not while Ink is still writing the frame');
  await Promise.resolve();
  assert.deepEqual(calls, ['first']);
  screen.afterFrame(since, () => calls.push('at once'));
  assert.deepEqual(calls, ['first', 'at once'], 'a frame was already drawn since');
  const immediate = immediateInkScreen(fakeStdout());
  immediate.afterFrame(immediate.framesDrawn(), () => calls.push('immediate'));
  assert.equal(calls.at(-1), 'immediate');
});
