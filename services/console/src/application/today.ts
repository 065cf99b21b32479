import { Injectable } from '@nestjs/common';
import { showsMine } from '../domain/console-access';
import { BREACH_SHOWN_MS, DAY_MS, WEEK_MS, bandOf, timingWords } from '../domain/deadline-bands';
import { whoMustAct } from '../domain/plain-words';
import type { ConferenceView, DeadlineView } from '../domain/read-model';
import { ConferenceViewStore } from '../infrastructure/conference-view.store';
import { DeadlineViewStore, type TodayListName } from '../infrastructure/deadline-view.store';
import type { ConsoleUser } from './console-user';

/** What the Today lists may be cut by; the local authority is never a choice, it is the user's own. */
export interface TodayFilters {
  team?: string;
  chair?: string;
  /** Set for "my conferences": the signed-in chair's user id. */
  chairUserId?: string;
  kind?: string;
  status?: string;
  /** `yes`: only the conferences the user chairs; `all`: every conference; absent: the role's default (a chair's own first). */
  mine?: 'yes' | 'all';
}

export interface TodayItem {
  deadline: DeadlineView;
  conference: ConferenceView | null;
  whoMustAct: string;
  timing: string;
  late: boolean;
}

export interface TodayView {
  localAuthority: string;
  at: Date;
  filters: TodayFilters;
  /** Whether the lists are cut to the conferences the user chairs (the conference's CHAIR participant has their user id). */
  mine: boolean;
  counts: Record<TodayListName, number>;
  lists: Record<TodayListName, TodayItem[]>;
  limit: number;
  choices: { teams: string[]; chairs: string[] };
}

/** The Today page (issue 14): deadlines breached, due in the next 24 hours and due this week, in the user's local authority. */
@Injectable()
export class TodayQuery {
  constructor(
    private readonly deadlines: DeadlineViewStore,
    private readonly conferences: ConferenceViewStore,
  ) {}

  async run(user: ConsoleUser, asked: TodayFilters, now: Date, limit: number): Promise<TodayView> {
    const la = user.localAuthority;
    const mine = showsMine(user.roles, asked.mine);
    const filters: TodayFilters = mine ? { ...asked, chairUserId: user.sub } : asked;
    const bounds = {
      now,
      in24h: new Date(now.getTime() + DAY_MS),
      inWeek: new Date(now.getTime() + WEEK_MS),
      breachesSince: new Date(now.getTime() - BREACH_SHOWN_MS),
    };
    const names: TodayListName[] = ['breached', 'next24h', 'thisWeek'];
    const [counts, choices, ...lists] = await Promise.all([
      this.deadlines.todayCounts(la, filters, bounds),
      this.conferences.filterChoices(la),
      ...names.map((name) => this.deadlines.todayList(la, filters, bounds, name, limit)),
    ]);
    const items = (rows: (typeof lists)[number], name: TodayListName): TodayItem[] =>
      // The SQL windows and the domain's bands are the same rule; a row the domain places elsewhere is left out.
      rows
        .filter(({ deadline }) => bandOf(deadline, now) === name)
        .map(({ deadline, conference }) => ({
          deadline,
          conference,
          whoMustAct: whoMustAct(deadline.responsible),
          timing: timingWords(deadline, now),
          late: deadline.dueAt.getTime() < now.getTime(),
        }));
    return {
      localAuthority: la,
      at: now,
      filters,
      mine,
      counts,
      lists: { breached: items(lists[0], 'breached'), next24h: items(lists[1], 'next24h'), thisWeek: items(lists[2], 'thisWeek') },
      limit,
      choices,
    };
  }
}
