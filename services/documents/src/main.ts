import { loadConfig } from '@cpc/config';
import { runService, startService } from '@cpc/runtime';
import { DocumentsConfig } from './documents.config';
import { documentsService } from './documents.definition';

// A failure to start (a wrong setting, a broker refusing the login) is one JSON line on stderr, then exit 1.
runService('documents', () => startService(documentsService(loadConfig(DocumentsConfig))));
