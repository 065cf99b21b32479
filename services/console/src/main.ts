import { loadConfig } from '@cpc/config';
import { runService, startService } from '@cpc/runtime';
import { ConsoleConfig } from './console.config';
import { consoleService } from './console.definition';

// `--rebuild`: empty the read model and read every topic again from the beginning (README "Operations console").
// A failure to start (a wrong setting, a broker refusing the login) is one JSON line on stderr, then exit 1.
runService('console', () => startService(consoleService(loadConfig(ConsoleConfig), { rebuild: process.argv.includes('--rebuild') })));
