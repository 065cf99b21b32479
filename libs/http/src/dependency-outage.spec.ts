import { NotFoundException } from '@nestjs/common';
import { createServer } from 'node:net';
import { Pool } from 'pg';
import { QueryFailedError } from 'typeorm';
import { DEPENDENCY_RETRY_AFTER_SECONDS, dependencyEndpointsOf, unavailableDependency, WorkerPoolFull } from './dependency-outage';
import { toProblem } from './problem.filter';

const named = (name: string, message = name, extra: object = {}) => Object.assign(new Error(message), { name }, extra);

// Issue 11 item 1: PostgreSQL down answered 500 "Internal error"; a dependency outage is a 503 naming the dependency.
describe('a dependency away is a 503, not a 500', () => {
  it('a refused PostgreSQL connection from the real pg pool is postgresql, with Retry-After and no host or port', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise((resolve) => server.close(resolve)); // nothing listens there now
    const pool = new Pool({ connectionString: `postgres://postgres@127.0.0.1:${port}/x`, connectionTimeoutMillis: 1000 });
    const error = await pool.query('SELECT 1').catch((e: unknown) => e);
    await pool.end();

    expect(unavailableDependency(error)).toBe('postgresql');
    const problem = toProblem(error, '/api/v1/conferences');
    expect(problem).toMatchObject({
      type: '/problems/dependency-unavailable',
      status: 503,
      dependency: 'postgresql',
      retryAfterSeconds: DEPENDENCY_RETRY_AFTER_SECONDS,
    });
    expect(JSON.stringify(problem)).not.toMatch(new RegExp(`127\\.0\\.0\\.1|${port}|ECONNREFUSED`));
  });

  it.each([
    [
      'a query cut off (TypeORM QueryFailedError)',
      new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly')),
      'postgresql',
    ],
    [
      'admin shutdown 57P01',
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      'postgresql',
    ],
    ['too many connections 53300', Object.assign(new Error('sorry, too many clients already'), { code: '53300' }), 'postgresql'],
    ['cannot connect now 57P03', Object.assign(new Error('the database system is starting up'), { code: '57P03' }), 'postgresql'],
    ['pool timeout', new Error('timeout exceeded when trying to connect'), 'postgresql'],
    ['kafkajs connection', named('KafkaJSConnectionError', 'Connection error: connect ECONNREFUSED'), 'kafka'],
    ['kafkajs retries exhausted', named('KafkaJSNumberOfRetriesExceeded', 'x', { cause: named('KafkaJSConnectionError') }), 'kafka'],
    ['ioredis max retries', named('MaxRetriesPerRequestError', 'Reached the max retries per request limit (which is 1).'), 'redis'],
    ['ioredis closed', new Error('Connection is closed.'), 'redis'],
    ['ioredis offline', new Error("Stream isn't writeable and enableOfflineQueue options is false"), 'redis'],
    ['wrapped in a cause', new Error('save failed', { cause: Object.assign(new Error('x'), { code: '08006' }) }), 'postgresql'],
    ['a worker pool at its queue bound', new WorkerPoolFull('documents rendering'), 'worker-pool'],
  ])('%s → %s', (_, error, dependency) => {
    expect(unavailableDependency(error)).toBe(dependency);
    expect(toProblem(error, '/x')).toMatchObject({ status: 503, dependency });
  });

  it('a full worker pool says so, with Retry-After, and that nothing was changed', () => {
    expect(toProblem(new WorkerPoolFull('documents rendering'), '/x')).toMatchObject({
      status: 503,
      type: '/problems/dependency-unavailable',
      dependency: 'worker-pool',
      retryAfterSeconds: DEPENDENCY_RETRY_AFTER_SECONDS,
      detail: `The worker pool is full; nothing was changed by this request. Try again in ${DEPENDENCY_RETRY_AFTER_SECONDS} seconds.`,
    });
  });

  it('other failures stay what they were: a bug is a 500, a refusal keeps its status, a bare ECONNREFUSED of no known driver is not guessed', () => {
    expect(toProblem(new TypeError('x is undefined'), '/x').status).toBe(500);
    expect(toProblem(new QueryFailedError('INSERT', [], Object.assign(new Error('dup'), { code: '23505' })), '/x').status).toBe(500);
    expect(toProblem(new NotFoundException(), '/x').status).toBe(404);
    const bare = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
      stack: 'Error\n    at TCPConnectWrap.afterConnect',
    });
    expect(unavailableDependency(bare)).toBeNull();
  });

  it('a bare network error (pg through TypeORM passes one with no pg frame) is named by the endpoint it failed to reach', () => {
    const endpoints = dependencyEndpointsOf({
      databaseUrl: 'postgres://postgres@127.0.0.1:6543/cpc',
      kafkaBrokers: 'kafka-1:9092, kafka-2:9093',
      redisUrl: 'redis://127.0.0.1:6379',
    });
    const refused = (address: string, port: number) =>
      Object.assign(new Error(`connect ECONNREFUSED ${address}:${port}`), {
        code: 'ECONNREFUSED',
        address,
        port,
        stack: 'Error\n    at TCPConnectWrap',
      });
    expect(unavailableDependency(refused('127.0.0.1', 6543), endpoints)).toBe('postgresql');
    expect(unavailableDependency(refused('127.0.0.1', 6379), endpoints)).toBe('redis');
    expect(unavailableDependency(refused('10.0.0.9', 9093), endpoints)).toBe('kafka');
    expect(unavailableDependency(refused('127.0.0.1', 4000), endpoints)).toBeNull();
    expect(
      unavailableDependency(
        Object.assign(new Error('getaddrinfo ENOTFOUND kafka-1'), { code: 'ENOTFOUND', hostname: 'kafka-1' }),
        endpoints,
      ),
    ).toBe('kafka');
    // From another realm (jest's sandbox, a worker): a plain object with the same fields.
    expect(unavailableDependency({ name: 'Error', code: 'ECONNREFUSED', address: '127.0.0.1', port: 6543 }, endpoints)).toBe('postgresql');
  });

  it('a connection reset raised from inside the pg client is postgresql', async () => {
    // A server that accepts and resets: the pg client's own error, as when PostgreSQL's host goes away mid-session.
    const server = createServer((socket) => socket.resetAndDestroy()).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const port = (server.address() as { port: number }).port;
    const pool = new Pool({ connectionString: `postgres://postgres@127.0.0.1:${port}/x`, connectionTimeoutMillis: 1000 });
    const error = await pool.query('SELECT 1').catch((e: unknown) => e);
    await pool.end();
    server.close();
    expect(unavailableDependency(error)).toBe('postgresql');
  });
});
