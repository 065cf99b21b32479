import type { EventType } from '../catalogue';
import { conferenceExamples, type EventExample } from './conference-examples';
import { outcomeExamples } from './outcome-examples';

export type { EventExample } from './conference-examples';

/**
 * The AsyncAPI example of every event type (the compiler asks for one per catalogue entry): instances of
 * one realistic case (story.ts), each with the instant it would have been sent at.
 */
export const EventExamples: Record<EventType, EventExample> = { ...conferenceExamples, ...outcomeExamples };
