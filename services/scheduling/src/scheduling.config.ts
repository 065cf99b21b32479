import { queuePrefixOf, ServiceConfig } from '@cpc/config';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsString, Matches, Max, Min } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value);
// Implicit conversion has already turned "false" into true by the time a transform runs: read the raw value.
const toBoolean = ({ obj, key }: { obj: Record<string, unknown>; key: string }) => obj[key] === true || obj[key] === 'true';
// BullMQ builds Redis keys as prefix:queue:jobId, so neither part may contain ':'.
const KEY_PART = /^[A-Za-z0-9_.-]+$/;

/** Settings of the scheduling service; every field is an environment variable (README "Configuration"). */
export class SchedulingConfig extends ServiceConfig {
  override PORT = 3002;
  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/cpc_scheduling';
  override KAFKA_CLIENT_ID = 'cpc-scheduling';
  override KAFKA_GROUP_ID = 'cpc-scheduling';

  /**
   * Redis key prefix of the wake-up queue. Empty: derived from the database name, because a queue's
   * wake-ups name deadlines of one database and must never reach a service on another (a test run
   * and a development stack on one Redis). Tests and benchmarks may set their own.
   */
  @IsString()
  @Matches(/^([A-Za-z0-9_.-]+)?$/, { message: 'QUEUE_PREFIX may hold letters, digits, _ . - only' })
  QUEUE_PREFIX = '';

  @IsString()
  @Matches(KEY_PART, { message: 'QUEUE_NAME may hold letters, digits, _ . - only' })
  QUEUE_NAME = 'deadline-wake-ups';

  /** Wake-ups handled at once by one process (each is one short PostgreSQL transaction). */
  @IsInt()
  @Min(1)
  @Max(200)
  @Transform(toInt)
  WAKE_UP_CONCURRENCY = 20;

  /** How long a worker holds a wake-up before another may take it over (a killed process's jobs stall). */
  @IsInt()
  @Min(1000)
  @Max(600_000)
  @Transform(toInt)
  WAKE_UP_LOCK_MS = 30_000;

  /** Redis is disposable: every pending wake-up is rebuilt from PostgreSQL on start and this often. */
  @IsInt()
  @Min(500)
  @Max(3_600_000)
  @Transform(toInt)
  REBUILD_INTERVAL_MS = 60_000;

  /** Rows read and wake-ups written per round trip during a rebuild. */
  @IsInt()
  @Min(100)
  @Max(20_000)
  @Transform(toInt)
  REBUILD_BATCH_SIZE = 2000;

  /** A pending deadline this far past due has lost its wake-up: the sweep breaches it directly, from PostgreSQL. */
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  @Transform(toInt)
  SWEEP_GRACE_MS = 1000;

  /**
   * How often the sweep looks in PostgreSQL for pending deadlines past due, whatever Redis is doing
   * (one replica at a time, under an advisory lock). With SWEEP_GRACE_MS, the most a deadline is late.
   */
  @IsInt()
  @Min(200)
  @Max(600_000)
  @Transform(toInt)
  SWEEP_INTERVAL_MS = 2000;

  /** How often the queue's marker key is checked in Redis; when it is gone (a flush, a restart without data) every wake-up is rebuilt at once. */
  @IsInt()
  @Min(200)
  @Max(600_000)
  @Transform(toInt)
  REDIS_LOSS_CHECK_MS = 1000;

  /** Bull Board at /admin/queues (behind a bearer token with an operations role or the ops:read scope). */
  @IsBoolean()
  @Transform(toBoolean)
  BULL_BOARD_ENABLED = true;

  /** The queue prefix in force: QUEUE_PREFIX, or `cpc-<database name>`. */
  queuePrefix(): string {
    return queuePrefixOf(this.QUEUE_PREFIX, this.DATABASE_URL);
  }
}
