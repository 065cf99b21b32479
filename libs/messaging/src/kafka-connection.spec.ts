import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaConnectionConfig, loadConfig } from '@cpc/config';
import { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded, KafkaJSSASLAuthenticationError } from 'kafkajs';
import { kafkaClientConfig, kafkaRefusal, kafkaSettingsFromEnvironment, kafkaSettingsOf } from './kafka-connection';
import { topicLayoutOf } from './topic-bootstrap';

const dir = mkdtempSync(join(tmpdir(), 'kafka-connection-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('kafkaSettingsOf', () => {
  it('is plaintext without TLS and SASL settings (the local broker)', () => {
    const config = kafkaClientConfig(kafkaSettingsFromEnvironment('probe', { KAFKA_BROKERS: '127.0.0.1:9092,127.0.0.1:9095' }));
    expect(config).toMatchObject({ clientId: 'probe', brokers: ['127.0.0.1:9092', '127.0.0.1:9095'] });
    expect(config.ssl).toBeUndefined();
    expect(config.sasl).toBeUndefined();
  });

  it('reads the CA, client certificate, key and password files into the kafkajs options', () => {
    const config = loadConfig(KafkaConnectionConfig, {
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: file('ca.pem', 'CA'),
      KAFKA_SSL_CERT_FILE: file('client.pem', 'CERT'),
      KAFKA_SSL_KEY_FILE: file('client.key', 'KEY'),
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'cpc-conference',
      KAFKA_SASL_PASSWORD_FILE: file('password', 's3cret\n'),
    });
    const client = kafkaClientConfig(kafkaSettingsOf(config, 'cpc-conference'));
    expect(client.ssl).toEqual({ rejectUnauthorized: true, ca: ['CA'], cert: 'CERT', key: 'KEY' });
    expect(client.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'cpc-conference', password: 's3cret' });
  });

  it('turns verification off only when told, and takes a password given directly', () => {
    const settings = kafkaSettingsFromEnvironment('probe', {
      KAFKA_SSL: 'true',
      KAFKA_SSL_REJECT_UNAUTHORIZED: 'false',
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'u',
      KAFKA_SASL_PASSWORD: 'p',
    });
    expect(settings.ssl).toEqual({ rejectUnauthorized: false });
    expect(settings.sasl).toEqual({ mechanism: 'plain', username: 'u', password: 'p' });
  });

  it('gives ensureTopics the configured layout', () => {
    const config = loadConfig(KafkaConnectionConfig, {
      KAFKA_TOPIC_PARTITIONS: '6',
      KAFKA_REPLICATION_FACTOR: '3',
      KAFKA_MIN_INSYNC_REPLICAS: '2',
    });
    expect(topicLayoutOf(config)).toEqual({ partitions: 6, replicationFactor: 3, minInsyncReplicas: 2 });
  });
});

describe('kafkaRefusal', () => {
  it('names the credentials for a failed SASL login, even wrapped in a retry error', () => {
    const login = new KafkaJSSASLAuthenticationError('SASL SCRAM SHA512 authentication failed: Authentication failed');
    expect(kafkaRefusal(login)).toMatch(/KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD/);
    expect(kafkaRefusal(new KafkaJSNumberOfRetriesExceeded(login, { retryCount: 1, retryTime: 1 }))).toMatch(/SASL login/);
  });

  it('names the CA for a certificate the client does not trust', () => {
    expect(
      kafkaRefusal(new KafkaJSConnectionError('Connection error: self-signed certificate', { code: 'SELF_SIGNED_CERT_IN_CHAIN' })),
    ).toMatch(/KAFKA_SSL_CA_FILE/);
  });

  it('leaves a broker that is not there yet to be waited for', () => {
    expect(kafkaRefusal(new KafkaJSConnectionError('Connection error: connect ECONNREFUSED', { code: 'ECONNREFUSED' }))).toBeUndefined();
  });
});
