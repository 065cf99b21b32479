import { MetricsRegistry } from './metrics';

describe('MetricsRegistry (issue 15: event-loop delay on every service)', () => {
  it('exports the event-loop delay, from perf_hooks.monitorEventLoopDelay, as p50/p90/p99/max gauges in seconds', async () => {
    const metrics = new MetricsRegistry('test');
    const blockedUntil = Date.now() + 100;
    await new Promise<void>((resolve) =>
      setTimeout(() => {
        while (Date.now() < blockedUntil); // a 100 ms block the histogram must see
        setTimeout(resolve, 20);
      }, 20),
    );
    const text = await metrics.registry.metrics();
    for (const name of ['p50', 'p90', 'p99', 'max'])
      expect(text).toMatch(new RegExp(`^nodejs_eventloop_lag_${name}_seconds\\{service="test"\\} `, 'm'));
    const max = Number(/^nodejs_eventloop_lag_max_seconds\{service="test"\} (\S+)$/m.exec(text)?.[1]);
    expect(max).toBeGreaterThan(0.05);
  });
});
