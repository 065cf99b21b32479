import { Module } from '@nestjs/common';
import { ConferencesController } from './api/conferences.controller';
import { ScheduleConference } from './application/schedule-conference';

@Module({ controllers: [ConferencesController], providers: [ScheduleConference] })
export class ConferencesModule {}
