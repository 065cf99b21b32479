import { withTimeout } from '@cpc/observability';
import { Inject, Injectable, type INestApplication, type OnModuleDestroy } from '@nestjs/common';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { SERVICE_LOGGER } from './tokens';

/**
 * How long the requests in hand may take to finish once the service is told to stop: above the longest
 * `Prefer: wait` (10 s). Then the connections still open are closed: a client that stalled half-way
 * through a request (Node stops timing requests out once its server closes) cannot hold shutdown up.
 */
export const HTTP_DRAIN_MS = 12_000;
/** How long the Kafka consumer may take to leave its group (a broker that is away answers nothing). */
export const CONSUMER_CLOSE_MS = 10_000;

/**
 * The first step of stopping a service: no new work comes in. In onModuleDestroy, which Nest runs before
 * any beforeApplicationShutdown: the HTTP server stops accepting and lets the requests in hand finish
 * (at most HTTP_DRAIN_MS), and the Kafka consumer leaves its group after the message in hand (at most
 * CONSUMER_CLOSE_MS). Only then do the relay's last pass (what those requests and messages committed
 * goes out now, not on a later start), the audit log's last write and the queues' close run, and only
 * after them does the database close. A step that fails or runs out of time is logged and the next
 * steps still run: stopping never ends half-way.
 */
@Injectable()
export class IntakeShutdown implements OnModuleDestroy {
  private server: Server | null = null;
  private readonly closers: { name: string; close: () => Promise<void> }[] = [];
  private stopping: Promise<void> | null = null;
  /** The bounds in use (tests shorten them). */
  drainMs = HTTP_DRAIN_MS;
  closeMs = CONSUMER_CLOSE_MS;

  constructor(@Inject(SERVICE_LOGGER) private readonly logger: Logger) {}

  /** The application whose HTTP server closes first (startService; an app that never listened has nothing to close). */
  attach(app: INestApplication): void {
    this.server = app.getHttpServer() as Server;
  }

  /** Something else that brings work in (the Kafka consumer), closed with the HTTP server. */
  alsoClose(name: string, close: () => Promise<void>): void {
    this.closers.push({ name, close });
  }

  onModuleDestroy(): Promise<void> {
    this.stopping ??= this.stop();
    return this.stopping;
  }

  private async stop(): Promise<void> {
    const steps = [
      { name: 'HTTP server', run: () => this.closeServer() },
      ...this.closers.map(({ name, close }) => ({
        name,
        run: () => withTimeout(close(), this.closeMs, () => new Error(`${name} did not close within ${this.closeMs} ms`)),
      })),
    ];
    const outcomes = await Promise.allSettled(steps.map((step) => step.run()));
    outcomes.forEach((outcome, i) => {
      if (outcome.status === 'rejected')
        this.logger.warn({ err: outcome.reason, step: steps[i].name }, 'stopping: a step failed; the next ones run');
    });
  }

  private async closeServer(): Promise<void> {
    const server = this.server;
    if (!server?.listening) return;
    // Node closes the idle keep-alive connections at once and waits for the requests in hand; a connection
    // whose request ends afterwards goes idle and is closed then, not after its keep-alive timeout.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const timer = setTimeout(() => {
      this.logger.warn({ afterMs: this.drainMs }, 'stopping: requests still open; closing their connections');
      server.closeAllConnections();
    }, this.drainMs);
    try {
      await closed;
    } finally {
      clearTimeout(timer);
      clearInterval(idle);
    }
  }
}
