// A push-based async iterable: a producer pushes events and finally ends it with a result or an
// error; one consumer iterates the events, and anyone may await `final()` for the result.

export class EventStream<Event, Result> implements AsyncIterable<Event> {
  private readonly queue: Event[] = [];
  private waiting: ((next: IteratorResult<Event>) => void) | null = null;
  private waitingFailure: ((error: unknown) => void) | null = null;
  private settled: { ok: true; result: Result } | { ok: false; error: unknown } | null = null;
  private readonly finalPromise: Promise<Result>;
  private resolveFinal!: (result: Result) => void;
  private rejectFinal!: (error: unknown) => void;
  private iterated = false;

  /** `onCancel` runs when the consumer stops iterating before the stream ended. */
  constructor(private readonly onCancel: () => void = () => {}) {
    this.finalPromise = new Promise<Result>((resolve, reject) => {
      this.resolveFinal = resolve;
      this.rejectFinal = reject;
    });
    // A caller that only iterates must not see an unhandled rejection from the unused promise.
    this.finalPromise.catch(() => {});
  }

  get done(): boolean {
    return this.settled !== null;
  }

  push(event: Event): void {
    if (this.settled) return;
    if (this.waiting) {
      const deliver = this.waiting;
      this.clearWaiter();
      deliver({ done: false, value: event });
    } else {
      this.queue.push(event);
    }
  }

  end(result: Result): void {
    if (this.settled) return;
    this.settled = { ok: true, result };
    this.resolveFinal(result);
    if (this.waiting) {
      const deliver = this.waiting;
      this.clearWaiter();
      deliver({ done: true, value: undefined });
    }
  }

  fail(error: unknown): void {
    if (this.settled) return;
    this.settled = { ok: false, error };
    this.rejectFinal(error);
    if (this.waitingFailure) {
      const reject = this.waitingFailure;
      this.clearWaiter();
      reject(error);
    }
  }

  final(): Promise<Result> {
    return this.finalPromise;
  }

  [Symbol.asyncIterator](): AsyncIterator<Event> {
    if (this.iterated) throw new Error('EventStream can be iterated only once');
    this.iterated = true;
    return {
      next: () => this.next(),
      return: async () => {
        if (!this.settled) this.onCancel();
        this.queue.length = 0;
        return { done: true, value: undefined };
      },
    };
  }

  private next(): Promise<IteratorResult<Event>> {
    if (this.queue.length > 0) return Promise.resolve({ done: false, value: this.queue.shift() as Event });
    if (this.settled) {
      return this.settled.ok ? Promise.resolve({ done: true, value: undefined }) : Promise.reject(this.settled.error);
    }
    return new Promise<IteratorResult<Event>>((resolve, reject) => {
      this.waiting = resolve;
      this.waitingFailure = reject;
    });
  }

  private clearWaiter(): void {
    this.waiting = null;
    this.waitingFailure = null;
  }
}
