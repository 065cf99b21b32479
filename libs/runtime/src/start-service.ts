import { acceptCorrelationId, CORRELATION_HEADER, createLogger, JsonLogger, withCorrelationId } from '@cpc/observability';
import { completeOpenApi, PROBLEM_MODELS, toProblem, PROBLEM_CONTENT_TYPE } from '@cpc/http';
import { ensureTopics, kafkaClientConfig, kafkaRefusal, kafkaSettingsOf, createKafka, topicLayoutOf } from '@cpc/messaging';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { Partitioners } from 'kafkajs';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { IntakeShutdown } from './intake-shutdown';
import { RestartingKafkaServer } from './restarting-kafka-server';
import { RuntimeModule } from './runtime.module';
import type { ServiceDefinition } from './service-definition';
import { SERVICE_LOGGER } from './tokens';

export const API_PREFIX = 'api/v1';

export interface RunningService {
  app: INestApplication;
  url: string;
  openApi: OpenAPIObject;
  close(): Promise<void>;
}

/**
 * Starts one service: HTTP first (so liveness answers while dependencies are awaited), then the
 * topics and the Kafka consumer. A broker that is not there yet is waited for, not fatal.
 */
export async function startService(definition: ServiceDefinition, options: { listen?: boolean } = {}): Promise<RunningService> {
  const app = await createServiceApp(definition);
  const logger = app.get<Logger>(SERVICE_LOGGER);
  const openApi = mountOpenApi(app, definition);
  // HTTP first: liveness answers, and the outbox takes writes, while a broker that is not there
  // yet is waited for (a committed event is published when it comes; issue 2).
  if (options.listen !== false) await app.listen(definition.config.PORT, '0.0.0.0');
  else await app.init();
  if (definition.consumesEvents) {
    try {
      await connectKafkaConsumer(app, definition, logger);
    } catch (error) {
      await app.close(); // refused by the brokers: nothing of this process stays listening
      throw error;
    }
  }
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : definition.config.PORT;
  logger.info({ port }, `${definition.name} service ready`);
  return { app, url: `http://127.0.0.1:${port}`, openApi, close: () => app.close() };
}

/**
 * The service's OpenAPI document without starting it: Nest's preview mode wires the modules but
 * creates no provider, so nothing connects to PostgreSQL, Kafka or Redis (`npm run docs`).
 */
export async function describeOpenApi(definition: ServiceDefinition): Promise<OpenAPIObject> {
  const app = await createServiceApp(definition, { preview: true });
  try {
    return buildOpenApi(app, definition);
  } finally {
    await app.close();
  }
}

export async function createServiceApp(
  definition: ServiceDefinition,
  options: { preview?: boolean } = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(RuntimeModule.forService(definition), {
    bodyParser: false,
    // JSON from the first line: a failure while Nest wires the modules is a JSON log line, not a coloured trace.
    logger: options.preview ? false : new JsonLogger(createLogger(definition.name, definition.config.LOG_LEVEL)),
    abortOnError: false,
    ...(options.preview ? { preview: true } : {}),
  });
  const exclude = ['health/live', 'health/ready', 'metrics', ...(definition.web?.unprefixedRoutes ?? [])];
  if (options.preview) {
    app.setGlobalPrefix(API_PREFIX, { exclude });
    return app;
  }
  app.get(IntakeShutdown).attach(app);
  app.getHttpServer().on('clientError', answerClientError);
  app.useLogger(app.get(JsonLogger));
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  app.use(correlationMiddleware);
  app.use(express.json({ limit: definition.config.HTTP_BODY_LIMIT_BYTES, type: ['application/json', 'application/*+json'] }));
  app.use(bodyErrorMiddleware);
  definition.web?.configure(app);
  app.setGlobalPrefix(API_PREFIX, { exclude });
  return app;
}

function mountOpenApi(app: INestApplication, definition: ServiceDefinition): OpenAPIObject {
  const document = buildOpenApi(app, definition);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return document;
}

