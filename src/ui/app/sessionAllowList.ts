// "Yes, and don't ask again" for this session: remembers the exact calls the user waved through
// (tool plus command, path or URL), in memory only. Rules written to settings are the rich
// permission dialog's job.
export class SessionAllowList {
  private readonly keys = new Set<string>();

  add(toolName: string, subject: string): void {
    this.keys.add(keyOf(toolName, subject));
  }

  has(toolName: string, subject: string): boolean {
    return this.keys.has(keyOf(toolName, subject));
  }
}

const keyOf = (toolName: string, subject: string) => `${toolName}\u0000${subject}`;
