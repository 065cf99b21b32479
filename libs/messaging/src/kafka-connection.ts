import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig, KafkaConnectionConfig, type Environment } from '@cpc/config';
import { Kafka, logLevel, type KafkaConfig, type LogEntry, type SASLOptions } from 'kafkajs';
import type { ConnectionOptions } from 'node:tls';
import type { Logger } from 'pino';

/** Where and how a kafkajs client connects. Without `ssl` and `sasl`: plaintext, as the local broker on 9092. */
export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  ssl?: ConnectionOptions;
  sasl?: SASLOptions;
}

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * The connection settings of a (validated) Kafka configuration: brokers, and the TLS and SASL options
 * with the CA, certificate, key and password files read now. Every Kafka client of the project is
 * made from this (the services' consumers and producers, the outbox relay, the admin that creates
 * topics, the dead-letter producer, bootstrap.mjs and the test probes), so none is left plaintext
 * when the brokers ask for TLS and SASL. A file that cannot be read is a ConfigError naming it.
 */
export function kafkaSettingsOf(config: KafkaConnectionConfig, clientId: string): KafkaSettings {
  const settings: KafkaSettings = { brokers: parseBrokers(config.KAFKA_BROKERS), clientId };
  if (config.KAFKA_SSL === 'true') {
    settings.ssl = {
      rejectUnauthorized: config.KAFKA_SSL_REJECT_UNAUTHORIZED !== 'false',
      ...(config.KAFKA_SSL_CA_FILE ? { ca: [readSetting(config, 'KAFKA_SSL_CA_FILE')] } : {}),
      ...(config.KAFKA_SSL_CERT_FILE ? { cert: readSetting(config, 'KAFKA_SSL_CERT_FILE') } : {}),
      ...(config.KAFKA_SSL_KEY_FILE ? { key: readSetting(config, 'KAFKA_SSL_KEY_FILE') } : {}),
    };
  }
  const mechanism = config.KAFKA_SASL_MECHANISM;
  if (mechanism) {
    const password = config.KAFKA_SASL_PASSWORD_FILE
      ? readSetting(config, 'KAFKA_SASL_PASSWORD_FILE').replace(/\r?\n$/, '')
      : config.KAFKA_SASL_PASSWORD;
    settings.sasl = { mechanism, username: config.KAFKA_SASL_USERNAME, password } as SASLOptions;
  }
  return settings;
}

/** {@link kafkaSettingsOf} the process environment (or `env`), for tools and test probes that have no service config. */
export function kafkaSettingsFromEnvironment(clientId: string, env?: Environment): KafkaSettings {
  return kafkaSettingsOf(loadConfig(KafkaConnectionConfig, env), clientId);
}

/** kafkajs settings shared by the relay, the dead-letter producer, the admin and the Nest transport. */
export function kafkaClientConfig(settings: KafkaSettings, logger?: Logger): KafkaConfig {
  return {
    clientId: settings.clientId,
    brokers: settings.brokers,
    ...(settings.ssl ? { ssl: settings.ssl } : {}),
    ...(settings.sasl ? { sasl: settings.sasl } : {}),
    connectionTimeout: 3000,
    requestTimeout: 10000,
    // A broker that goes away is waited for: the relay and consumers retry with backoff.
    retry: { initialRetryTime: 300, maxRetryTime: 5000, retries: 8 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      const level = LEVELS[entry.level] ?? 'info';
      const { message, ...rest } = entry.log;
      logger?.[level]({ kafka: entry.namespace, ...rest }, message);
    },
  };
}

export function createKafka(settings: KafkaSettings, logger?: Logger): Kafka {
  return new Kafka(kafkaClientConfig(settings, logger));
}

/** TLS verification failures: waiting will not fix them, a setting will. */
const TLS_REFUSALS = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * Why the brokers refused this client for good (wrong SASL credentials or mechanism, a broker
 * certificate that the configured CA does not vouch for), naming the settings to check; undefined for
 * a broker that is only not there yet, which is worth waiting for. A process starting up fails with
 * this message instead of retrying for ever.
 */
export function kafkaRefusal(error: unknown): string | undefined {
  for (
    let cause = error as { name?: string; message?: string; code?: string; cause?: unknown } | undefined;
    cause;
    cause = cause.cause as typeof cause
  ) {
    if (cause.name === 'KafkaJSSASLAuthenticationError')
      return `Kafka refused the SASL login (${cause.message}): check KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD (or KAFKA_SASL_PASSWORD_FILE) and KAFKA_SASL_MECHANISM`;
    if (cause.code && TLS_REFUSALS.has(cause.code))
      return `Kafka's TLS certificate was not accepted (${cause.code}): check KAFKA_SSL_CA_FILE names the CA of the brokers' certificates and that KAFKA_BROKERS uses the names they were issued for`;
    if (cause === cause.cause) break;
  }
  return undefined;
}

export function parseBrokers(list: string): string[] {
  return list
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
}

function readSetting(
  config: KafkaConnectionConfig,
  key: 'KAFKA_SSL_CA_FILE' | 'KAFKA_SSL_CERT_FILE' | 'KAFKA_SSL_KEY_FILE' | 'KAFKA_SASL_PASSWORD_FILE',
): string {
  try {
    return readFileSync(config[key], 'utf8');
  } catch (error) {
    throw new ConfigError([
      `${key}=${JSON.stringify(config[key])}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    ]);
  }
}
