/** One topic per owning service (ARCHITECTURE.md "Events"); each has a dead-letter twin. */
export const Topics = {
  conference: 'conference.events',
  scheduling: 'scheduling.events',
  documents: 'documents.events',
  notifications: 'notifications.events',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const deadLetterTopic = (topic: string): string => `${topic}.dlt`;

export const ALL_TOPICS: string[] = Object.values(Topics).flatMap((topic) => [topic, deadLetterTopic(topic)]);
