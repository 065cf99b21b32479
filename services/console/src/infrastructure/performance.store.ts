import type { ConferenceKind, DeadlineStatus } from '@cpc/contracts';
import type { DataSource } from 'typeorm';
import type { DeadlineFact, HeldConference, PerformanceFacts } from '../domain/performance';

/** What the Performance figures are cut by (the local authority is always the user's own). */
export interface PerformanceCut {
  localAuthority: string;
  team?: string;
  start: Date;
  end: Date;
}

/**
 * The facts behind the Performance figures, read from the read model, one local authority at a time
 * (and one team when asked: the conference's team). A conference is held when its first
 * ConferenceStarted happened (the timeline keeps every event with its time), wherever a reschedule had
 * moved it; its strategy discussion is the one ConferenceScheduled gave (R-CYCLE-ICPC).
 */
export class PerformanceStore {
  constructor(private readonly dataSource: DataSource) {}

  async facts(cut: PerformanceCut, circulationRule: string): Promise<PerformanceFacts> {
    const [held, circulationDeadlines, breaches, failedDeliveries] = await Promise.all([
      this.held(cut),
      this.deadlinesDue(cut, circulationRule),
      this.breaches(cut),
      this.failedDeliveries(cut),
    ]);
    return { held, circulationDeadlines, breaches, failedDeliveries };
  }

  private async held(cut: PerformanceCut): Promise<HeldConference[]> {
    const { params, team } = cutOf(cut);
    const rows: { kind: ConferenceKind; warnings: string[]; strategy_discussion_at: Date | null; held_at: Date }[] =
      await this.dataSource.query(
        `SELECT c.kind, c.warnings, c.strategy_discussion_at, s.held_at FROM console_conferences c
       CROSS JOIN LATERAL (SELECT min(t.occurred_at) AS held_at FROM console_timeline t
         WHERE t.conference_id = c.id AND t.type = 'ConferenceStarted') s
       WHERE c.local_authority = $1 AND s.held_at >= $2 AND s.held_at < $3 ${team('c')}`,
        params,
      );
    return rows.map((r) => ({
      kind: r.kind,
      warnings: r.warnings ?? [],
      strategyDiscussionAt: r.strategy_discussion_at ? new Date(r.strategy_discussion_at) : null,
      heldAt: new Date(r.held_at),
    }));
  }

  private async deadlinesDue(cut: PerformanceCut, rule: string): Promise<DeadlineFact[]> {
    const { params, team } = cutOf(cut);
    params.push(rule);
    const rows: { rule: string; status: DeadlineStatus; due_at: Date; met_at: Date | null; breached_at: Date | null }[] =
      await this.dataSource.query(
        `SELECT d.rule, d.status, d.due_at, d.met_at, d.breached_at
         FROM console_deadlines d LEFT JOIN console_conferences c ON c.id = d.conference_id
         WHERE d.local_authority = $1 AND d.due_at >= $2 AND d.due_at < $3 AND d.rule = $${params.length} ${team('c')}`,
        params,
      );
    return rows.map((r) => ({
      rule: r.rule,
      status: r.status,
      dueAt: new Date(r.due_at),
      metAt: r.met_at ? new Date(r.met_at) : null,
      breachedAt: r.breached_at ? new Date(r.breached_at) : null,
    }));
  }

  private async breaches(cut: PerformanceCut): Promise<{ rule: string; breachedAt: Date }[]> {
    const { params, team } = cutOf(cut);
    const rows: { rule: string; breached_at: Date }[] = await this.dataSource.query(
      `SELECT d.rule, d.breached_at FROM console_deadlines d LEFT JOIN console_conferences c ON c.id = d.conference_id
       WHERE d.local_authority = $1 AND d.breached_at >= $2 AND d.breached_at < $3 ${team('c')}`,
      params,
    );
    return rows.map((r) => ({ rule: r.rule, breachedAt: new Date(r.breached_at) }));
  }

  private async failedDeliveries(cut: PerformanceCut): Promise<{ channel: string; at: Date }[]> {
    const { params, team } = cutOf(cut);
    const rows: { channel: string; at: Date }[] = await this.dataSource.query(
      `SELECT n.channel, n.at FROM console_notifications n LEFT JOIN console_conferences c ON c.id = n.conference_id
       WHERE n.local_authority = $1 AND n.status = 'FAILED' AND n.at >= $2 AND n.at < $3 ${team('c')}`,
      params,
    );
    return rows.map((r) => ({ channel: r.channel, at: new Date(r.at) }));
  }
}

/** $1 the local authority, $2 and $3 the period, $4 the team when there is one. */
function cutOf(cut: PerformanceCut): { params: unknown[]; team: (alias: string) => string } {
  const params: unknown[] = [cut.localAuthority, cut.start, cut.end];
  if (cut.team === undefined) return { params, team: () => '' };
  params.push(cut.team);
  const index = params.length;
  return { params, team: (alias) => `AND ${alias}.team = $${index}` };
}
