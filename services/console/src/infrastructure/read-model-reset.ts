import { Topics } from '@cpc/contracts';
import type { Kafka } from 'kafkajs';
import type { EntityManager } from 'typeorm';
import { READ_MODEL_TABLES } from './migrations/1763800005000-read-model';

/**
 * What a rebuild of the read model needs below the use case: empty every read-model table and the
 * console's inbox rows (so every event is applied again), and move the consumer group back to the
 * beginning of every topic. Kafka refuses the second while a member of the group is running, so a
 * rebuild is done by a console started with `--rebuild` while no other replica runs.
 */
export class ReadModelReset {
  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
    private readonly inboxConsumer: string,
  ) {}

  async emptyTables(manager: EntityManager): Promise<void> {
    await manager.query(`TRUNCATE ${READ_MODEL_TABLES.join(', ')}`);
    await manager.query(`DELETE FROM inbox WHERE consumer = $1`, [this.inboxConsumer]);
  }

  async rewindGroup(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      for (const topic of Object.values(Topics)) await admin.resetOffsets({ groupId: this.groupId, topic, earliest: true });
    } catch (error) {
      throw new Error(
        `cannot rewind consumer group ${this.groupId}: ${(error as Error).message} (stop every running console first; a rebuild needs the group idle)`,
        { cause: error },
      );
    } finally {
      await admin.disconnect();
    }
  }
}
