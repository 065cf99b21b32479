import {
  createConferenceClient,
  type ConferenceComponents,
  createDocumentsClient,
  createNotificationsClient,
  createSchedulingClient,
  type ConferenceClient,
  type DocumentsClient,
  type NotificationsClient,
  type SchedulingClient,
} from '@cpc/client';
import type { Role } from '@cpc/contracts';
import type { Stack } from './services';
import { developmentToken, type TestCaller } from './test-config';

/** The four services' typed clients (@cpc/client), each answering for one caller. */
export interface StackClients {
  conference: ConferenceClient;
  scheduling: SchedulingClient;
  documents: DocumentsClient;
  notifications: NotificationsClient;
}

/**
 * The typed clients of a running stack as a caller with these roles (a development token): the end-to-end
 * tests call the services as an integrator does, through the client generated from the OpenAPI documents,
 * so what the compiler checks against the contract is what the services answer. No roles: no token (health,
 * metrics). The documents client waits for a conference it has not yet learnt of (`Prefer: wait`, 10 s, the
 * server's cap) unless told otherwise.
 */
export function clientsOf(stack: Stack, roles: Role[] = [], caller: TestCaller & { preferWaitSeconds?: number } = {}): StackClients {
  const { preferWaitSeconds = 10, ...who } = caller;
  const token = roles.length > 0 ? developmentToken(roles, who) : undefined;
  return {
    conference: createConferenceClient({ baseUrl: stack.conference.url, token }),
    scheduling: createSchedulingClient({ baseUrl: stack.scheduling.url, token }),
    documents: createDocumentsClient({ baseUrl: stack.documents.url, token, preferWaitSeconds }),
    notifications: createNotificationsClient({ baseUrl: stack.notifications.url, token }),
  };
}

type ConferenceView = ConferenceComponents['schemas']['ConferenceView'];

/**
 * The conference view from a write's answer, which the contract makes the view or, for a caller who may not
 * read the conference, the bare acknowledgement (`oneOf`): a caller who may read it must get the view.
 */
export function conferenceViewOf(
  answer: ConferenceView | ConferenceComponents['schemas']['ConferenceAcknowledgement'] | undefined,
): ConferenceView {
  if (!answer || !('participants' in answer)) throw new Error(`expected the conference view, got ${JSON.stringify(answer)}`);
  return answer;
}
