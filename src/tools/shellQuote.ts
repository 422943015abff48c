/** Single-quotes text for POSIX shells, so it is taken literally. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
