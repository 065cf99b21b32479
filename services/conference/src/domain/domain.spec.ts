import { ukMobileToE164 } from './contact-details';
import { WorkingDayCalendar } from '@cpc/calendar';
import { timescaleWarnings } from './national-timescales';
import { appliesTo, needsChairAgreement, PreparationSteps } from './preparation-steps';

describe('R-CONTACT: UK mobiles', () => {
  it.each([
    ['07700 900123', '+447700900123'],
    ['+44 7700 900123', '+447700900123'],
    ['07911 234567', '+447911234567'],
  ])('%s is a mobile, sent as %s', (input, e164) => expect(ukMobileToE164(input)).toBe(e164));

  it.each(['020 7946 0018', '12345', 'not a phone', '+1 212 555 0100', ''])('%s is refused', (input) => {
    expect(ukMobileToE164(input)).toBeNull();
  });
});

describe('preparation steps by option (R-PREP)', () => {
  it('R-PREP-6, R-PREP-7 and R-PREP-8 belong to FULL, R-PREP-9 to THREE_PART, the rest to both', () => {
    expect(PreparationSteps.filter((s) => !appliesTo(s, 'THREE_PART'))).toEqual(['R-PREP-6', 'R-PREP-7', 'R-PREP-8']);
    expect(PreparationSteps.filter((s) => !appliesTo(s, 'FULL'))).toEqual(['R-PREP-9']);
  });
  it('R-PREP-5 (risk assessment) needs the chair to agree', () => {
    expect(PreparationSteps.filter(needsChairAgreement)).toEqual(['R-PREP-5']);
  });
});

describe('national timescales (warn, do not block)', () => {
  it('counts working days over a bank holiday weekend (Christmas 2026)', () => {
    // Thu 24 Dec + 2 working days: Fri 25 and Mon 28 Dec are bank holidays → Tue 29, Wed 30.
    const calendar = new WorkingDayCalendar();
    expect(calendar.addWorkingDays(calendar.localDate(new Date('2026-12-24T10:00:00Z')), 2)).toBe('2026-12-30');
  });
  it('warns when an ICPC falls more than 15 working days after the strategy discussion', () => {
    const strategy = new Date('2026-11-02T10:00:00Z'); // Monday; +15 working days = Mon 23 Nov
    expect(timescaleWarnings({ kind: 'ICPC', scheduledStart: new Date('2026-11-23T10:00:00Z'), strategyDiscussionAt: strategy })).toEqual(
      [],
    );
    expect(timescaleWarnings({ kind: 'ICPC', scheduledStart: new Date('2026-11-24T10:00:00Z'), strategyDiscussionAt: strategy })).toEqual([
      'ICPC_AFTER_15_WORKING_DAYS',
    ]);
  });
  it('warns when the first RCPC is later than 3 months, later ones than 6', () => {
    const icpc = { kind: 'ICPC' as const, scheduledStart: new Date('2026-01-10T10:00:00Z') };
    expect(timescaleWarnings({ kind: 'RCPC', scheduledStart: new Date('2026-04-10T10:00:00Z'), previous: icpc })).toEqual([]);
    expect(timescaleWarnings({ kind: 'RCPC', scheduledStart: new Date('2026-04-11T10:00:00Z'), previous: icpc })).toEqual([
      'RCPC_AFTER_3_MONTHS',
    ]);
    const review = { kind: 'RCPC' as const, scheduledStart: new Date('2026-01-10T10:00:00Z') };
    expect(timescaleWarnings({ kind: 'RCPC', scheduledStart: new Date('2026-07-10T10:00:00Z'), previous: review })).toEqual([]);
    expect(timescaleWarnings({ kind: 'RCPC', scheduledStart: new Date('2026-07-11T10:00:00Z'), previous: review })).toEqual([
      'RCPC_AFTER_6_MONTHS',
    ]);
  });
});
