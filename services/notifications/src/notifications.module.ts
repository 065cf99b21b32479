import { Module } from '@nestjs/common';
import { ConferenceEventsListener } from './api/conference-events.listener';

@Module({ controllers: [ConferenceEventsListener] })
export class NotificationsModule {}
