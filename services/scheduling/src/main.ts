import { ConfigError, loadConfig } from '@cpc/config';
import { startService } from '@cpc/runtime';
import { SchedulingConfig } from './scheduling.config';
import { schedulingService } from './scheduling.definition';

async function main(): Promise<void> {
  const config = loadConfig(SchedulingConfig);
  await startService(schedulingService(config));
}

main().catch((error: unknown) => {
  // A wrong setting stops the service with a message naming it (ConfigError lists them).
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).stack}\n`);
  process.exit(1);
});
