import fc from 'fast-check';
import { CoalescedWrites } from './coalesced-writes';

/** A writer that answers each item doubled after `delayMs`, refuses negative items (a check constraint), and records its batches. */
function recordingWriter(delayMs: () => number) {
  const batches: number[][] = [];
  let inFlight = 0;
  let mostInFlight = 0;
  const writeBatch = async (items: number[]) => {
    batches.push([...items]);
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, delayMs()));
      if (items.some((item) => item < 0)) throw Object.assign(new Error(`refused ${items.find((item) => item < 0)}`), { code: '23514' });
      return items.map((item) => item * 2);
    } finally {
      inFlight -= 1;
    }
  };
  return { batches, writeBatch, mostInFlight: () => mostInFlight };
}

describe('CoalescedWrites', () => {
  it('property: every write settles once with its own result or refusal; one batch in flight; order kept; batches within the bound', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ value: fc.integer({ min: -3, max: 1000 }), gapMs: fc.constantFrom(0, 0, 0, 1, 3) }), {
          minLength: 1,
          maxLength: 60,
        }),
        fc.integer({ min: 1, max: 8 }),
        async (arrivals, maxBatch) => {
          const writer = recordingWriter(() => 2);
          const writes = new CoalescedWrites(writer.writeBatch, maxBatch);
          const settled: Promise<PromiseSettledResult<number>>[] = [];
          for (const { value, gapMs } of arrivals) {
            settled.push(
              writes.write(value).then(
                (result) => ({ status: 'fulfilled', value: result }),
                (reason: unknown) => ({ status: 'rejected', reason }),
              ),
            );
            if (gapMs) await new Promise((resolve) => setTimeout(resolve, gapMs));
          }
          const outcomes = await Promise.all(settled);
          await writes.drained();
          outcomes.forEach((outcome, i) => {
            const { value } = arrivals[i];
            if (value < 0) expect(outcome).toMatchObject({ status: 'rejected', reason: new Error(`refused ${value}`) });
            else expect(outcome).toEqual({ status: 'fulfilled', value: value * 2 });
          });
          expect(writer.mostInFlight()).toBe(1);
          expect(Math.max(...writer.batches.map((b) => b.length))).toBeLessThanOrEqual(maxBatch);
          // Written in arrival order: the batches that succeeded, in turn, hold the good items as they came.
          const written = writer.batches.filter((b) => b.every((item) => item >= 0)).flat();
          expect(written).toEqual(arrivals.map((a) => a.value).filter((value) => value >= 0));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('goes at once when nothing is in flight (no timer), and gathers what comes meanwhile into the next write', async () => {
    const writer = recordingWriter(() => 5);
    const writes = new CoalescedWrites(writer.writeBatch, 100);
    const first = writes.write(1);
    await Promise.resolve();
    await Promise.resolve();
    expect(writer.batches).toEqual([[1]]); // a microtask later, not a timer later: already at the database
    const rest = [2, 3, 4].map((item) => writes.write(item));
    expect(await Promise.all([first, ...rest])).toEqual([2, 4, 6, 8]);
    expect(writer.batches).toEqual([[1], [2, 3, 4]]);
  });

  it('drained settles only after the queued writes have', async () => {
    const writer = recordingWriter(() => 5);
    const writes = new CoalescedWrites(writer.writeBatch, 2);
    const all = [1, 2, 3, 4, 5].map((item) => writes.write(item));
    await writes.drained();
    expect(writer.batches).toEqual([[1, 2], [3, 4], [5]]); // asked for in one go: batches of the bound
    await expect(Promise.all(all)).resolves.toEqual([2, 4, 6, 8, 10]);
    await expect(writes.drained()).resolves.toBeUndefined(); // nothing in flight
  });

  it('a writer that throws at once fails those writes, and the next writes still go', async () => {
    let calls = 0;
    const writes = new CoalescedWrites<number, number>((items) => {
      calls += 1;
      if (calls === 1) throw new Error('thrown at once');
      return Promise.resolve(items);
    }, 10);
    await expect(writes.write(1)).rejects.toThrow('thrown at once');
    await expect(writes.write(2)).resolves.toBe(2);
  });

  it('only a refusal of what an item holds is tried item by item; an outage fails the batch at once, written nowhere twice', async () => {
    const seen: number[][] = [];
    const outage = Object.assign(new Error('connection terminated'), { code: 'ECONNRESET' });
    const refused = Object.assign(new Error('invalid byte sequence'), { driverError: { code: '22021' } });
    const writes = new CoalescedWrites<number, number>(async (items) => {
      seen.push(items);
      if (items.includes(7)) throw refused;
      if (items.includes(9)) throw outage;
      return items;
    }, 10);
    expect(await Promise.allSettled([writes.write(1), writes.write(7), writes.write(2)])).toMatchObject([
      { status: 'fulfilled', value: 1 },
      { status: 'rejected', reason: refused },
      { status: 'fulfilled', value: 2 },
    ]);
    expect(seen).toEqual([[1, 7, 2], [1], [7], [2]]);
    seen.length = 0;
    const outcomes = await Promise.allSettled([writes.write(3), writes.write(9)]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(seen).toEqual([[3, 9]]);
  });

  it('refuses a bound below one', () => {
    expect(() => new CoalescedWrites(async (items: number[]) => items, 0)).toThrow(RangeError);
  });
});
