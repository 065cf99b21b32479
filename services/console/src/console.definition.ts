import { SESSION_COOKIE } from '@cpc/auth';
import type { ServiceDefinition } from '@cpc/runtime';
import { configureConsoleWeb, UNPREFIXED_ROUTES } from './api/web';
import type { ConsoleConfig } from './console.config';
import { ConsoleModule } from './console.module';
import { ConsoleReadModel1763800005000 } from './infrastructure/migrations/1763800005000-read-model';
import { ConsoleStrategyDiscussion1763800005100 } from './infrastructure/migrations/1763800005100-strategy-discussion';

/**
 * The operations console: a read model projected from all four topics into its own database, and the
 * pages operations staff watch (Today, a conference, Deliveries). It calls no other service to draw a page.
 * `rebuild`: empty the read model and read every topic again from the beginning before consuming.
 */
export function consoleService(config: ConsoleConfig, options: { rebuild?: boolean } = {}): ServiceDefinition<ConsoleConfig> {
  return {
    name: 'console',
    config,
    entities: [],
    migrations: [ConsoleReadModel1763800005000, ConsoleStrategyDiscussion1763800005100],
    imports: [ConsoleModule.forConfig(config, { rebuild: options.rebuild ?? false })],
    consumesEvents: true,
    openApi: {
      title: 'Operations console',
      description:
        "The console's own JSON API: what its pages show (Today, a conference, Deliveries, Performance), scoped to the user's local " +
        "authority. The user is the sign-in session (the console's cookie, OpenID Connect); outside production a development bearer " +
        "token stands in. `x-roles` are the roles the console's user guard and each route's own check let through.",
      tags: { console: 'Deadlines, conferences, deliveries and performance figures as operations staff see them.' },
      securitySchemes: {
        // What ConsoleUserGuard reads first: the session @cpc/auth signed in (console-user.guard.ts, ConsoleAuthentication).
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description:
            `The console's sign-in session: the signed cookie \`${SESSION_COOKIE}\` (with its signature \`${SESSION_COOKIE}.sig\`) ` +
            'that /auth/callback sets after an OpenID Connect sign-in with the council account; a browser sends both. Outside ' +
            'production (NODE_ENV other than production) a development bearer token is accepted instead.',
        },
      },
    },
    web: { unprefixedRoutes: UNPREFIXED_ROUTES, configure: (app) => configureConsoleWeb(app, config) },
  };
}
