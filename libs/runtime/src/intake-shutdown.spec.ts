import type { INestApplication } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import pino from 'pino';
import { IntakeShutdown } from './intake-shutdown';

// The first step of stopping, against a real node:http server on loopback: requests in hand finish,
// a stalled client cannot hold shutdown up, and a step that fails or hangs does not stop the others.
describe('IntakeShutdown', () => {
  let server: Server;
  const warnings: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(line) });

  beforeEach(async () => {
    warnings.length = 0;
    server = createServer((request, response) => {
      const delay = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('delay') ?? 0);
      request.resume();
      request.on('end', () => setTimeout(() => response.end('done'), delay));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterEach(() => {
    server.closeAllConnections();
    server.close();
  });

  const intake = (settings: { drainMs?: number; closeMs?: number } = {}) => {
    const shutdown = new IntakeShutdown(logger);
    shutdown.attach({ getHttpServer: () => server } as unknown as INestApplication);
    Object.assign(shutdown, settings);
    return shutdown;
  };
  const port = () => (server.address() as AddressInfo).port;

  it('lets a request in hand finish, then stops accepting', async () => {
    const address = `http://127.0.0.1:${port()}`;
    const answer = fetch(`${address}/?delay=300`).then((r) => r.text());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await intake().onModuleDestroy();
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(Date.now() - started).toBeLessThan(1_500); // not the connection's keep-alive timeout
    await expect(answer).resolves.toBe('done');
    await expect(fetch(`${address}/`)).rejects.toThrow();
  });

  it('a client that stalled half-way through its request holds shutdown up no longer than the drain bound', async () => {
    const socket = connect(port(), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly part of the body');
    socket.on('error', () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await intake({ drainMs: 300 }).onModuleDestroy();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(warnings.join('')).toMatch(/requests still open/);
  });

  it('a step that fails or hangs is logged and bounded; the HTTP server still closes', async () => {
    const shutdown = intake({ closeMs: 200 });
    shutdown.alsoClose('failing consumer', () => Promise.reject(new Error('disconnect failed')));
    shutdown.alsoClose('hanging consumer', () => new Promise<void>(() => undefined));
    const started = Date.now();
    await expect(shutdown.onModuleDestroy()).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(server.listening).toBe(false);
    expect(warnings.join('')).toMatch(/failing consumer/);
    expect(warnings.join('')).toMatch(/hanging consumer did not close within 200 ms/);
  });

  it('runs once however often it is asked', async () => {
    let closes = 0;
    const shutdown = intake();
    shutdown.alsoClose('consumer', async () => {
      closes += 1;
    });
    await Promise.all([shutdown.onModuleDestroy(), shutdown.onModuleDestroy()]);
    await shutdown.onModuleDestroy();
    expect(closes).toBe(1);
  });
});
