import { Injectable } from '@nestjs/common';
import { timingWords } from '../domain/deadline-bands';
import { whoMustAct } from '../domain/plain-words';
import type { CirculationView, ConferenceView, DeadlineView, ParticipantView, TimelineEntry } from '../domain/read-model';
import { ConferenceViewStore } from '../infrastructure/conference-view.store';
import { DeadlineViewStore } from '../infrastructure/deadline-view.store';
import { DeliveryViewStore, type RecipientRow } from '../infrastructure/delivery-view.store';
import type { ConsoleUser } from './console-user';

export interface ConferencePageView {
  conference: ConferenceView;
  participants: ParticipantView[];
  deadlines: (DeadlineView & { whoMustAct: string; timing: string })[];
  timeline: TimelineEntry[];
  circulations: (CirculationView & { recipients: RecipientRow[] })[];
}

/** One conference of the user's local authority; another authority's is not found (null), never shown. */
@Injectable()
export class ConferencePageQuery {
  constructor(
    private readonly conferences: ConferenceViewStore,
    private readonly deadlines: DeadlineViewStore,
    private readonly deliveries: DeliveryViewStore,
  ) {}

  async run(user: ConsoleUser, conferenceId: string, now: Date): Promise<ConferencePageView | null> {
    const la = user.localAuthority;
    const conference = await this.conferences.conference(la, conferenceId);
    if (!conference) return null;
    const [participants, deadlines, timeline, circulations] = await Promise.all([
      this.conferences.participants(la, conferenceId),
      this.deadlines.forConference(la, conferenceId),
      this.conferences.timeline(la, conferenceId),
      this.deliveries.circulations(la, 50, conferenceId),
    ]);
    const recipients = await this.deliveries.recipients(
      la,
      circulations.map((c) => c.id),
    );
    return {
      conference,
      participants,
      deadlines: deadlines.map((d) => ({ ...d, whoMustAct: whoMustAct(d.responsible), timing: timingWords(d, now) })),
      timeline,
      circulations: circulations.map((c) => ({ ...c, recipients: recipients.filter((r) => r.circulationId === c.id) })),
    };
  }
}
