import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The correlation id follows one piece of work from a REST request through the outbox, Kafka
 * headers and the consumers' own events, so one grep of the logs shows the whole story.
 */
const storage = new AsyncLocalStorage<{ correlationId: string }>();

export const CORRELATION_HEADER = 'x-correlation-id';

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

export function withCorrelationId<T>(correlationId: string | undefined, work: () => T): T {
  return storage.run({ correlationId: correlationId || randomUUID() }, work);
}

/** Accepts a caller's id only if it is a plausible token, so logs cannot be injected through it. */
export function acceptCorrelationId(candidate: unknown): string {
  return typeof candidate === 'string' && /^[\w.:-]{1,100}$/.test(candidate) ? candidate : randomUUID();
}