function buildOpenApi(app: INestApplication, definition: ServiceDefinition): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle(definition.openApi.title)
    .setDescription(definition.openApi.description)
    .setVersion('1.0.0')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'A JWT with sub, la (local authority) and roles; locally HS256 signed with AUTH_JWT_SECRET (README "Integrators").',
    })
    .addSecurityRequirements('bearer');
  for (const [name, scheme] of Object.entries(definition.openApi.securitySchemes ?? {})) builder.addSecurity(name, scheme);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    extraModels: PROBLEM_MODELS,
    // conferencesSchedule, deadlinesList: unique in the document, and what the typed client calls it.
    operationIdFactory: (controller, method) => `${lowerFirst(controller.replace(/Controller$/, ''))}${upperFirst(method)}`,
  });
  document.info.license = { name: 'UNLICENSED: not open source; for the councils that run it' };
  return completeOpenApi(document, { tags: { ...OPERATIONS_TAGS, ...definition.openApi.tags }, port: definition.config.PORT });
}

/** The tags of @cpc/observability's controllers, in every service. */
const OPERATIONS_TAGS = {
  Health: 'Liveness and readiness for the orchestrator; no token.',
  Metrics: 'Prometheus metrics; no token (keep the port inside the cluster).',
};

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

async function connectKafkaConsumer(app: INestApplication, definition: ServiceDefinition, logger: Logger): Promise<void> {
  const { config } = definition;
  // Topics exist before anyone subscribes (kafkajs #1563); wait for the broker if it is not up yet.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await ensureTopics(createKafka(kafkaSettingsOf(config, `${config.KAFKA_CLIENT_ID}-bootstrap`)), undefined, topicLayoutOf(config));
      break;
    } catch (error) {
      // Wrong credentials or an untrusted certificate: a clear startup error, not a wait for ever.
      const refusal = kafkaRefusal(error);
      if (refusal) throw new Error(refusal, { cause: error });
      if (attempt === 1 || attempt % 10 === 0) logger.warn({ err: error, attempt }, 'waiting for Kafka');
      await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 250 * attempt)));
    }
  }
  const strategy = new RestartingKafkaServer(
    {
      postfixId: '',
      client: kafkaClientConfig(kafkaSettingsOf(config, config.KAFKA_CLIENT_ID), logger),
      consumer: {
        groupId: config.KAFKA_GROUP_ID,
        sessionTimeout: 10000,
        heartbeatInterval: 1000,
        allowAutoTopicCreation: false,
        retry: { initialRetryTime: 300, maxRetryTime: 5000, retries: Number.MAX_SAFE_INTEGER },
      },
      producer: { createPartitioner: Partitioners.DefaultPartitioner },
      subscribe: { fromBeginning: true },
      // Partitions in parallel, each still in order: one conference's events never overtake each other.
      run: { autoCommit: true, partitionsConsumedConcurrently: 3 },
    },
    logger,
  );
  // Closed first when the service stops (IntakeShutdown), and again, harmlessly, by Nest's own dispose.
  app.get(IntakeShutdown).alsoClose('Kafka consumer', () => strategy.close());
  app.connectMicroservice<MicroserviceOptions>({ strategy }, { inheritAppConfig: false });
  await app.startAllMicroservices();
}

function correlationMiddleware(request: Request, response: Response, next: NextFunction): void {
  const correlationId = acceptCorrelationId(request.headers[CORRELATION_HEADER]);
  response.setHeader(CORRELATION_HEADER, correlationId);
  withCorrelationId(correlationId, next);
}

/** Malformed JSON, a body over the limit, a wrong charset: problem+json, never an HTML page or a 500. */
function bodyErrorMiddleware(error: unknown, request: Request, response: Response, next: NextFunction): void {
  if (!error) return next();
  const problem = toProblem(error, request.originalUrl);
  response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

/**
 * What Node's HTTP parser refuses before Express sees it (a request line or headers over the limit:
 * 431; a malformed request: 400) is problem+json too, where Node would answer with no body at all.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const problem = JSON.stringify({
    type: 'about:blank',
    title: status === 431 ? 'Request header fields too large' : 'Bad request',
    status,
    detail:
      status === 431
        ? 'The request line or headers are too long; send long filters in fewer, shorter parameters.'
        : 'The request is not valid HTTP.',
  });
  socket.end(
    `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
      `Content-Length: ${Buffer.byteLength(problem)}\r\nConnection: close\r\n\r\n${problem}`,
  );
}
