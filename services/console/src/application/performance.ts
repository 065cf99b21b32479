import { ValidationProblem } from '@cpc/http';
import { Injectable } from '@nestjs/common';
import {
  CIRCULATION_RULE,
  performanceFigures,
  performanceTables,
  periodOf,
  periodProblems,
  type FigureTable,
  type Period,
  type PerformanceFigures,
} from '../domain/performance';
import { ConferenceViewStore } from '../infrastructure/conference-view.store';
import { PerformanceStore } from '../infrastructure/performance.store';
import type { ConsoleUser } from './console-user';

/** What the Performance page is cut by: a period of London dates and a team; the local authority is the user's own. */
export interface PerformanceFilters {
  from?: string;
  to?: string;
  team?: string;
}

export interface PerformanceView {
  localAuthority: string;
  period: Period;
  filters: { from: string; to: string; team?: string };
  figures: PerformanceFigures;
  tables: FigureTable[];
  choices: { teams: string[] };
}

/** The Performance page (issue 14): the figures a service manager reports, for the user's local authority. */
@Injectable()
export class PerformanceQuery {
  constructor(
    private readonly store: PerformanceStore,
    private readonly conferences: ConferenceViewStore,
  ) {}

  async run(user: ConsoleUser, filters: PerformanceFilters, now: Date): Promise<PerformanceView> {
    const problems = periodProblems(filters);
    if (problems.length > 0) throw new ValidationProblem(problems);
    const period = periodOf(filters, now);
    const la = user.localAuthority;
    const [facts, choices] = await Promise.all([
      this.store.facts({ localAuthority: la, team: filters.team, start: period.start, end: period.end }, CIRCULATION_RULE),
      this.conferences.filterChoices(la),
    ]);
    const figures = performanceFigures(facts, period);
    return {
      localAuthority: la,
      period,
      filters: { from: period.from, to: period.to, ...(filters.team ? { team: filters.team } : {}) },
      figures,
      tables: performanceTables(figures),
      choices: { teams: choices.teams },
    };
  }
}
