/**
 * Natural batching of small writes: while one write is at the database, the writes that come meanwhile
 * wait and then go together, as one statement (at most `maxBatch` at a time). Nothing waits for a timer:
 * with no write in flight an item goes at once, alone, so a quiet service behaves as if there were no
 * batching and a busy one makes one round trip for many requests (the audit log, idempotency claims).
 *
 * `writeBatch` gets the items in the order they came and answers one result per item, in that order.
 * A batch that fails as a whole is tried again item by item, so one item the database refuses fails
 * only its own caller (a batch must therefore be one statement: it failed whole, nothing of it stayed).
 */
export class CoalescedWrites<T, R> {
  private queue: { item: T; written(result: R): void; failed(error: unknown): void }[] = [];
  private writing: Promise<void> | null = null;

  constructor(
    private readonly writeBatch: (items: T[]) => Promise<R[]>,
    private readonly maxBatch: number,
  ) {
    if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new RangeError(`maxBatch must be a whole number of at least 1, not ${maxBatch}`);
  }

  /** Settles when this item's write has: with its result, or with the database's refusal of it. */
  write(item: T): Promise<R> {
    return new Promise<R>((written, failed) => {
      this.queue.push({ item, written, failed });
      this.writing ??= this.writeQueued();
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
          const results = await this.writeBatch(batch.map((entry) => entry.item));
          if (results.length !== batch.length) throw new Error(`writeBatch answered ${results.length} results for ${batch.length} items`);
          batch.forEach((entry, i) => entry.written(results[i]));
        } catch (error) {
          if (batch.length === 1) batch[0].failed(error);
          else for (const entry of batch) await this.writeBatch([entry.item]).then(([result]) => entry.written(result), entry.failed);
        }
      }
    } finally {
      this.writing = null;
    }
  }
}
