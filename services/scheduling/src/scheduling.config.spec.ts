import { loadConfig } from '@cpc/config';
import { SchedulingConfig } from './scheduling.config';

describe('scheduling settings', () => {
  it('pairs the wake-up queue with its database by default, so a test run and a development stack never share jobs', () => {
    expect(loadConfig(SchedulingConfig, {}).queuePrefix()).toBe('cpc-cpc_scheduling');
    expect(loadConfig(SchedulingConfig, { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/cpc_scheduling_test' }).queuePrefix()).toBe(
      'cpc-cpc_scheduling_test',
    );
    expect(loadConfig(SchedulingConfig, { QUEUE_PREFIX: 'bench-1' }).queuePrefix()).toBe('bench-1');
  });

  it("refuses a ':' in the queue's key parts (BullMQ's separator)", () => {
    expect(() => loadConfig(SchedulingConfig, { QUEUE_PREFIX: 'a:b' })).toThrow(/QUEUE_PREFIX/);
    expect(() => loadConfig(SchedulingConfig, { QUEUE_NAME: 'a:b' })).toThrow(/QUEUE_NAME/);
  });

  it('reads numbers and booleans from the environment', () => {
    const config = loadConfig(SchedulingConfig, { REBUILD_INTERVAL_MS: '2000', BULL_BOARD_ENABLED: 'false' });
    expect(config.REBUILD_INTERVAL_MS).toBe(2000);
    expect(config.BULL_BOARD_ENABLED).toBe(false);
    expect(loadConfig(SchedulingConfig, {}).BULL_BOARD_ENABLED).toBe(true);
  });
});
