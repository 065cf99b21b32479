import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { paths as ConferencePaths } from './generated/conference';
import type { paths as ConsolePaths } from './generated/console';
import type { paths as DocumentsPaths } from './generated/documents';
import type { paths as NotificationsPaths } from './generated/notifications';
import type { paths as SchedulingPaths } from './generated/scheduling';

export type {
  components as ConferenceComponents,
  operations as ConferenceOperations,
  paths as ConferencePaths,
} from './generated/conference';
export type { components as ConsoleComponents, operations as ConsoleOperations, paths as ConsolePaths } from './generated/console';
export type { components as DocumentsComponents, operations as DocumentsOperations, paths as DocumentsPaths } from './generated/documents';
export type {
  components as NotificationsComponents,
  operations as NotificationsOperations,
  paths as NotificationsPaths,
} from './generated/notifications';
export type {
  components as SchedulingComponents,
  operations as SchedulingOperations,
  paths as SchedulingPaths,
} from './generated/scheduling';

/** Where a service answers and who is calling: the base URL (e.g. http://localhost:3001) and a bearer token. */
export interface ServiceClientOptions extends Omit<ClientOptions, 'baseUrl'> {
  baseUrl: string;
  /** A JWT, or a function giving the current one (called for every request, so a refreshed token is used). */
  token?: string | (() => string | Promise<string>);
}

/**
 * The media types the client reads as JSON: the answers (application/json) and the errors (application/problem+json,
 * RFC 9457). With application/json alone, openapi-fetch typed `error` as the whole `content` map of an error
 * response instead of its Problem, since no error is application/json.
 */
type JsonMedia = `application/${string}json`;

/**
 * A typed client of one service, generated from its OpenAPI document (docs/openapi/<service>.json):
 * paths, parameters, bodies and answers, errors included (application/problem+json), are checked by the
 * compiler. `client.POST('/api/v1/conferences', { body })` gives `{ data, error, response }`.
 */
function serviceClient<Paths extends object>(options: ServiceClientOptions): Client<Paths, JsonMedia> {
  const { token, ...rest } = options;
  const client = createClient<Paths, JsonMedia>(rest);
  if (token !== undefined) {
    client.use({
      async onRequest({ request }) {
        request.headers.set('Authorization', `Bearer ${typeof token === 'function' ? await token() : token}`);
        return request;
      },
    });
  }
  return client;
}

/** The conference service (docs/openapi/conference.json). */
export const createConferenceClient = (options: ServiceClientOptions) => serviceClient<ConferencePaths>(options);
/** The scheduling service (docs/openapi/scheduling.json). */
export const createSchedulingClient = (options: ServiceClientOptions) => serviceClient<SchedulingPaths>(options);
/**
 * The documents service (docs/openapi/documents.json). Every request says `Prefer: wait=5` (RFC 7240):
 * documents learns of a new conference from Kafka a moment after it is created, and with the
 * preference a request for it waits for it instead of answering 404 (set `preferWaitSeconds: 0` not to).
 */
export const createDocumentsClient = (options: ServiceClientOptions & { preferWaitSeconds?: number }) => {
  const { preferWaitSeconds = 5, ...rest } = options;
  const client = serviceClient<DocumentsPaths>(rest);
  if (preferWaitSeconds > 0) {
    client.use({
      onRequest({ request }) {
        if (!request.headers.has('Prefer')) request.headers.set('Prefer', `wait=${preferWaitSeconds}`);
        return request;
      },
    });
  }
  return client;
};
/** The notifications service (docs/openapi/notifications.json). */
export const createNotificationsClient = (options: ServiceClientOptions) => serviceClient<NotificationsPaths>(options);
/**
 * The operations console's JSON API (docs/openapi/console.json). The console knows its user from the
 * sign-in session; a bearer token is accepted only outside production (a development token, for tests).
 */
export const createConsoleClient = (options: ServiceClientOptions) => serviceClient<ConsolePaths>(options);

export type ConferenceClient = ReturnType<typeof createConferenceClient>;
export type SchedulingClient = ReturnType<typeof createSchedulingClient>;
export type DocumentsClient = ReturnType<typeof createDocumentsClient>;
export type NotificationsClient = ReturnType<typeof createNotificationsClient>;
export type ConsoleClient = ReturnType<typeof createConsoleClient>;
