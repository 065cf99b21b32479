import { loadConfig } from '@cpc/config';
import { runService, startService } from '@cpc/runtime';
import { SchedulingConfig } from './scheduling.config';
import { schedulingService } from './scheduling.definition';

// A failure to start (a wrong setting, a broker refusing the login) is one JSON line on stderr, then exit 1.
runService('scheduling', () => startService(schedulingService(loadConfig(SchedulingConfig))));
