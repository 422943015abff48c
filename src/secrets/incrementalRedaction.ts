// Redacts text that arrives in pieces (a streamed text block), emitting as it goes without ever
// emitting part of a secret that a later piece completes. The text is held back from its last
// whitespace on (secrets are runs of token characters), and from a private key's BEGIN line on
// until its END line (or a BEGIN line not yet complete, whose spaces would otherwise let it out); what is emitted is the redaction of everything before that point, which later
// pieces cannot change. Secret values containing whitespace are not recognised across pieces.
import type { Redactor } from './redactor.js';

const OPEN_PRIVATE_KEY = /-----BEGIN(?:[A-Z0-9 ]*-{0,4}$|[A-Z0-9 ]*PRIVATE KEY-----(?![\s\S]*-----END[A-Z0-9 ]*PRIVATE KEY-----))/;

export class IncrementalRedaction {
  private raw = '';
  private emitted = 0;

  constructor(private readonly redactor: Redactor) {}

  /** Adds a piece; returns the redacted text now safe to emit (possibly empty). */
  push(piece: string): string {
    this.raw += piece;
    return this.emitUpTo(this.stablePrefixLength());
  }

  /** The rest, at the end of the block. */
  flush(): string {
    return this.emitUpTo(this.raw.length);
  }

  private stablePrefixLength(): number {
    const end = Math.max(this.raw.lastIndexOf(' '), this.raw.lastIndexOf('\n'), this.raw.lastIndexOf('\t')) + 1;
    // Checked on the prefix itself: cutting at a space inside a complete key's END line opens it again.
    const key = OPEN_PRIVATE_KEY.exec(this.raw.slice(0, end));
    return key ? key.index : end;
  }

  private emitUpTo(end: number): string {
    const redacted = this.redactor.redactText(this.raw.slice(0, end));
    if (redacted.length <= this.emitted) return '';
    const piece = redacted.slice(this.emitted);
    this.emitted = redacted.length;
    return piece;
  }
}
