import { preferredWaitMs } from '@cpc/http';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { from, switchMap, type Observable } from 'rxjs';
import { ConferenceArrival } from '../application/conference-arrival';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The longest a caller may ask to be held (`Prefer: wait` above it is taken as this). */
export const MAX_WAIT_SECONDS = 10;

/**
 * On the routes of one conference (`conferences/:id/...`): `Prefer: wait=N` (RFC 7240) holds the
 * request until documents knows the conference, for at most N seconds (ConferenceArrival). The
 * typed client sends it, so a conference created a moment ago is usable at once.
 */
@Injectable()
export class AwaitConference implements NestInterceptor {
  constructor(private readonly arrival: ConferenceArrival) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context
      .switchToHttp()
      .getRequest<{ params?: Record<string, string>; headers: Record<string, string | string[] | undefined> }>();
    const conferenceId = request.params?.id;
    const waitMs = preferredWaitMs(request.headers.prefer, MAX_WAIT_SECONDS);
    if (!waitMs || !conferenceId || !UUID.test(conferenceId)) return next.handle();
    return from(this.arrival.awaitKnown(conferenceId, waitMs)).pipe(switchMap(() => next.handle()));
  }
}

/** The header in the OpenAPI description of each route that honours it. */
export const ApiPreferWait = () =>
  ApiHeader({
    name: 'Prefer',
    required: false,
    description:
      'RFC 7240 `wait=N` (N ≤ 10): documents learns of a conference from Kafka a moment after it is created; with this header a request ' +
      'for a conference not yet known here waits up to N seconds for it instead of answering 404 at once. The typed client sends `wait=5`.',
    schema: { type: 'string', example: 'wait=5' },
  });
