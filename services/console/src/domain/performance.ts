import { icpcWithinTimescale } from '@cpc/calendar';
import { ManagerRoles, TimescaleWarnings, type ConferenceKind, type DeadlineStatus, type Role } from '@cpc/contracts';
import { DateTime } from 'luxon';

/**
 * The figures a service manager reports (issue 14 "Performance"), computed from the read model's facts
 * alone. Pure: the facts come in, the figures and their tables come out; dates are Europe/London (R-TIME).
 */

export const LONDON = 'Europe/London';

/** Issue 14 "Access": the figures are for the managers (a team manager, the service managers) of the user's local authority. */
export function seesPerformance(roles: readonly Role[]): boolean {
  return roles.some((role) => (ManagerRoles as readonly Role[]).includes(role));
}

/** A period of whole London days, `from` and `to` both included (YYYY-MM-DD), and the instants it spans. */
export interface Period {
  from: string;
  to: string;
  /** Midnight London time at the start of `from`. */
  start: Date;
  /** Midnight London time at the end of `to` (exclusive). */
  end: Date;
}

export const PERIOD_MAX_DAYS = 731;

/** The period asked for; absent dates default to the last 3 months up to today (London). */
export function periodOf(asked: { from?: string; to?: string }, now: Date): Period {
  const today = DateTime.fromJSDate(now, { zone: LONDON }).startOf('day');
  const to = asked.to ? DateTime.fromISO(asked.to, { zone: LONDON }) : today;
  const from = asked.from ? DateTime.fromISO(asked.from, { zone: LONDON }) : to.minus({ months: 3 }).plus({ days: 1 });
  return {
    from: from.toISODate() as string,
    to: to.toISODate() as string,
    start: from.startOf('day').toJSDate(),
    end: to.plus({ days: 1 }).startOf('day').toJSDate(),
  };
}

/** What is wrong with a period asked for, by field (none: it can be used). */
export function periodProblems(asked: { from?: string; to?: string }): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const parsed: Record<string, DateTime | undefined> = {};
  for (const field of ['from', 'to'] as const) {
    const value = asked[field];
    if (value === undefined) continue;
    const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? DateTime.fromISO(value, { zone: LONDON }) : undefined;
    if (!date?.isValid) problems.push({ field, message: 'must be a date, e.g. 2026-04-01' });
    else parsed[field] = date;
  }
  const { from, to } = parsed;
  if (from && to && from > to) problems.push({ field: 'from', message: 'must not be after to' });
  if (from && to && to.diff(from, 'days').days >= PERIOD_MAX_DAYS) {
    problems.push({ field: 'to', message: `must be at most ${PERIOD_MAX_DAYS} days after from` });
  }
  return problems;
}

/** How many of a kind of thing were on time: a percentage only when there is anything to judge. */
export interface Ratio {
  onTime: number;
  late: number;
  /** Counted but not judged: an ICPC held without a strategy discussion date (R-CYCLE-ICPC); 0 for the other measures. */
  notKnown: number;
  /** Everything counted: on time, late and not known. */
  total: number;
  /** On time of those judged (on time + late), 0..100, one decimal; null when none could be judged (nothing to report, not 0 %). */
  percent: number | null;
}

export function ratioOf(onTime: number, late: number, notKnown = 0): Ratio {
  const judged = onTime + late;
  return { onTime, late, notKnown, total: judged + notKnown, percent: judged === 0 ? null : Math.round((onTime / judged) * 1000) / 10 };
}

/** A conference held in the period: its first ConferenceStarted, its strategy discussion and the national-timescale warnings it carries. */
export interface HeldConference {
  kind: ConferenceKind;
  heldAt: Date;
  /** R-CYCLE-ICPC: as the ConferenceScheduled event gave it; null when it was not given. */
  strategyDiscussionAt: Date | null;
  warnings: string[];
}

/**
 * ICPCs within 15 working days of the strategy discussion, and RCPCs on time (DOMAIN.md national
 * timescales). R-CYCLE-ICPC is judged here from the facts: the London date the ICPC was held on (its
 * first start, wherever reschedules moved it) against the strategy discussion's, by the calendar lib's
 * rule, the one the conference service warns by. An ICPC without a strategy discussion date cannot be
 * judged: it is counted as not known, outside the percentage, never as on time. R-CYCLE-RCPC needs the
 * previous conference's date, which the conference service holds: there the conference's own warning
 * (judged whenever it schedules or reschedules) decides, and an RCPC without one was on time.
 */
