import { IsInt, IsString, Min } from 'class-validator';
import { Transform } from 'class-transformer';
import { ConfigError, loadConfig, LOCAL_JWT_SECRET, ServiceConfig } from './index';

class ExampleConfig extends ServiceConfig {
  @IsInt()
  @Min(1)
  @Transform(({ value }) => Number(value))
  BATCH_SIZE = 10;

  @IsString()
  CA_FILE = '.local/standins/smtp-standin.cert.pem';
}

describe('loadConfig', () => {
  it('uses the local defaults when nothing is set', () => {
    const config = loadConfig(ExampleConfig, {});
    expect(config.BATCH_SIZE).toBe(10);
    expect(config.KAFKA_BROKERS).toBe('127.0.0.1:9092');
  });

  it('reads and converts variables from the environment', () => {
    const config = loadConfig(ExampleConfig, { BATCH_SIZE: '25', PORT: '4000' });
    expect(config.BATCH_SIZE).toBe(25);
    expect(config.PORT).toBe(4000);
  });

  it('reads an empty value as the local default, but an empty file setting as no file (the system CAs)', () => {
    const config = loadConfig(ExampleConfig, { BATCH_SIZE: '', LOG_LEVEL: '', CA_FILE: '' });
    expect(config.BATCH_SIZE).toBe(10);
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.CA_FILE).toBe('');
    expect(loadConfig(ExampleConfig, {}).CA_FILE).toBe('.local/standins/smtp-standin.cert.pem');
    expect(loadConfig(ExampleConfig, { CA_FILE: '/etc/ssl/council-ca.pem' }).CA_FILE).toBe('/etc/ssl/council-ca.pem');
  });

  it('refuses a wrong setting with a message naming it', () => {
    expect(() => loadConfig(ExampleConfig, { PORT: 'eighty' })).toThrow(/PORT="eighty"/);
    expect(() => loadConfig(ExampleConfig, { KAFKA_BROKERS: 'nohost' })).toThrow(ConfigError);
  });

  it('hides secret values in the message', () => {
    expect(() => loadConfig(ExampleConfig, { AUTH_JWT_SECRET: 'short' })).toThrow(/AUTH_JWT_SECRET=\(hidden\)/);
  });

  it('refuses the development JWT secret in production', () => {
    expect(() => loadConfig(ExampleConfig, { NODE_ENV: 'production', AUTH_JWT_SECRET: LOCAL_JWT_SECRET })).toThrow(
      /must not be used in production/,
    );
  });
});
