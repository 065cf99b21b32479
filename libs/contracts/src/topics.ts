/** One topic per owning service (ARCHITECTURE.md "Events"); each has a dead-letter twin. */
export const Topics = {
  conference: 'conference.events',
  scheduling: 'scheduling.events',
  documents: 'documents.events',
  notifications: 'notifications.events',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

/** Partitions of every topic and dead-letter topic as `ensureTopics` creates them (the AsyncAPI document states it). */
export const TOPIC_PARTITIONS = 3;

export const deadLetterTopic = (topic: string): string => `${topic}.dlt`;

export const ALL_TOPICS: string[] = Object.values(Topics).flatMap((topic) => [topic, deadLetterTopic(topic)]);
