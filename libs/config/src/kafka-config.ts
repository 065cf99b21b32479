import { accessSync, constants } from 'node:fs';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';

export const KAFKA_SASL_MECHANISMS = ['scram-sha-512', 'scram-sha-256', 'plain'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];
const FLAGS = ['true', 'false'] as const;

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value);

/**
 * How a process reaches Kafka and the topics it creates: brokers, TLS (a CA to trust, a client
 * certificate and key), SASL (SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN, the password given or read from a
 * file) and partitions / replication / `min.insync.replicas`. Every service's config extends it; tools
 * and test probes load it alone (`loadConfig(KafkaConnectionConfig)`). A combination that cannot work
 * (a CA without TLS, a user without a mechanism, min.insync above the replication) is refused at
 * start by {@link crossCheck}, naming the setting, instead of a connection that hangs or fails later.
 */
export class KafkaConnectionConfig {
  @IsString()
  @Matches(/^[\w.-]+:\d+(,[\w.-]+:\d+)*$/, { message: 'must be host:port[,host:port...]' })
  KAFKA_BROKERS = '127.0.0.1:9092';

  /** TLS to the brokers. */
  @IsIn(FLAGS)
  KAFKA_SSL: (typeof FLAGS)[number] = 'false';

  /** PEM CA bundle the brokers' certificates chain to; empty: the system's CAs. */
  @IsString()
  KAFKA_SSL_CA_FILE = '';

  /** PEM client certificate (mutual TLS), with KAFKA_SSL_KEY_FILE. */
  @IsString()
  KAFKA_SSL_CERT_FILE = '';

  @IsString()
  KAFKA_SSL_KEY_FILE = '';

  /** false accepts any broker certificate: for a test cluster only, refused in production. */
  @IsIn(FLAGS)
  KAFKA_SSL_REJECT_UNAUTHORIZED: (typeof FLAGS)[number] = 'true';

  /** Empty: no SASL. */
  @IsIn(['', ...KAFKA_SASL_MECHANISMS], { message: `must be one of ${KAFKA_SASL_MECHANISMS.join(', ')} (or empty for none)` })
  KAFKA_SASL_MECHANISM: KafkaSaslMechanism | '' = '';

  @IsString()
  KAFKA_SASL_USERNAME = '';

  @IsString()
  KAFKA_SASL_PASSWORD = '';

  /** A file whose content (trailing newline dropped) is the SASL password: a mounted Secret. */
  @IsString()
  KAFKA_SASL_PASSWORD_FILE = '';

  /** Partitions of each topic this process creates (a topic that exists is left as it is). */
  @IsInt()
  @Min(1)
  @Max(1000)
  @Transform(toInt)
  KAFKA_TOPIC_PARTITIONS = 3;

  @IsInt()
  @Min(1)
  @Max(16)
  @Transform(toInt)
  KAFKA_REPLICATION_FACTOR = 1;

  /** `min.insync.replicas` of each topic created: with acks=all, how many copies a write needs. */
  @IsInt()
  @Min(1)
  @Max(16)
  @Transform(toInt)
  KAFKA_MIN_INSYNC_REPLICAS = 1;

  crossCheck(): string[] {
    return kafkaConnectionProblems(this);
  }
}

/** What is wrong with a combination of Kafka settings, each line naming the setting to change. */
export function kafkaConnectionProblems(config: KafkaConnectionConfig, options: { production?: boolean } = {}): string[] {
  const problems: string[] = [];
  const tls = config.KAFKA_SSL === 'true';
  for (const key of ['KAFKA_SSL_CA_FILE', 'KAFKA_SSL_CERT_FILE', 'KAFKA_SSL_KEY_FILE'] as const) {
    if (config[key] && !tls) problems.push(`${key}: set, but KAFKA_SSL is not true (set KAFKA_SSL=true to use TLS, or unset ${key})`);
  }
  if (!tls && config.KAFKA_SSL_REJECT_UNAUTHORIZED === 'false')
    problems.push('KAFKA_SSL_REJECT_UNAUTHORIZED: false has no effect without KAFKA_SSL=true');
  if (Boolean(config.KAFKA_SSL_CERT_FILE) !== Boolean(config.KAFKA_SSL_KEY_FILE)) {
    const missing = config.KAFKA_SSL_CERT_FILE ? 'KAFKA_SSL_KEY_FILE' : 'KAFKA_SSL_CERT_FILE';
    problems.push(`${missing}: a client certificate needs both KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE`);
  }
  for (const key of ['KAFKA_SSL_CA_FILE', 'KAFKA_SSL_CERT_FILE', 'KAFKA_SSL_KEY_FILE', 'KAFKA_SASL_PASSWORD_FILE'] as const) {
    const problem = config[key] ? unreadable(config[key]) : undefined;
    if (problem) problems.push(`${key}=${JSON.stringify(config[key])}: ${problem}`);
  }
  const mechanism = config.KAFKA_SASL_MECHANISM;
  if (mechanism) {
    if (!config.KAFKA_SASL_USERNAME) problems.push(`KAFKA_SASL_USERNAME: required with KAFKA_SASL_MECHANISM=${mechanism}`);
    if (!config.KAFKA_SASL_PASSWORD && !config.KAFKA_SASL_PASSWORD_FILE)
      problems.push(`KAFKA_SASL_PASSWORD: required with KAFKA_SASL_MECHANISM=${mechanism} (or KAFKA_SASL_PASSWORD_FILE)`);
    if (config.KAFKA_SASL_PASSWORD && config.KAFKA_SASL_PASSWORD_FILE)
      problems.push('KAFKA_SASL_PASSWORD_FILE: set together with KAFKA_SASL_PASSWORD; give the password one way only');
  } else {
    for (const key of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'KAFKA_SASL_PASSWORD_FILE'] as const) {
      if (config[key]) problems.push(`KAFKA_SASL_MECHANISM: required when ${key} is set (${KAFKA_SASL_MECHANISMS.join(', ')})`);
    }
  }
  if (config.KAFKA_MIN_INSYNC_REPLICAS > config.KAFKA_REPLICATION_FACTOR) {
    problems.push(
      `KAFKA_MIN_INSYNC_REPLICAS=${config.KAFKA_MIN_INSYNC_REPLICAS}: more than KAFKA_REPLICATION_FACTOR=${config.KAFKA_REPLICATION_FACTOR}, so no write could succeed`,
    );
  }
  if (options.production) {
    if (mechanism === 'plain' && !tls)
      problems.push('KAFKA_SASL_MECHANISM=plain: sends the password in clear; set KAFKA_SSL=true in production');
    if (tls && config.KAFKA_SSL_REJECT_UNAUTHORIZED === 'false')
      problems.push("KAFKA_SSL_REJECT_UNAUTHORIZED: false is not allowed in production; give the brokers' CA in KAFKA_SSL_CA_FILE");
  }
  return problems;
}

function unreadable(path: string): string | undefined {
  try {
    accessSync(path, constants.R_OK);
    return undefined;
  } catch (error) {
    return `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  }
}