export function timescalesOf(held: readonly HeldConference[]): { icpc: Ratio; rcpc: Ratio } {
  let [onTime, late, notKnown] = [0, 0, 0];
  for (const c of held) {
    if (c.kind !== 'ICPC') continue;
    if (!c.strategyDiscussionAt) notKnown += 1;
    else if (icpcWithinTimescale(c.strategyDiscussionAt, c.heldAt)) onTime += 1;
    else late += 1;
  }
  const reviews = held.filter((c) => c.kind === 'RCPC');
  const reviewLate = [TimescaleWarnings.firstReviewLate, TimescaleWarnings.reviewLate] as string[];
  const lateReviews = reviews.filter((c) => c.warnings.some((w) => reviewLate.includes(w))).length;
  return { icpc: ratioOf(onTime, late, notKnown), rcpc: ratioOf(reviews.length - lateReviews, lateReviews) };
}

/** A deadline as the figures need it. */
export interface DeadlineFact {
  rule: string;
  status: DeadlineStatus;
  dueAt: Date;
  metAt: Date | null;
  breachedAt: Date | null;
}

/** The plan circulated within 5 working days (R-POST-3). */
export const CIRCULATION_RULE = 'R-POST-3';

/**
 * Of the deadlines of one rule falling due in the period, how many were met in time and how many were
 * breached (a deadline met after its breach is late). Pending and stood-down deadlines are not counted.
 */
export function deadlineRatio(deadlines: readonly DeadlineFact[], rule: string): Ratio {
  let onTime = 0;
  let late = 0;
  for (const d of deadlines) {
    if (d.rule !== rule) continue;
    if (d.breachedAt || d.status === 'BREACHED') late += 1;
    else if (d.status === 'MET') onTime += 1;
  }
  return ratioOf(onTime, late);
}

/** An ISO week of London time, e.g. 2026-W14, and the date its Monday falls on. */
export interface IsoWeek {
  week: string;
  monday: string;
}

export function isoWeekOf(at: Date): IsoWeek {
  const local = DateTime.fromJSDate(at, { zone: LONDON });
  return {
    week: `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`,
    monday: local.startOf('week').toISODate() as string,
  };
}

/** Every ISO week that overlaps the period, in order (so a week with nothing still has its row). */
export function weeksOf(period: Period): IsoWeek[] {
  const weeks: IsoWeek[] = [];
  let day = DateTime.fromISO(period.from, { zone: LONDON }).startOf('week');
  const last = DateTime.fromISO(period.to, { zone: LONDON });
  while (day <= last) {
    weeks.push(isoWeekOf(day.toJSDate()));
    day = day.plus({ weeks: 1 });
  }
  return weeks;
}

/** A count per week and per column (rule, channel): rows for every week of the period, columns sorted. */
export interface WeeklyCounts {
  columns: string[];
  weeks: { week: IsoWeek; counts: Record<string, number>; total: number }[];
  totals: Record<string, number>;
  total: number;
}

export function weeklyCounts(items: readonly { key: string; at: Date }[], period: Period): WeeklyCounts {
  const columns = [...new Set(items.map((i) => i.key))].sort();
  const weeks = weeksOf(period).map((week) => ({ week, counts: Object.fromEntries(columns.map((c) => [c, 0])), total: 0 }));
  const byWeek = new Map(weeks.map((w) => [w.week.week, w]));
  const totals: Record<string, number> = Object.fromEntries(columns.map((c) => [c, 0]));
  let total = 0;
  for (const item of items) {
    if (item.at < period.start || item.at >= period.end) continue;
    const row = byWeek.get(isoWeekOf(item.at).week);
    if (!row) continue;
    row.counts[item.key] += 1;
    row.total += 1;
    totals[item.key] += 1;
    total += 1;
  }
  return { columns, weeks, totals, total };
}

