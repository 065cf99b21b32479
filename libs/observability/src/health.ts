import { Controller, Get, HttpCode, Injectable, ServiceUnavailableException, SetMetadata } from '@nestjs/common';

/** Marks an endpoint that needs no token: health, metrics (the auth guard reads this key). */
export const PUBLIC_ENDPOINT = 'cpc:public';
export const Public = () => SetMetadata(PUBLIC_ENDPOINT, true);

/** Something the service depends on: PostgreSQL, Kafka, Redis, as used. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

@Injectable()
export class ReadinessChecks {
  private readonly checks: ReadinessCheck[] = [];

  register(check: ReadinessCheck): void {
    this.checks.push(check);
  }

  async run(timeoutMs = 2000): Promise<{ ready: boolean; checks: Record<string, string> }> {
    const results = await Promise.all(
      this.checks.map(async (c) => {
        try {
          await withTimeout(c.check(), timeoutMs, c.name);
          return [c.name, 'up'] as const;
        } catch (error) {
          return [c.name, `down: ${reasonOf(error)}`] as const;
        }
      }),
    );
    return { ready: results.every(([, state]) => state === 'up'), checks: Object.fromEntries(results) };
  }
}

@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessChecks) {}

  @Get('live')
  @HttpCode(200)
  live() {
    return { status: 'up' };
  }

  @Get('ready')
  async ready() {
    const result = await this.readiness.run();
    if (!result.ready) throw new ServiceUnavailableException({ status: 'down', checks: result.checks });
    return { status: 'up', checks: result.checks };
  }
}

/**
 * Why a check failed, without the driver's message: readiness answers without a token, and a
 * driver's message names hosts, ports and users (`connect ECONNREFUSED 10.0.3.7:5432`).
 */
function reasonOf(error: unknown): string {
  const { code, name, message } = (error ?? {}) as { code?: unknown; name?: unknown; message?: unknown };
  if (error instanceof CheckTimeout) return String(message);
  if (typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code)) return code;
  if (typeof name === 'string' && name !== 'Error' && /^[A-Za-z]{2,60}$/.test(name)) return name;
  return 'not answering';
}

class CheckTimeout extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout(`${name} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
