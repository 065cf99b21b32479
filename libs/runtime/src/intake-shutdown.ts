import { Injectable, type INestApplication, type OnModuleDestroy } from '@nestjs/common';
import type { Server } from 'node:http';

/**
 * The first step of stopping a service: no new work comes in. In onModuleDestroy, which Nest runs before
 * any beforeApplicationShutdown: the HTTP server stops accepting and lets the requests in hand finish,
 * and the Kafka consumer leaves its group (after the message in hand). Only then do the relay's last
 * pass (what those requests and messages committed goes out now, not on a later start), the audit
 * log's last write and the queues' close run, and only after them does the database close.
 */
@Injectable()
export class IntakeShutdown implements OnModuleDestroy {
  private server: Server | null = null;
  private readonly closers: (() => Promise<void>)[] = [];
  private stopping: Promise<void> | null = null;

  /** The application whose HTTP server closes first (startService; an app that never listened has nothing to close). */
  attach(app: INestApplication): void {
    this.server = app.getHttpServer() as Server;
  }

  /** Something else that brings work in (the Kafka consumer), closed with the HTTP server. */
  alsoClose(close: () => Promise<void>): void {
    this.closers.push(close);
  }

  onModuleDestroy(): Promise<void> {
    this.stopping ??= this.stop();
    return this.stopping;
  }

  private async stop(): Promise<void> {
    const server = this.server;
    await Promise.all([
      // Node closes the idle keep-alive connections and waits for the requests in hand.
      new Promise<void>((resolve) => (server?.listening ? server.close(() => resolve()) : resolve())),
      ...this.closers.map((close) => close()),
    ]);
  }
}
