/** A valid POST /conferences body starting `hoursAhead` from now. */
export function conferenceRequest(hoursAhead = 72, overrides: Record<string, unknown> = {}) {
  return {
    kind: 'ICPC',
    localAuthority: 'LBHF',
    children: [{ firstName: 'Amy', lastName: 'Stone', dateOfBirth: '2018-04-02' }],
    scheduledStart: new Date(Date.now() + hoursAhead * 3600_000).toISOString(),
    durationMinutes: 90,
    participationOption: 'FULL',
    ...overrides,
  };
}
