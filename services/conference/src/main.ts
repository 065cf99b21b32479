import { loadConfig } from '@cpc/config';
import { runService, startService } from '@cpc/runtime';
import { ConferenceConfig } from './conference.config';
import { conferenceService } from './conference.definition';

// A failure to start (a wrong setting, a broker refusing the login) is one JSON line on stderr, then exit 1.
runService('conference', () => startService(conferenceService(loadConfig(ConferenceConfig))));
