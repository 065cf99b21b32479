import fc from 'fast-check';
import {
  CIRCULATION_RULE,
  deadlineRatio,
  isoWeekOf,
  performanceFigures,
  performanceTables,
  periodOf,
  periodProblems,
  ratioOf,
  timescalesOf,
  weeklyCounts,
  type DeadlineFact,
} from './performance';

const period = periodOf({ from: '2026-01-01', to: '2026-03-31' }, new Date('2026-04-10T12:00:00Z'));
const instantIn = fc.date({ min: period.start, max: new Date(period.end.getTime() - 1), noInvalidDate: true });
const anyInstant = fc.date({ min: new Date('2025-10-01T00:00:00Z'), max: new Date('2026-06-30T00:00:00Z'), noInvalidDate: true });

describe('Performance figures', () => {
  it('defaults to the last 3 months up to today, London dates, midnight to midnight', () => {
    const p = periodOf({}, new Date('2026-07-15T23:30:00Z')); // 00:30 on 16 July in London (BST)
    expect([p.from, p.to]).toEqual(['2026-04-17', '2026-07-16']);
    expect(p.start.toISOString()).toBe('2026-04-16T23:00:00.000Z');
    expect(p.end.toISOString()).toBe('2026-07-16T23:00:00.000Z');
    expect(periodOf({ from: '2026-01-01', to: '2026-01-31' }, new Date()).end.toISOString()).toBe('2026-02-01T00:00:00.000Z');
  });

  it('names the field of a period that cannot be used', () => {
    expect(periodProblems({ from: '2026-02-30' })).toEqual([{ field: 'from', message: 'must be a date, e.g. 2026-04-01' }]);
    expect(periodProblems({ to: 'yesterday' })[0].field).toBe('to');
    expect(periodProblems({ from: '2026-05-01', to: '2026-04-01' })).toEqual([{ field: 'from', message: 'must not be after to' }]);
    expect(periodProblems({ from: '2020-01-01', to: '2026-01-01' })[0].field).toBe('to');
    expect(periodProblems({ from: '2026-04-01', to: '2026-04-01' })).toEqual([]);
  });

  it('gives a percentage of those judged within 0..100 that adds up, and none when nothing could be judged', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), fc.nat(100), (onTime, late, notKnown) => {
        const r = ratioOf(onTime, late, notKnown);
        expect(r.total).toBe(onTime + late + notKnown);
        expect(r.notKnown).toBe(notKnown);
        if (onTime + late === 0) expect(r.percent).toBeNull();
        else {
          expect(r.percent).toBeGreaterThanOrEqual(0);
          expect(r.percent).toBeLessThanOrEqual(100);
          // Rounded to one decimal: at most half a tenth away (plus floating point's own error, e.g. 5 of 16 = 31.25 → 31.3).
          expect(Math.abs(r.percent! - (100 * onTime) / (onTime + late))).toBeLessThanOrEqual(0.05 + 1e-9);
        }
      }),
      { examples: [[5, 11, 0]] },
    );
  });

  it('counts R-POST-3 deadlines met in time as on time, breached ones (met later or not) as late, and nothing else', () => {
    const deadline = fc.record({
      rule: fc.constantFrom(CIRCULATION_RULE, 'R-PREP-3'),
      status: fc.constantFrom('PENDING', 'MET', 'BREACHED', 'STOOD_DOWN') as fc.Arbitrary<DeadlineFact['status']>,
      dueAt: instantIn,
      metAt: fc.constant(null),
      breachedAt: fc.option(instantIn, { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(deadline, { maxLength: 40 }), (deadlines) => {
        const consistent = deadlines.map((d) => (d.status === 'BREACHED' && !d.breachedAt ? { ...d, breachedAt: d.dueAt } : d));
        const r = deadlineRatio(consistent, CIRCULATION_RULE);
        const ofRule = consistent.filter((d) => d.rule === CIRCULATION_RULE);
        expect(r.late).toBe(ofRule.filter((d) => d.breachedAt).length);
        expect(r.onTime).toBe(ofRule.filter((d) => d.status === 'MET' && !d.breachedAt).length);
        expect(r.total).toBeLessThanOrEqual(ofRule.length);
      }),
    );
  });

  it('R-CYCLE-ICPC: judges an ICPC by the London date it was held on, 15 working days after the strategy discussion', () => {
    const strategy = new Date('2026-11-02T10:00:00Z'); // Monday; the 15th working day after is Monday 23 November
    const icpc = (heldAt: string, strategyDiscussionAt: Date | null = strategy) => ({
      kind: 'ICPC' as const,
      heldAt: new Date(heldAt),
      strategyDiscussionAt,
      warnings: [],
    });
    const { icpc: ratio } = timescalesOf([icpc('2026-11-23T16:30:00Z'), icpc('2026-11-24T09:00:00Z'), icpc('2026-11-05T09:00:00Z')]);
    expect(ratio).toEqual({ onTime: 2, late: 1, notKnown: 0, total: 3, percent: 66.7 });
  });

  it('R-CYCLE-ICPC over Christmas 2026: the bank holidays (25 and 28 December, 1 January) are not working days', () => {
    const strategy = new Date('2026-12-10T15:00:00Z'); // Thursday; the 15th working day after is Tuesday 5 January 2027
    const held = (at: string) => ({ kind: 'ICPC' as const, heldAt: new Date(at), strategyDiscussionAt: strategy, warnings: [] });
    expect(timescalesOf([held('2027-01-05T10:00:00Z')]).icpc.onTime).toBe(1);
    expect(timescalesOf([held('2027-01-06T10:00:00Z')]).icpc.late).toBe(1);
    // Counted in calendar days (15 working days as three weeks) it would wrongly be late on 4 January.
    expect(timescalesOf([held('2027-01-04T10:00:00Z')]).icpc.onTime).toBe(1);
  });

  it('R-CYCLE-ICPC: a rescheduled ICPC counts by the day it was held, not by the warning it was scheduled with', () => {
    const strategy = new Date('2026-11-02T10:00:00Z');
    // Scheduled for 20 November (no warning), moved to 25 November and held then: late.
    const movedLate = { kind: 'ICPC' as const, heldAt: new Date('2026-11-25T10:00:00Z'), strategyDiscussionAt: strategy, warnings: [] };
    // Scheduled for 26 November (warned late), moved forward to 19 November and held then: on time.
    const movedEarlier = {
      kind: 'ICPC' as const,
      heldAt: new Date('2026-11-19T10:00:00Z'),
      strategyDiscussionAt: strategy,
      warnings: ['ICPC_AFTER_15_WORKING_DAYS'],
    };
    expect(timescalesOf([movedLate, movedEarlier]).icpc).toEqual({ onTime: 1, late: 1, notKnown: 0, total: 2, percent: 50 });
  });

  it('R-CYCLE-ICPC: an ICPC without a strategy discussion date is not known: counted, never on time, outside the percentage', () => {
    const at = new Date('2026-02-02T10:00:00Z');
    const { icpc } = timescalesOf([
      { kind: 'ICPC', heldAt: at, strategyDiscussionAt: null, warnings: [] },
      { kind: 'ICPC', heldAt: at, strategyDiscussionAt: new Date('2026-01-26T10:00:00Z'), warnings: [] },
    ]);
    expect(icpc).toEqual({ onTime: 1, late: 0, notKnown: 1, total: 2, percent: 100 });
    const none = timescalesOf([{ kind: 'ICPC', heldAt: at, strategyDiscussionAt: null, warnings: [] }]).icpc;
    expect(none).toEqual({ onTime: 0, late: 0, notKnown: 1, total: 1, percent: null });
    const figures = performanceFigures(
      {
        held: [{ kind: 'ICPC', heldAt: at, strategyDiscussionAt: null, warnings: [] }],
        circulationDeadlines: [],
        breaches: [],
        failedDeliveries: [],
      },
      period,
    );
    expect(performanceTables(figures)[0].rows[0].slice(1)).toEqual(['Not known', 0, 0, 1, 1]);
  });

  it('R-CYCLE-RCPC: finds an RCPC late by its national-timescale warning', () => {
    const at = new Date('2026-02-02T10:00:00Z');
    const { rcpc } = timescalesOf([
      { kind: 'RCPC', heldAt: at, strategyDiscussionAt: null, warnings: ['RCPC_AFTER_3_MONTHS'] },
      { kind: 'RCPC', heldAt: at, strategyDiscussionAt: null, warnings: ['RCPC_AFTER_6_MONTHS'] },
      { kind: 'RCPC', heldAt: at, strategyDiscussionAt: null, warnings: ['SOMETHING_ELSE'] },
    ]);
    expect(rcpc).toEqual({ onTime: 1, late: 2, notKnown: 0, total: 3, percent: 33.3 });
  });

  it('puts London instants in their ISO week (Monday to Sunday, across the clock change)', () => {
    expect(isoWeekOf(new Date('2026-03-29T23:30:00Z'))).toEqual({ week: '2026-W14', monday: '2026-03-30' }); // 00:30 BST Monday
    expect(isoWeekOf(new Date('2026-03-29T22:30:00Z'))).toEqual({ week: '2026-W13', monday: '2026-03-23' }); // 23:30 BST Sunday
    expect(isoWeekOf(new Date('2027-01-01T12:00:00Z'))).toEqual({ week: '2026-W53', monday: '2026-12-28' });
  });

  it('counts every item of the period once, in its week and its column, and the totals add up', () => {
    const item = fc.record({ key: fc.constantFrom('EMAIL', 'SMS', 'SECURE_EMAIL'), at: anyInstant });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 60 }), (items) => {
        const counts = weeklyCounts(items, period);
        const inside = items.filter((i) => i.at >= period.start && i.at < period.end);
        expect(counts.total).toBe(inside.length);
        expect(counts.weeks.reduce((sum, w) => sum + w.total, 0)).toBe(counts.total);
        for (const column of counts.columns) {
          expect(counts.weeks.reduce((sum, w) => sum + w.counts[column], 0)).toBe(counts.totals[column]);
          expect(counts.totals[column]).toBe(inside.filter((i) => i.key === column).length);
        }
        for (const w of counts.weeks) expect(Object.values(w.counts).reduce((a, b) => a + b, 0)).toBe(w.total);
      }),
    );
  });

  it('gives every week of the period a row, with nothing as 0', () => {
    const counts = weeklyCounts([], period);
    expect(counts.weeks[0].week).toEqual({ week: '2026-W01', monday: '2025-12-29' });
    expect(counts.weeks.at(-1)!.week).toEqual({ week: '2026-W14', monday: '2026-03-30' });
    expect(counts.weeks).toHaveLength(14);
  });

  it('makes tables whose cells are the figures, a Total row summing the weeks', () => {
    const at = new Date('2026-02-10T10:00:00Z');
    const figures = performanceFigures(
      {
        held: [
          { kind: 'ICPC', heldAt: at, strategyDiscussionAt: new Date('2026-02-02T10:00:00Z'), warnings: [] },
          // Before the period: not counted.
          { kind: 'ICPC', heldAt: new Date('2025-12-01T10:00:00Z'), strategyDiscussionAt: new Date('2025-10-01T10:00:00Z'), warnings: [] },
        ],
        circulationDeadlines: [{ rule: CIRCULATION_RULE, status: 'BREACHED', dueAt: at, metAt: null, breachedAt: at }],
        breaches: [
          { rule: 'R-PREP-3', breachedAt: at },
          { rule: CIRCULATION_RULE, breachedAt: at },
        ],
        failedDeliveries: [{ channel: 'SMS', at }],
      },
      period,
    );
    const [timeliness, breaches, failed] = performanceTables(figures);
    expect(timeliness.rows.map((r) => r.slice(1))).toEqual([
      [100, 1, 0, 0, 1],
      ['None held', 0, 0, 0, 0],
      [0, 0, 1, 0, 1],
    ]);
    expect(breaches.head).toEqual(['Week', 'R-POST-3', 'R-PREP-3', 'All rules']);
    expect(breaches.rows.find((r) => String(r[0]).startsWith('2026-W07'))).toEqual(['2026-W07 (from 2026-02-09)', 1, 1, 2]);
    expect(breaches.rows.at(-1)).toEqual(['Total', 1, 1, 2]);
    expect(failed.rows.at(-1)).toEqual(['Total', 1, 1]);
  });
});
