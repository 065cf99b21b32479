import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ConferenceConfig } from '../../services/conference/src/conference.config';
import { DocumentsConfig } from '../../services/documents/src/documents.config';
import { NotificationsConfig } from '../../services/notifications/src/notifications.config';
import { SchedulingConfig } from '../../services/scheduling/src/scheduling.config';

// No Docker engine runs here (issue 2): this test keeps docker-compose.yml true to the code instead.
interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  ports?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: unknown };
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync(join(__dirname, '..', '..', 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, ComposeService>;
};
const services: [string, object][] = [
  ['conference', new ConferenceConfig()],
  ['scheduling', new SchedulingConfig()],
  ['documents', new DocumentsConfig()],
  ['notifications', new NotificationsConfig()],
];

describe('docker-compose.yml', () => {
  it('runs Kafka (KRaft), PostgreSQL, Redis and a mail catcher, each with a health check', () => {
    for (const name of ['kafka', 'postgres', 'redis', 'mail']) {
      expect(compose.services[name]).toBeDefined();
      expect(compose.services[name].healthcheck?.test).toBeDefined();
    }
    expect(compose.services.kafka.environment?.KAFKA_PROCESS_ROLES).toBe('broker,controller');
  });

  it.each(services)('runs the %s service with every setting its code reads', (name, config) => {
    const service = compose.services[name];
    expect(service).toBeDefined();
    const environment = service.environment ?? {};
    const missing = Object.keys(config).filter((key) => !(key in environment));
    expect(missing).toEqual([]);
    const unknown = Object.keys(environment).filter((key) => !(key in config));
    expect(unknown).toEqual([]);
    expect(service.ports).toContain(`${(config as { PORT: number }).PORT}:${environment.PORT}`);
    expect(service.healthcheck?.test).toBeDefined();
    for (const dependency of ['kafka', 'postgres', 'bootstrap']) expect(service.depends_on?.[dependency]).toBeDefined();
  });

  it('points every service at the compose network, not at localhost', () => {
    for (const [name] of services) {
      const environment = compose.services[name].environment ?? {};
      expect(environment.KAFKA_BROKERS).toBe('kafka:9092');
      expect(environment.DATABASE_URL).toMatch(new RegExp(`@postgres:5432/cpc_${name}$`));
      expect(environment.REDIS_URL).toBe('redis://redis:6379');
    }
  });
});
