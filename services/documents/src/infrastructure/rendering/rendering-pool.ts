import { WorkerPoolFull } from '@cpc/http';
import type { OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import type { CirculationCopies, CirculationCopiesTask, ParentCopyEncryptionTask } from './rendering.worker';

export type { CirculationCopies, CirculationCopiesTask } from './rendering.worker';

export interface RenderingPoolOptions {
  /** Worker threads (DOCUMENT_WORKERS). */
  workers: number;
  /** Tasks that may wait for a worker (DOCUMENT_WORKER_QUEUE); beyond it a circulation is refused with 503. */
  maxQueue: number;
}

/**
 * The worker file, next to this one: compiled JavaScript when the service runs from dist (production,
 * `node dist/main.js`), TypeScript when it runs from source in Jest, where @swc/jest compiles the main
 * thread only, so each worker first requires test/typescript-worker.js (ts-node, transpile-only on SWC).
 */
export function workerEntry(moduleFile = __filename): { filename: string; execArgv: string[] } {
  if (moduleFile.endsWith('.js')) return { filename: join(__dirname, 'rendering.worker.js'), execArgv: [] };
  const register = join(__dirname, '..', '..', '..', 'test', 'typescript-worker.js');
  return { filename: join(__dirname, 'rendering.worker.ts'), execArgv: ['--require', register] };
}

/**
 * The documents service's worker pool (piscina) for the CPU-heavy part of a circulation: redaction and
 * rendering of the copies, and each parent copy's encryption, whose key derivation alone is ~25 ms of CPU.
 * The queue is bounded: a circulation whose tasks would not fit is refused whole before any work starts
 * (WorkerPoolFull, a 503 with Retry-After), never half-rendered. Closed on application shutdown,
 * after the tasks already running finish.
 */
export class DocumentRenderingPool implements OnApplicationShutdown {
  private readonly pool: Piscina;
  /** Tasks handed to the pool and not yet settled: running ones and waiting ones. */
  private inFlight = 0;

  constructor(private readonly options: RenderingPoolOptions) {
    const entry = workerEntry();
    this.pool = new Piscina({
      filename: entry.filename,
      execArgv: entry.execArgv,
      // Every run names its function; a default that exists keeps piscina's start-up load from
      // falling back to an ESM import, which cannot read the .ts worker under Jest.
      name: 'renderCirculationCopies',
      minThreads: options.workers,
      maxThreads: options.workers,
      maxQueue: options.maxQueue,
      idleTimeout: 60_000,
    });
  }

  get workers(): number {
    return this.options.workers;
  }

  /** Refuses at once when `tasks` more would overflow the queue (the pool's own check is per task, too late for a batch). */
  reserve(tasks: number): void {
    const waiting = Math.max(0, this.inFlight + tasks - this.options.workers);
    if (waiting > this.options.maxQueue) throw new WorkerPoolFull('documents rendering');
  }

  renderCirculationCopies(task: CirculationCopiesTask): Promise<CirculationCopies> {
    return this.run<CirculationCopies>(task, 'renderCirculationCopies');
  }

  async encryptParentCopy(document: Buffer, password: string): Promise<Buffer> {
    const task: ParentCopyEncryptionTask = { document, password };
    const encrypted = await this.run<Uint8Array>(task, 'encryptParentCopy');
    return Buffer.from(encrypted.buffer, encrypted.byteOffset, encrypted.byteLength);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }

  private async run<T>(task: unknown, name: string): Promise<T> {
    this.inFlight += 1;
    try {
      return (await this.pool.run(task, { name })) as T;
    } catch (error) {
      // piscina's own refusal when the queue is at its bound (a race past reserve()).
      if (error instanceof Error && /Task queue is at limit/.test(error.message)) throw new WorkerPoolFull('documents rendering');
      throw error;
    } finally {
      this.inFlight -= 1;
    }
  }
}
