import { queuePrefixOf, redisOptionsOf } from './redis';

describe('Redis settings shared by the services with queues', () => {
  it('reads host, port, credentials, database and TLS from the URL', () => {
    expect(redisOptionsOf('redis://127.0.0.1:6379')).toEqual({ host: '127.0.0.1', port: 6379 });
    expect(redisOptionsOf('rediss://user:p%40ss@cache.council.example/2')).toEqual({
      host: 'cache.council.example',
      port: 6379,
      username: 'user',
      password: 'p@ss',
      db: 2,
      tls: {},
    });
  });

  it('derives the queue prefix from the database name unless one is configured', () => {
    expect(queuePrefixOf('', 'postgres://postgres@127.0.0.1:5432/cpc_scheduling_test')).toBe('cpc-cpc_scheduling_test');
    expect(queuePrefixOf('custom', 'postgres://postgres@127.0.0.1:5432/cpc_scheduling')).toBe('custom');
  });
});
