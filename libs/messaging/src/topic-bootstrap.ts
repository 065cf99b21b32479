import { ALL_TOPICS, TOPIC_PARTITIONS } from '@cpc/contracts';
import type { Kafka } from 'kafkajs';

/** Partitions of a topic this process creates: the contract's number (`TOPIC_PARTITIONS`). */
export const DEFAULT_PARTITIONS = TOPIC_PARTITIONS;

/**
 * Creates every topic and its dead-letter twin before any consumer subscribes: kafkajs cannot
 * subscribe to a missing topic on KRaft (kafkajs #1563). Idempotent.
 */
export async function ensureTopics(kafka: Kafka, topics: string[] = ALL_TOPICS, partitions = DEFAULT_PARTITIONS): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })),
      });
    }
    return missing;
  } finally {
    await admin.disconnect();
  }
}
