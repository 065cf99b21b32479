import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConferenceConfig } from '../../services/conference/src/conference.config';
import { ConsoleConfig } from '../../services/console/src/console.config';
import { DocumentsConfig } from '../../services/documents/src/documents.config';
import { NotificationsConfig } from '../../services/notifications/src/notifications.config';
import { SchedulingConfig } from '../../services/scheduling/src/scheduling.config';

// Issue 2: the README's configuration table lists every variable the code reads.
describe('README configuration table', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  // The first cell of each table row: `NAME`, or several as `A` / `B`.
  const firstCells = [...readme.matchAll(/^\| ([^|]+)\|/gm)].map((match) => match[1]);
  const documented = new Set(firstCells.flatMap((cell) => [...cell.matchAll(/`([A-Z0-9_]+)`/g)].map((match) => match[1])));

  it.each([
    ['conference', new ConferenceConfig()],
    ['scheduling', new SchedulingConfig()],
    ['documents', new DocumentsConfig()],
    ['notifications', new NotificationsConfig()],
    ['console', new ConsoleConfig()],
  ])('documents every setting of the %s service', (_name, config) => {
    expect(Object.keys(config).filter((key) => !documented.has(key))).toEqual([]);
  });

  it('gives the two commands of the quick start literally', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
  });
});
