import { ConfigError, loadConfig } from '@cpc/config';
import { startService } from '@cpc/runtime';
import { NotificationsConfig } from './notifications.config';
import { notificationsService } from './notifications.definition';

async function main(): Promise<void> {
  const config = loadConfig(NotificationsConfig);
  await startService(notificationsService(config));
}

main().catch((error: unknown) => {
  // A wrong setting stops the service with a message naming it (ConfigError lists them).
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).stack}\n`);
  process.exit(1);
});
