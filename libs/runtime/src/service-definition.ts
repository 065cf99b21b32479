import type { ServiceConfig } from '@cpc/config';
import type { DynamicModule, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DocumentBuilder } from '@nestjs/swagger';

/** An OpenAPI security scheme, as @nestjs/swagger's DocumentBuilder takes it. */
export type SecuritySchemeObject = Parameters<DocumentBuilder['addSecurity']>[1];

export type ServiceName = 'conference' | 'scheduling' | 'documents' | 'notifications' | 'console';

/** Everything the runtime needs to assemble one service process. */
export interface ServiceDefinition<C extends ServiceConfig = ServiceConfig> {
  name: ServiceName;
  config: C;
  /** TypeORM entities and migrations of the service (the messaging and HTTP tables are added). */
  entities: Function[];
  migrations: Function[];
  /** The service's own feature modules. */
  imports: (Type<unknown> | DynamicModule)[];
  /** Subscribe to Kafka through the Nest transport (the service has @EventPattern handlers). */
  consumesEvents: boolean;
  /**
   * The OpenAPI document's title, description and a description for each tag its controllers use, and any
   * security scheme besides the bearer JWT every service has (the console's session cookie), which the
   * controllers then name in their operations' `security`.
   */
  openApi: { title: string; description: string; tags?: Record<string, string>; securitySchemes?: Record<string, SecuritySchemeObject> };
  /**
   * Server-rendered pages (the console): the routes served outside `/api/v1`, and what the HTTP app
   * needs for them (a view engine, static assets), applied before the routes are registered.
   */
  web?: { unprefixedRoutes: string[]; configure(app: NestExpressApplication): void };
}
