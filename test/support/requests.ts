import type { ConferenceComponents } from '@cpc/client';

type ScheduleConferenceDto = ConferenceComponents['schemas']['ScheduleConferenceDto'];

/**
 * A valid POST /conferences body starting `hoursAhead` from now, typed by the contract (the typed client's
 * ScheduleConferenceDto). `overrides` may deliberately step outside it (a harness's refusal tests), so they
 * are not checked; without them the body is what the compiler holds to the OpenAPI document.
 */
export function conferenceRequest(hoursAhead = 72, overrides: Record<string, unknown> = {}): ScheduleConferenceDto {
  const body: ScheduleConferenceDto = {
    kind: 'ICPC',
    localAuthority: 'LBHF',
    children: [{ firstName: 'Amy', lastName: 'Stone', dateOfBirth: '2018-04-02' }],
    scheduledStart: new Date(Date.now() + hoursAhead * 3600_000).toISOString(),
    durationMinutes: 90,
    participationOption: 'FULL',
  };
  return { ...body, ...overrides } as ScheduleConferenceDto;
}

/** A supertest request whose body is read as raw bytes (a Word document), whatever its content type. */
export function asBytes<
  T extends { buffer(value: boolean): T; parse(parser: (res: any, done: (err: Error | null, body: Buffer) => void) => void): T },
>(request: T): T {
  return request.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
}
