import { Partitioners, type ICustomPartitioner, type Message, type RecordMetadata, type TopicMessages } from 'kafkajs';

/**
 * Where kafkajs's partitioner put each message of a batch, so that what the brokers acknowledged can be checked
 * message by message (see `unacknowledged`). The partitioner is kafkajs's default one (murmur2 of the key, as the
 * Java client), so messages land where they always have; it is only watched.
 */
export class PlacementRecorder {
  private readonly placed = new WeakMap<Message, number>();

  /** For `kafka.producer({ createPartitioner })`. */
  readonly createPartitioner: ICustomPartitioner = () => {
    const partition = Partitioners.DefaultPartitioner();
    return (args) => {
      const chosen = partition(args);
      this.placed.set(args.message, chosen);
      return chosen;
    };
  };

  partitionOf(message: Message): number | undefined {
    return this.placed.get(message);
  }
}

/**
 * The messages of `batch` whose partition is not among the acknowledgements `sendBatch` resolved with, each pinned
 * to the partition it was put in (so a re-send cannot reorder a key's messages), grouped by topic; empty when the
 * brokers acknowledged every partition.
 *
 * Why: kafkajs 2.2.4's sendBatch keeps, across its retries, the answers of brokers that have already answered, and
 * on a retry sends only to brokers that have not (src/producer/sendMessages.js; tulios/kafkajs#1798). When a
 * broker dies with a request in flight and its partitions' leadership moves to a broker that answered that batch,
 * the retry sends nothing for those partitions and sendBatch resolves as if it had: the messages are lost though
 * the promise says acknowledged. A fresh-clone run lost 4 conference events so (issue 13). Every partition a
 * message was put in must be in the answer with error code 0, or its messages go again.
 */
export function unacknowledged(batch: TopicMessages[], acknowledged: RecordMetadata[], placement: PlacementRecorder): TopicMessages[] {
  // A message the partitioner never saw cannot be checked: kafkajs no longer passes our objects through, and the
  // check would send every batch again for ever. Refused, so the pass rolls back and says why.
  const unplaced = batch
    .flatMap(({ messages }) => messages)
    .filter((m) => m.partition === undefined && placement.partitionOf(m) === undefined);
  if (unplaced.length > 0)
    throw new Error(
      `${unplaced.length} outbox messages were sent without passing the partitioner: their acknowledgement cannot be checked`,
    );
  const answered = new Set(
    acknowledged.filter((record) => record.errorCode === 0).map((record) => `${record.topicName}\u0000${record.partition}`),
  );
  const again: TopicMessages[] = [];
  for (const { topic, messages } of batch) {
    const missing: Message[] = [];
    for (const message of messages) {
      const partition = message.partition ?? placement.partitionOf(message);
      if (partition === undefined || !answered.has(`${topic}\u0000${partition}`))
        missing.push(partition === undefined ? message : { ...message, partition });
    }
    if (missing.length > 0) again.push({ topic, messages: missing });
  }
  return again;
}

export interface ResendPolicy {
  /** Times the unacknowledged part of a batch is sent again before the batch fails. */
  maxResends: number;
  /** Pause before each re-send: the cluster's metadata has a moment to settle. */
  pauseMs: number;
  /** Told of each re-send (metrics, a log line). */
  onResend?: (again: TopicMessages[]) => void;
}

/**
 * Sends `batch` with `send` (the producer's sendBatch) until every partition a message of it was put in is
 * acknowledged; sends again only what is not (see `unacknowledged`), at most `maxResends` times, then fails.
 */
export async function sendUntilAcknowledged(
  send: (topicMessages: TopicMessages[]) => Promise<RecordMetadata[]>,
  batch: TopicMessages[],
  placement: PlacementRecorder,
  policy: ResendPolicy,
): Promise<void> {
  let pending = unacknowledged(batch, await send(batch), placement);
  for (let resends = 0; pending.length > 0; resends += 1) {
    if (resends >= policy.maxResends)
      throw new Error(
        `Kafka left ${pending.reduce((n, t) => n + t.messages.length, 0)} outbox messages unacknowledged after ${resends} re-sends`,
      );
    policy.onResend?.(pending);
    await new Promise((resolve) => setTimeout(resolve, policy.pauseMs));
    pending = unacknowledged(pending, await send(pending), placement);
  }
}
