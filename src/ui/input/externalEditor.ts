import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Edits text in the user's editor ($VISUAL, then $EDITOR, then vi) with the terminal handed over
 * (inherited stdio): the caller must stop drawing (pause Ink) until the promise settles. The editor
 * value may carry arguments ("code --wait"), so it runs through /bin/sh with the file as "$1".
 * Resolves to the edited text (one trailing newline that editors add is dropped); rejects when the
 * editor cannot start or exits with a non-zero status.
 */
export function editorCommand(env: NodeJS.ProcessEnv): string {
  return env.VISUAL?.trim() || env.EDITOR?.trim() || 'vi';
}

export async function editInExternalEditor(text: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'wright-prompt-'));
  const file = join(dir, 'prompt.md');
  try {
    await writeFile(file, text, 'utf8');
    await openInExternalEditor(file, env, 'the prompt was left unchanged');
    return (await readFile(file, 'utf8')).replace(/\r?\n$/, '');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Opens `file` in the user's editor (its directory is created first) and waits for it to close. */
export async function openInExternalEditor(file: string, env: NodeJS.ProcessEnv = process.env, onFailure = 'nothing was saved'): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const command = editorCommand(env);
  await new Promise<void>((resolvePromise, reject) => {
    const child = spawn('/bin/sh', ['-c', `${command} "$1"`, 'wright-editor', file], { stdio: 'inherit', env });
    child.on('error', (error) => reject(new Error(`Could not start the editor (${command}): ${error.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`The editor (${command}) exited with ${signal ?? `status ${code}`}; ${onFailure}.`));
    });
  });
}
