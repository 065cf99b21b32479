import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, KafkaConnectionConfig, loadConfig, ServiceConfig } from './index';

const dir = mkdtempSync(join(tmpdir(), 'kafka-config-'));
const file = (name: string, content = 'x') => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const refusal = (env: Record<string, string>, shape: new () => KafkaConnectionConfig = KafkaConnectionConfig) => {
  try {
    loadConfig(shape, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.join('\n');
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
};

describe('KafkaConnectionConfig', () => {
  it('defaults to the local plaintext broker and one copy of three partitions', () => {
    expect(loadConfig(KafkaConnectionConfig, {})).toMatchObject({
      KAFKA_BROKERS: '127.0.0.1:9092',
      KAFKA_SSL: 'false',
      KAFKA_SSL_REJECT_UNAUTHORIZED: 'true',
      KAFKA_SASL_MECHANISM: '',
      KAFKA_TOPIC_PARTITIONS: 3,
      KAFKA_REPLICATION_FACTOR: 1,
      KAFKA_MIN_INSYNC_REPLICAS: 1,
    });
  });

  it('accepts SASL_SSL with SCRAM-SHA-512, a CA and a password file', () => {
    const config = loadConfig(KafkaConnectionConfig, {
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: file('ca.pem'),
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'cpc',
      KAFKA_SASL_PASSWORD_FILE: file('password'),
      KAFKA_REPLICATION_FACTOR: '3',
      KAFKA_MIN_INSYNC_REPLICAS: '2',
    });
    expect(config.KAFKA_REPLICATION_FACTOR).toBe(3);
    expect(config.KAFKA_MIN_INSYNC_REPLICAS).toBe(2);
  });

  it.each([
    [{ KAFKA_SSL: 'yes' }, /KAFKA_SSL="yes"/],
    [{ KAFKA_SASL_MECHANISM: 'gssapi' }, /KAFKA_SASL_MECHANISM="gssapi": must be one of scram-sha-512, scram-sha-256, plain/],
    [{ KAFKA_SSL_CA_FILE: file('ca2.pem') }, /KAFKA_SSL_CA_FILE: set, but KAFKA_SSL is not true/],
    [{ KAFKA_SSL: 'true', KAFKA_SSL_CERT_FILE: file('cert.pem') }, /KAFKA_SSL_KEY_FILE: a client certificate needs both/],
    [{ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: join(dir, 'missing.pem') }, /KAFKA_SSL_CA_FILE=".*missing.pem": cannot be read \(ENOENT\)/],
    [
      { KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_PASSWORD: 'p' },
      /KAFKA_SASL_USERNAME: required with KAFKA_SASL_MECHANISM=scram-sha-256/,
    ],
    [{ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u' }, /KAFKA_SASL_PASSWORD: required/],
    [
      { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p', KAFKA_SASL_PASSWORD_FILE: file('pw') },
      /KAFKA_SASL_PASSWORD_FILE: set together with KAFKA_SASL_PASSWORD/,
    ],
    [{ KAFKA_SASL_USERNAME: 'u' }, /KAFKA_SASL_MECHANISM: required when KAFKA_SASL_USERNAME is set/],
    [
      { KAFKA_REPLICATION_FACTOR: '2', KAFKA_MIN_INSYNC_REPLICAS: '3' },
      /KAFKA_MIN_INSYNC_REPLICAS=3: more than KAFKA_REPLICATION_FACTOR=2/,
    ],
    [{ KAFKA_TOPIC_PARTITIONS: '0' }, /KAFKA_TOPIC_PARTITIONS="0"/],
  ])('refuses %j naming the setting', (env, message) => {
    expect(refusal(env as Record<string, string>)).toMatch(message);
  });

  it('hides the password when it is wrong', () => {
    expect(refusal({ KAFKA_SASL_PASSWORD: 'secret', KAFKA_SASL_MECHANISM: 'nope' })).not.toMatch(/secret/);
  });

  it('refuses in production what would leak the password or trust any broker', () => {
    const production = {
      NODE_ENV: 'production',
      AUTH_JWKS_URL: 'https://login.council.example/jwks',
      AUTH_ISSUER: 'https://login.council.example',
      AUTH_AUDIENCE: 'urn:cpc:api',
    };
    expect(
      refusal({ ...production, KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }, ServiceConfig),
    ).toMatch(/KAFKA_SASL_MECHANISM=plain: sends the password in clear/);
    expect(refusal({ ...production, KAFKA_SSL: 'true', KAFKA_SSL_REJECT_UNAUTHORIZED: 'false' }, ServiceConfig)).toMatch(
      /KAFKA_SSL_REJECT_UNAUTHORIZED: false is not allowed in production/,
    );
    expect(
      loadConfig(ServiceConfig, {
        ...production,
        KAFKA_SSL: 'true',
        KAFKA_SASL_MECHANISM: 'plain',
        KAFKA_SASL_USERNAME: 'u',
        KAFKA_SASL_PASSWORD: 'p',
      }),
    ).toBeTruthy();
  });
});