/** The figures of the Performance page. */
export interface PerformanceFigures {
  icpcWithin15WorkingDays: Ratio;
  rcpcOnTime: Ratio;
  plansCirculatedWithin5WorkingDays: Ratio;
  breachesPerRulePerWeek: WeeklyCounts;
  failedDeliveriesPerWeek: WeeklyCounts;
}

export interface PerformanceFacts {
  held: HeldConference[];
  /** Deadlines of the circulation rule falling due in the period. */
  circulationDeadlines: DeadlineFact[];
  /** Deadlines breached in the period, any rule. */
  breaches: { rule: string; breachedAt: Date }[];
  /** Notifications failed in the period. */
  failedDeliveries: { channel: string; at: Date }[];
}

export function performanceFigures(facts: PerformanceFacts, period: Period): PerformanceFigures {
  const inPeriod = (at: Date) => at >= period.start && at < period.end;
  const timescales = timescalesOf(facts.held.filter((c) => inPeriod(c.heldAt)));
  return {
    icpcWithin15WorkingDays: timescales.icpc,
    rcpcOnTime: timescales.rcpc,
    plansCirculatedWithin5WorkingDays: deadlineRatio(
      facts.circulationDeadlines.filter((d) => inPeriod(d.dueAt)),
      CIRCULATION_RULE,
    ),
    breachesPerRulePerWeek: weeklyCounts(
      facts.breaches.map((b) => ({ key: b.rule, at: b.breachedAt })),
      period,
    ),
    failedDeliveriesPerWeek: weeklyCounts(
      facts.failedDeliveries.map((f) => ({ key: f.channel, at: f.at })),
      period,
    ),
  };
}

/** A table of the page, its CSV and its chart: the same cells for all three. */
export interface FigureTable {
  /** The CSV's name: GET /performance/<name>.csv. */
  name: PerformanceTableName;
  caption: string;
  head: string[];
  rows: (string | number)[][];
  /** How the page's script draws it: bars of one series (per cent), or stacked bars of the columns after the first. */
  chart: 'percent' | 'stacked';
}

export const PerformanceTableNames = ['timeliness', 'breaches', 'failed-deliveries'] as const;
export type PerformanceTableName = (typeof PerformanceTableNames)[number];

/** No percentage: nothing counted ("None held"), or nothing that could be judged (every one "Not known"). */
const percentCell = (ratio: Ratio) => (ratio.percent !== null ? ratio.percent : ratio.total === 0 ? 'None held' : 'Not known');

export function performanceTables(figures: PerformanceFigures): FigureTable[] {
  const timeliness: [string, Ratio][] = [
    ['ICPCs held within 15 working days of the strategy discussion (R-CYCLE-ICPC)', figures.icpcWithin15WorkingDays],
    ['RCPCs held on time (R-CYCLE-RCPC)', figures.rcpcOnTime],
    ['Plans circulated within 5 working days (R-POST-3)', figures.plansCirculatedWithin5WorkingDays],
  ];
  const weekly = (counts: WeeklyCounts) => [
    ...counts.weeks.map((w) => [`${w.week.week} (from ${w.week.monday})`, ...counts.columns.map((c) => w.counts[c]), w.total]),
    ['Total', ...counts.columns.map((c) => counts.totals[c]), counts.total],
  ];
  return [
    {
      name: 'timeliness',
      caption: 'Held and circulated on time',
      head: ['Measure', 'Per cent on time', 'On time', 'Late', 'Not known', 'Total'],
      rows: timeliness.map(([label, r]) => [label, percentCell(r), r.onTime, r.late, r.notKnown, r.total]),
      chart: 'percent',
    },
    {
      name: 'breaches',
      caption: 'Deadlines breached, per rule per week',
      head: ['Week', ...figures.breachesPerRulePerWeek.columns, 'All rules'],
      rows: weekly(figures.breachesPerRulePerWeek),
      chart: 'stacked',
    },
    {
      name: 'failed-deliveries',
      caption: 'Deliveries failed, per channel per week',
      head: ['Week', ...figures.failedDeliveriesPerWeek.columns, 'All channels'],
      rows: weekly(figures.failedDeliveriesPerWeek),
      chart: 'stacked',
    },
  ];
}
