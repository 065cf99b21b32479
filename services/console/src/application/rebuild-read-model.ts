import { SERVICE_LOGGER } from '@cpc/runtime';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ReadModelReset } from '../infrastructure/read-model-reset';

/** Whether this process rebuilds the read model before it starts consuming (`main.js --rebuild`). */
export class RebuildRequest {
  constructor(readonly requested: boolean) {}
}

/**
 * Rebuilds the read model from Kafka: empties it (and the console's inbox rows), and moves the consumer
 * group to the beginning of every topic, before the consumer joins (the runtime connects it after the
 * application has bootstrapped). The projection then writes every row again from the events alone.
 */
@Injectable()
export class RebuildReadModel implements OnApplicationBootstrap {
  constructor(
    private readonly request: RebuildRequest,
    private readonly dataSource: DataSource,
    private readonly reset: ReadModelReset,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.request.requested) await this.run();
  }

  async run(): Promise<void> {
    await this.reset.rewindGroup();
    await this.dataSource.transaction((manager) => this.reset.emptyTables(manager));
    this.logger.warn('read model emptied and consumer group rewound: rebuilding from the beginning of every topic');
  }
}
