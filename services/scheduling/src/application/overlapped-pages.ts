/**
 * Pages through `pages`, checking each and writing what the check returns, with the steps overlapped
 * (issue 15: a rebuild of 1,000,000 wake-ups): the next page is read while this one is checked, and
 * up to `maxWrites` writes are in flight while later pages are read and checked. Done when every
 * write is. On the first failure, of a read, a check or a write, nothing new starts; the writes in
 * flight settle, the pages are closed, and the failure is thrown.
 */
export async function overlappedPages<P, W>(
  pages: AsyncIterable<P>,
  check: (page: P) => Promise<W>,
  write: (checked: W) => Promise<void>,
  maxWrites: number,
): Promise<void> {
  if (!(Number.isInteger(maxWrites) && maxWrites >= 1))
    throw new RangeError(`maxWrites must be a whole number of at least 1, not ${maxWrites}`);
  const iterator = pages[Symbol.asyncIterator]();
  // A read runs while this page is checked and written: handled from the start, so a read that fails
  // before the loop comes back for it is not an unhandled rejection (which would end the process).
  const read = (): Promise<IteratorResult<P>> => {
    const reading = iterator.next();
    reading.catch(() => undefined);
    return reading;
  };
  const writes = new Set<Promise<void>>();
  let failure: { error: unknown } | null = null;
  const fail = (error: unknown) => {
    failure ??= { error };
  };
  let next: Promise<IteratorResult<P>> | null = read();
  try {
    while (!failure) {
      const page: IteratorResult<P> = await (next as Promise<IteratorResult<P>>);
      next = null;
      if (page.done || failure) break; // a write may have failed meanwhile: no new read or check
      next = read(); // the next page is read while this one is checked and written
      const checked = await check(page.value);
      if (failure) break;
      const written: Promise<void> = write(checked)
        .catch(fail)
        .finally(() => writes.delete(written));
      writes.add(written);
      while (writes.size >= maxWrites && !failure) await Promise.race(writes);
    }
  } catch (error) {
    fail(error);
  }
  await Promise.all(writes);
  if (next) await (next as Promise<unknown>).catch(fail);
  if (failure) {
    await iterator.return?.().catch(() => undefined);
    throw (failure as { error: unknown }).error;
  }
}
