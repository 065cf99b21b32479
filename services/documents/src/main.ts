import { ConfigError, loadConfig } from '@cpc/config';
import { startService } from '@cpc/runtime';
import { DocumentsConfig } from './documents.config';
import { documentsService } from './documents.definition';

async function main(): Promise<void> {
  const config = loadConfig(DocumentsConfig);
  await startService(documentsService(config));
}

main().catch((error: unknown) => {
  // A wrong setting stops the service with a message naming it (ConfigError lists them).
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).stack}\n`);
  process.exit(1);
});
