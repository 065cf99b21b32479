import { Module } from '@nestjs/common';
import { ConferencesController } from './api/conferences.controller';
import { DocumentsEventsListener } from './api/documents-events.listener';
import { ConferenceQueries } from './application/conference-queries';
import { ConferenceWorkflow } from './application/conference-workflow';
import { ConferenceStore } from './infrastructure/conference.store';
import { PlanCirculation } from './application/plan-circulation';
import { ScheduleConference } from './application/schedule-conference';

@Module({
  controllers: [ConferencesController, DocumentsEventsListener],
  providers: [ConferenceStore, ScheduleConference, ConferenceWorkflow, ConferenceQueries, PlanCirculation],
})
export class ConferencesModule {}
