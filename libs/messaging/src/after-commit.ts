import type { EventConsumer, EventHandlers, ReceivedMessage } from './event-consumer';

/**
 * Consumes one message and, only once its inbox transaction has committed, hands on what the handlers
 * made (wake-ups, queue jobs): work queued before the commit could run against rows that roll back.
 * `handlersFor` receives a `collect` callback to call inside the transaction, as often as needed; the
 * collected items reach `afterCommit` in the order they were made, and never if consuming throws.
 * A listener that queues work after the commit uses this; it is the one place that ordering is written.
 */
export async function consumeThenAfterCommit<T>(
  consumer: EventConsumer,
  message: ReceivedMessage,
  handlersFor: (collect: (made: T) => void) => EventHandlers,
  afterCommit: (made: readonly T[]) => Promise<void>,
): Promise<void> {
  const made: T[] = [];
  await consumer.consume(
    message,
    handlersFor((item) => made.push(item)),
  );
  await afterCommit(made);
}
