// `/add-dir`: widens the session's working directories. The permission policy and the tools share
// one array, so adding to it widens both at once.
import { realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

export function addWorkingDirectory(path: string, cwd: string, directories: string[]): string {
  const absolute = resolve(cwd, path);
  let real: string;
  try {
    if (!statSync(absolute).isDirectory()) return `Not a directory: ${absolute}`;
    real = realpathSync(absolute);
  } catch {
    return `No such directory: ${absolute}`;
  }
  if (directories.includes(real)) return `${real} is already a working directory.`;
  directories.push(real);
  return `Added ${real} as a working directory for this session.`;
}
