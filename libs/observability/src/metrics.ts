import { Controller, Get, Header, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { finalize, type Observable } from 'rxjs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from './health';

/** One registry per service process; collectors of the service register on it. */
export class MetricsRegistry {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly eventsConsumed: Counter<'topic' | 'type' | 'outcome'>;
  readonly eventsPublished: Counter<'topic'>;
  readonly eventsResent: Counter<'topic'>;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    this.eventsConsumed = new Counter({
      name: 'events_consumed_total',
      help: 'Events taken off Kafka, by outcome (handled, duplicate, ignored, dead_lettered)',
      labelNames: ['topic', 'type', 'outcome'],
      registers: [this.registry],
    });
    this.eventsPublished = new Counter({
      name: 'outbox_events_published_total',
      help: 'Outbox rows published to Kafka',
      labelNames: ['topic'],
      registers: [this.registry],
    });
    this.eventsResent = new Counter({
      name: 'outbox_events_resent_total',
      help: 'Outbox messages sent again in the same pass because the answer to their batch did not acknowledge their partition',
      labelNames: ['topic'],
      registers: [this.registry],
    });
  }
}

@Injectable()
export class HttpMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: MetricsRegistry) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<{ method: string; route?: { path?: string } }>();
    const response = context.switchToHttp().getResponse<{ statusCode: number }>();
    const stop = this.metrics.httpDuration.startTimer({ method: request.method, route: request.route?.path ?? 'unknown' });
    return next.handle().pipe(finalize(() => stop({ status: String(response.statusCode) })));
  }
}

@Public()
@ApiTags('Metrics')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsRegistry) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  @ApiOperation({
    summary: 'Prometheus metrics',
    description: 'HTTP durations, outbox lag, queue depths and the rest, in the Prometheus text format. Needs no token.',
  })
  @ApiOkResponse({ description: 'The metrics', content: { 'text/plain': { schema: { type: 'string' } } } })
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
