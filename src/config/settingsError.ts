// A settings problem that a user can fix: which file, where in it, which key, and what is wrong.

export class SettingsError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Dotted key path such as `permissions.defaultMode` or `permissions.allow[2]`; '' for the whole file. */
  readonly key: string;
  readonly message: string;

  constructor(fields: { file: string; line: number; column: number; key: string; message: string }) {
    this.file = fields.file;
    this.line = fields.line;
    this.column = fields.column;
    this.key = fields.key;
    this.message = fields.message;
  }

  /** `<file>:<line>:<col>: <key>: <message>`, without the key part when the problem is the whole file. */
  format(): string {
    const where = `${this.file}:${this.line}:${this.column}`;
    return this.key === '' ? `${where}: ${this.message}` : `${where}: ${this.key}: ${this.message}`;
  }
}

/** `['permissions', 'allow', 2]` → `permissions.allow[2]`; keys that are not identifiers are quoted. */
export function formatKeyPath(path: ReadonlyArray<PropertyKey>): string {
  let result = '';
  for (const segment of path) {
    if (typeof segment === 'number') result += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$-]*$/.test(segment)) {
      result += result === '' ? segment : `.${segment}`;
    } else result += `[${JSON.stringify(String(segment))}]`;
  }
  return result;
}
