import fc from 'fast-check';
import { overlappedPages } from './overlapped-pages';

/** Settles after a few turns of the event loop: steps finish in an order the test does not fix. */
const after = (turns: number) => new Promise<void>((resolve) => setTimeout(resolve, turns));

/** Pages that record whether they were closed early, each read taking `readTurns`. */
function pagesOf(pages: number[][], readTurns: number, failAt?: number) {
  const state = { closed: false, reads: 0 };
  async function* generate(): AsyncGenerator<number[]> {
    try {
      for (const [index, page] of pages.entries()) {
        await after(readTurns);
        state.reads += 1;
        if (index === failAt) throw new Error(`read ${index} failed`);
        yield page;
      }
    } finally {
      state.closed = true;
    }
  }
  return { pages: generate(), state };
}

const pageLists = fc.array(fc.array(fc.integer(), { maxLength: 5 }), { maxLength: 12 });

describe('overlappedPages', () => {
  it('checks every page once, in order, writes every check once, and never has more than maxWrites in flight', async () => {
    await fc.assert(
      fc.asyncProperty(
        pageLists,
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.nat(3), { minLength: 12, maxLength: 12 }),
        async (pages, maxWrites, turns) => {
          const { pages: source } = pagesOf(pages, 0);
          const checked: number[][] = [];
          const written: number[][] = [];
          let inFlight = 0;
          let most = 0;
          await overlappedPages(
            source,
            async (page) => {
              checked.push(page);
              await after(0);
              return page;
            },
            async (page) => {
              inFlight += 1;
              most = Math.max(most, inFlight);
              await after(turns[written.length % turns.length]);
              written.push(page);
              inFlight -= 1;
            },
            maxWrites,
          );
          expect(checked).toEqual(pages);
          expect([...written].sort()).toEqual([...pages].sort());
          expect(inFlight).toBe(0);
          expect(most).toBeLessThanOrEqual(maxWrites);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('reads the next page while a write is still in flight', async () => {
    const { pages, state } = pagesOf([[1], [2], [3]], 0);
    const readsDuringFirstWrite: number[] = [];
    let first = true;
    await overlappedPages(
      pages,
      async (page) => page,
      async () => {
        if (!first) return;
        first = false;
        await after(20);
        readsDuringFirstWrite.push(state.reads);
      },
      3,
    );
    expect(readsDuringFirstWrite[0]).toBe(3);
  });

  it.each([
    ['a read', { failRead: 2 }],
    ['a check', { failCheck: 1 }],
    ['a write', { failWrite: 0 }],
  ])('on %s failing: throws it once the writes in flight are done, starts nothing after, and closes the pages', async (_, how) => {
    const { pages, state } = pagesOf([[0], [1], [2], [3], [4], [5]], 1, 'failRead' in how ? how.failRead : undefined);
    let inFlight = 0;
    const writesStarted: number[] = [];
    const run = overlappedPages(
      pages,
      async ([index]) => {
        if ('failCheck' in how && index === how.failCheck) throw new Error(`check ${index} failed`);
        return index;
      },
      async (index) => {
        writesStarted.push(index);
        inFlight += 1;
        await after(5);
        inFlight -= 1;
        if ('failWrite' in how && index === how.failWrite) throw new Error(`write ${index} failed`);
      },
      2,
    );
    await expect(run).rejects.toThrow(/failed/);
    expect(inFlight).toBe(0);
    expect(state.closed).toBe(true);
    const started = writesStarted.length;
    await after(20);
    expect(writesStarted).toHaveLength(started);
    expect(writesStarted.length).toBeLessThan(6);
  });

  it('a read that fails while the loop waits on a write already has a handler (Node ends the process on an unhandled one)', async () => {
    // Jest forgives a rejection handled late; Node does not. So the test watches when a handler is attached.
    class Watched<T> extends Promise<T> {
      static override get [Symbol.species]() {
        return Promise;
      }
      handled = false;
      override then<A = T, B = never>(
        onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
        onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
      ) {
        this.handled = true;
        return super.then(onFulfilled, onRejected);
      }
    }
    const handledWhenRejected: boolean[] = [];
    let reads = 0;
    const pages: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({
        next: () => {
          reads += 1;
          if (reads === 1) return Promise.resolve({ done: false, value: 0 });
          const failing: Watched<IteratorResult<number>> = new Watched((_, reject) =>
            setTimeout(() => {
              handledWhenRejected.push(failing.handled);
              reject(new Error('read failed'));
            }, 5),
          );
          return failing;
        },
      }),
    };
    const run = overlappedPages(
      pages,
      async (index) => index,
      () => after(30), // the next read fails long before this write ends
      1,
    );
    await expect(run).rejects.toThrow('read failed');
    expect(handledWhenRejected).toEqual([true]);
  });

  it('after a write fails, no new page is read or checked', async () => {
    const { pages, state } = pagesOf([[0], [1], [2], [3], [4], [5]], 5);
    const checked: number[] = [];
    const run = overlappedPages(
      pages,
      async ([index]) => {
        checked.push(index);
        return index;
      },
      async (index) => {
        if (index === 0) throw new Error('write 0 failed'); // fails while page 1 is being read
      },
      3,
    );
    await expect(run).rejects.toThrow('write 0 failed');
    expect(checked).toEqual([0]);
    expect(state.reads).toBe(2); // page 0, and page 1 already in hand when the write failed
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses maxWrites %p (a bound below one would wait for ever)', async (maxWrites) => {
    const { pages } = pagesOf([[1]], 0);
    await expect(
      overlappedPages(
        pages,
        async (page) => page,
        async () => undefined,
        maxWrites,
      ),
    ).rejects.toThrow(RangeError);
  });
});
