/**
 * Natural batching of small writes: while one write is at the database, the writes that come meanwhile
 * wait and then go together, as one statement (at most `maxBatch` at a time). Nothing waits for a timer:
 * with no write in flight an item goes at once, alone, so a quiet service behaves as if there were no
 * batching and a busy one makes one round trip for many requests (the audit log). Writes on a request's
 * critical path pay for waiting behind the one in flight: idempotency claims measured slower this way (issue 15).
 *
 * `writeBatch` gets the items in the order they came and answers one result per item, in that order.
 * A batch refused because of what one of its items holds (`refusedForAnItem`: by default isRowRefusal,
 * PostgreSQL's data exceptions and constraints) is tried again item by item, so that item fails only its own
 * caller (a batch must therefore be one statement: it failed whole, nothing of it stayed). Any other
 * failure (the database away, a pool exhausted, a commit whose fate is unknown) fails the batch's
 * callers at once: no retry piles up behind an outage, and nothing is written twice.
 */
export class CoalescedWrites<T, R> {
  private queue: { item: T; written(result: R): void; failed(error: unknown): void }[] = [];
  private writing: Promise<void> | null = null;

  constructor(
    private readonly writeBatch: (items: T[]) => Promise<R[]>,
    private readonly maxBatch: number,
    private readonly refusedForAnItem: (error: unknown) => boolean = isRowRefusal,
  ) {
    if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new RangeError(`maxBatch must be a whole number of at least 1, not ${maxBatch}`);
  }

  /** Settles when this item's write has: with its result, or with the database's refusal of it. */
  write(item: T): Promise<R> {
    return new Promise<R>((written, failed) => {
      this.queue.push({ item, written, failed });
      // Started on a microtask: a writer that throws at once is a failed write, not a broken queue.
      this.writing ??= Promise.resolve().then(() => this.writeQueued());
    });
  }

  /** Settles once every write asked for so far has settled (before the database closes). */
  async drained(): Promise<void> {
    await this.writing;
  }

  private async writeQueued(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const results = await this.checkedWrite(batch.map((entry) => entry.item));
          batch.forEach((entry, i) => entry.written(results[i]));
        } catch (error) {
          if (batch.length === 1 || !this.refusedForAnItem(error)) for (const entry of batch) entry.failed(error);
          else for (const entry of batch) await this.checkedWrite([entry.item]).then(([result]) => entry.written(result), entry.failed);
        }
      }
    } finally {
      this.writing = null;
    }
  }

  /** writeBatch, its synchronous throws as rejections and its answer checked: one result per item. */
  private async checkedWrite(items: T[]): Promise<R[]> {
    const results = await this.writeBatch(items);
    if (results.length !== items.length) throw new Error(`writeBatch answered ${results.length} results for ${items.length} items`);
    return results;
  }
}

/** PostgreSQL refused the statement for what a row holds: SQLSTATE class 22 (data exception) or 23 (integrity constraint). */
export function isRowRefusal(error: unknown): boolean {
  const code =
    (error as { driverError?: { code?: unknown }; code?: unknown } | null)?.driverError?.code ?? (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^2[23]/.test(code);
}
