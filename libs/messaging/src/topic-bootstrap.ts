import { ALL_TOPICS, TOPIC_PARTITIONS } from '@cpc/contracts';
import type { KafkaConnectionConfig } from '@cpc/config';
import type { Admin, Kafka } from 'kafkajs';

/** Partitions of a topic this process creates: the contract's number (`TOPIC_PARTITIONS`). */
export const DEFAULT_PARTITIONS = TOPIC_PARTITIONS;

/** How each created topic is laid out on the cluster. */
export interface TopicLayout {
  partitions: number;
  replicationFactor: number;
  /** `min.insync.replicas`: with acks=all (the relay's), a write needs this many copies. */
  minInsyncReplicas: number;
}

/** The local single broker's layout: the contract's partitions, one copy. */
export const LOCAL_TOPIC_LAYOUT: TopicLayout = { partitions: DEFAULT_PARTITIONS, replicationFactor: 1, minInsyncReplicas: 1 };

/** The layout the settings ask for (KAFKA_TOPIC_PARTITIONS, KAFKA_REPLICATION_FACTOR, KAFKA_MIN_INSYNC_REPLICAS). */
export function topicLayoutOf(config: KafkaConnectionConfig): TopicLayout {
  return {
    partitions: config.KAFKA_TOPIC_PARTITIONS,
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
    minInsyncReplicas: config.KAFKA_MIN_INSYNC_REPLICAS,
  };
}

/**
 * Creates every topic and its dead-letter twin before any consumer subscribes: kafkajs cannot
 * subscribe to a missing topic on KRaft (kafkajs #1563). Idempotent: a topic that exists is left as
 * it is (its partitions and replicas are the cluster operator's to change).
 */
export async function ensureTopics(
  kafka: Kafka,
  topics: string[] = ALL_TOPICS,
  layout: TopicLayout = LOCAL_TOPIC_LAYOUT,
): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({
        // kafkajs' own wait asks one broker and fails on UNKNOWN_TOPIC_OR_PARTITION when the new topic has
        // not reached that broker's metadata yet (any cluster of more than one): waited for below instead.
        waitForLeaders: false,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: layout.partitions,
          replicationFactor: layout.replicationFactor,
          configEntries: [{ name: 'min.insync.replicas', value: String(layout.minInsyncReplicas) }],
        })),
      });
      await leadersOf(admin, missing);
    }
    return missing;
  } finally {
    await admin.disconnect();
  }
}

/** Waits until every partition of `topics` has a leader in the metadata a broker answers with. */
async function leadersOf(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const metadata = await admin.fetchTopicMetadata({ topics });
      if (metadata.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
    } catch (error) {
      // UNKNOWN_TOPIC_OR_PARTITION / LEADER_NOT_AVAILABLE while the new topics propagate; anything past the deadline is thrown.
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`topics ${topics.join(', ')} have no leader after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
