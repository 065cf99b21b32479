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
