// Pages fetched in this session, kept for 15 minutes so a second question about the same URL does
// not fetch it again. Bounded by entry count; the oldest entry goes first.

export const PAGE_CACHE_TTL_MS = 15 * 60 * 1000;
const MAX_ENTRIES = 64;

export class PageCache<Page> {
  private readonly entries = new Map<string, { page: Page; storedAt: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = PAGE_CACHE_TTL_MS,
  ) {}

  get(url: string): Page | undefined {
    const entry = this.entries.get(url);
    if (entry === undefined) return undefined;
    if (this.now() - entry.storedAt >= this.ttlMs) {
      this.entries.delete(url);
      return undefined;
    }
    return entry.page;
  }

  set(url: string, page: Page): void {
    this.entries.delete(url);
    this.entries.set(url, { page, storedAt: this.now() });
    while (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}
