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

  it('gives a percentage within 0..100 that adds up, and none when nothing was counted', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), (onTime, late) => {
        const r = ratioOf(onTime, late);
        expect(r.total).toBe(onTime + late);
        if (r.total === 0) expect(r.percent).toBeNull();
        else {
          expect(r.percent).toBeGreaterThanOrEqual(0);
          expect(r.percent).toBeLessThanOrEqual(100);
          // Rounded to one decimal: at most half a tenth away (plus floating point's own error, e.g. 5 of 16 = 31.25 → 31.3).
          expect(Math.abs(r.percent! - (100 * onTime) / r.total)).toBeLessThanOrEqual(0.05 + 1e-9);
        }
      }),
      { examples: [[5, 11]] },
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

  it('finds an ICPC or RCPC late by its national-timescale warning only', () => {
    const at = new Date('2026-02-02T10:00:00Z');
    const { icpc, rcpc } = timescalesOf([
      { kind: 'ICPC', heldAt: at, warnings: [] },
      { kind: 'ICPC', heldAt: at, warnings: ['ICPC_AFTER_15_WORKING_DAYS'] },
      { kind: 'ICPC', heldAt: at, warnings: ['SOMETHING_ELSE'] },
      { kind: 'RCPC', heldAt: at, warnings: ['RCPC_AFTER_3_MONTHS'] },
      { kind: 'RCPC', heldAt: at, warnings: ['RCPC_AFTER_6_MONTHS'] },
    ]);
    expect(icpc).toEqual({ onTime: 2, late: 1, total: 3, percent: 66.7 });
    expect(rcpc).toEqual({ onTime: 0, late: 2, total: 2, percent: 0 });
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
          { kind: 'ICPC', heldAt: at, warnings: [] },
          { kind: 'ICPC', heldAt: new Date('2025-12-01T10:00:00Z'), warnings: ['ICPC_AFTER_15_WORKING_DAYS'] }, // before the period
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
      [100, 1, 0, 1],
      ['None held', 0, 0, 0],
      [0, 0, 1, 1],
    ]);
    expect(breaches.head).toEqual(['Week', 'R-POST-3', 'R-PREP-3', 'All rules']);
    expect(breaches.rows.find((r) => String(r[0]).startsWith('2026-W07'))).toEqual(['2026-W07 (from 2026-02-09)', 1, 1, 2]);
    expect(breaches.rows.at(-1)).toEqual(['Total', 1, 1, 2]);
    expect(failed.rows.at(-1)).toEqual(['Total', 1, 1]);
  });
});
