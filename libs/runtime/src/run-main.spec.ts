import { ConfigError } from '@cpc/config';
import { startupFailure } from './run-main';

describe('startupFailure: the one line a service writes when it cannot start', () => {
  it('names every bad setting of a configuration error', () => {
    const line = startupFailure(
      'conference',
      new ConfigError(['PORT: must not be greater than 65535', 'DATABASE_URL: must be a postgres:// URL']),
    );
    expect(line).toMatchObject({
      level: 'fatal',
      service: 'conference',
      settings: ['PORT: must not be greater than 65535', 'DATABASE_URL: must be a postgres:// URL'],
    });
    expect(JSON.parse(JSON.stringify(line))).toEqual(line);
  });

  it('gives any other error its type and message, without a stack', () => {
    const line = startupFailure('documents', new TypeError('Kafka refused the SASL login'));
    expect(line).toMatchObject({ err: { type: 'TypeError', message: 'Kafka refused the SASL login' } });
    expect(JSON.stringify(line)).not.toContain('    at ');
  });
});
