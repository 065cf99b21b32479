import { loadConfig } from '@cpc/config';
import { runService, startService } from '@cpc/runtime';
import { NotificationsConfig } from './notifications.config';
import { notificationsService } from './notifications.definition';

// A failure to start (a wrong setting, a broker refusing the login) is one JSON line on stderr, then exit 1.
runService('notifications', () => startService(notificationsService(loadConfig(NotificationsConfig))));
