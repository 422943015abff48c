// Replaces secrets with `[REDACTED]` in what wright persists and prints: transcripts, stream-json,
// results, warnings and errors. What is sent to the model is never redacted — it needs real output.
// Structured values are redacted string by string, so JSON built from them stays valid; binary
// payloads (base64 image and document data, thinking signatures) are left alone, since a pattern
// matching inside them would corrupt them and they carry no readable secret.
import { SECRET_PATTERNS } from './secretPatterns.js';

export const REDACTED = '[REDACTED]';

interface CompiledPattern {
  regex: RegExp;
  replace: (match: string, keep?: string) => string;
}

const COMPILED_PATTERNS: readonly CompiledPattern[] = SECRET_PATTERNS.map((pattern) => {
  const label = `[REDACTED:${pattern.kind}]`;
  return {
    regex: new RegExp(pattern.source, 'g'),
    replace: pattern.keep ? (_match, keep) => `${keep ?? ''}${label}` : () => label,
  };
});

/** Redacts the well-known secret formats only, for code that does not know the session's values. */
export function redactKnownSecrets(text: string): string {
  let result = text;
  for (const pattern of COMPILED_PATTERNS) result = result.replace(pattern.regex, pattern.replace);
  return result;
}

export class Redactor {
  private readonly values = new Set<string>();
  private valuesRegex: RegExp | null = null;

  constructor(values: Iterable<string> = []) {
    this.addValues(values);
  }

  /** Exact secret values (API keys, tokens) to replace wherever they occur. */
  addValues(values: Iterable<string>): void {
    let added = false;
    for (const value of values) {
      if (value === '' || this.values.has(value)) continue;
      this.values.add(value);
      added = true;
    }
    // Longest first, so a value that contains another is replaced whole.
    if (added) {
      const sorted = [...this.values].sort((a, b) => b.length - a.length).map(escapeRegExp);
      this.valuesRegex = new RegExp(sorted.join('|'), 'g');
    }
  }

  redactText(text: string): string {
    return redactKnownSecrets(this.valuesRegex ? text.replace(this.valuesRegex, REDACTED) : text);
  }

  /** A copy of `value` with every string redacted; unchanged parts are shared, not copied. */
  redact<T>(value: T): T {
    return this.redactAny(value) as T;
  }

  private redactAny(value: unknown): unknown {
    if (typeof value === 'string') return this.redactText(value);
    if (Array.isArray(value)) {
      let copy: unknown[] | null = null;
      for (let i = 0; i < value.length; i++) {
        const redacted = this.redactAny(value[i]);
        if (redacted !== value[i]) (copy ??= value.slice())[i] = redacted;
      }
      return copy ?? value;
    }
    if (typeof value === 'object' && value !== null) return this.redactObject(value as Record<string, unknown>);
    return value;
  }

  private redactObject(object: Record<string, unknown>): Record<string, unknown> {
    const opaque = opaqueField(object);
    let copy: Record<string, unknown> | null = null;
    for (const [key, field] of Object.entries(object)) {
      if (key === opaque) continue;
      const redacted = this.redactAny(field);
      if (redacted !== field) (copy ??= { ...object })[key] = redacted;
    }
    return copy ?? object;
  }
}

/** The field of a content block that holds encoded bytes rather than text, if any. */
function opaqueField(object: Record<string, unknown>): string | null {
  if (object['type'] === 'base64' && typeof object['data'] === 'string') return 'data';
  if (object['type'] === 'redacted_thinking') return 'data';
  if (object['type'] === 'thinking' || object['type'] === 'signature_delta') return 'signature';
  return null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
