import { ConfigError, loadConfig } from '@cpc/config';
import { startService } from '@cpc/runtime';
import { ConsoleConfig } from './console.config';
import { consoleService } from './console.definition';

async function main(): Promise<void> {
  const config = loadConfig(ConsoleConfig);
  // `--rebuild`: empty the read model and read every topic again from the beginning (README "Operations console").
  await startService(consoleService(config, { rebuild: process.argv.includes('--rebuild') }));
}

main().catch((error: unknown) => {
  // A wrong setting stops the service with a message naming it (ConfigError lists them).
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).stack}\n`);
  process.exit(1);
});
