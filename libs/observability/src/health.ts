import { Controller, Get, HttpCode, Injectable, ServiceUnavailableException, SetMetadata } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiServiceUnavailableResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';

/** Marks an endpoint that needs no token: health, metrics (the auth guard reads this key; its OpenAPI operation has no security). */
export const PUBLIC_ENDPOINT = 'cpc:public';
export const Public = () => SetMetadata(PUBLIC_ENDPOINT, true);

/** What the health endpoints answer. */
export class HealthView {
  @ApiProperty({ enum: ['up'], example: 'up' }) status: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { postgresql: 'up', kafka: 'up' },
    description: 'Each dependency: `up`, or `down: <reason>`.',
  })
  checks?: Record<string, string>;
}

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
          await withTimeout(c.check(), timeoutMs, () => new CheckTimeout(`${c.name} did not answer within ${timeoutMs} ms`));
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
@ApiTags('Health')
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessChecks) {}

  @Get('live')
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness', description: 'The process answers HTTP. Needs no token.' })
  @ApiOkResponse({ type: HealthView, description: 'Alive' })
  live(): HealthView {
    return { status: 'up' };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness',
    description: 'Every dependency the service uses (PostgreSQL, Kafka, Redis) answers. Needs no token.',
  })
  @ApiOkResponse({ type: HealthView, description: 'Ready: every check is up' })
  @ApiServiceUnavailableResponse({
    description: 'Not ready: a problem document whose `checks` name what is down',
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath('Problem') } } },
  })
  async ready(): Promise<HealthView> {
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

/** `work`, or a rejection with `late()` once `ms` have passed without it settling (the timer is cleared either way). */
export function withTimeout<T>(work: Promise<T>, ms: number, late: () => Error): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(late()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
