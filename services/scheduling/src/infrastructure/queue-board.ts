import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import {
  DependencyUnavailableProblem,
  IdentityProviderUnavailable,
  isAllowed,
  Problem,
  PROBLEM_CONTENT_TYPE,
  TokenVerifier,
  type AccessRule,
} from '@cpc/http';
import { HttpStatus, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express, NextFunction, Request, Response } from 'express';
import { WakeUpQueue } from './wake-up.queue';
import { SchedulingConfig } from '../scheduling.config';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * A platform-operations tool: the platform operator only, of any local authority (the queue holds every
 * authority's wake-ups). Staff roles, managers included, and SYSTEM clients are refused (403): the board
 * is for running the platform, not for reading a family's deadlines.
 */
export const QUEUE_BOARD_ACCESS: AccessRule = { roles: ['PLATFORM_OPERATOR'] };

/**
 * Bull Board at /admin/queues, read-only: PostgreSQL decides what a wake-up does, so there is
 * nothing useful to retry or promote by hand. It is an express router outside Nest's routing, so
 * the bearer check that the Nest guard gives every endpoint is done here, in front of it.
 */
@Injectable()
export class QueueBoard implements OnModuleInit {
  private mounted = false;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly queue: WakeUpQueue,
    private readonly verifier: TokenVerifier,
    private readonly config: SchedulingConfig,
  ) {}

  onModuleInit(): void {
    // The Kafka microservice shares this module graph and runs init hooks too: mount once.
    if (this.mounted || !this.config.BULL_BOARD_ENABLED) return;
    const app = this.adapterHost.httpAdapter?.getInstance<Express>();
    if (!app) return;
    const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({ queues: [new BullMQAdapter(this.queue.queue, { readOnlyMode: true })], serverAdapter });
    app.use(QUEUE_BOARD_PATH, bearerCheck(this.verifier, QUEUE_BOARD_ACCESS), serverAdapter.getRouter());
    this.mounted = true;
  }
}

export function bearerCheck(verifier: TokenVerifier, rule: AccessRule) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      refuse(
        request,
        response,
        HttpStatus.UNAUTHORIZED,
        'unauthenticated',
        'Authentication required',
        `The Bull Board is a platform-operations tool: send a bearer token of a ${rule.roles.join(' or ')} from the identity provider in the Authorization header.`,
      );
      return;
    }
    verifier.verify(token).then(
      (principal) => {
        if (isAllowed(principal, rule)) return next();
        refuse(
          request,
          response,
          HttpStatus.FORBIDDEN,
          'forbidden',
          'Not allowed',
          `The Bull Board is for ${[...rule.roles, ...(rule.scope ? [`SYSTEM with scope ${rule.scope}`] : [])].join(', ')} only.`,
        );
      },
      (error: unknown) => {
        if (error instanceof IdentityProviderUnavailable) {
          const outage = new DependencyUnavailableProblem('identity-provider');
          response.setHeader('Retry-After', String(outage.retryAfterSeconds));
          send(request, response, outage);
          return;
        }
        refuse(
          request,
          response,
          HttpStatus.UNAUTHORIZED,
          'unauthenticated',
          'Authentication required',
          `The bearer token was refused: ${(error as Error).message}.`,
        );
      },
    );
  };
}

function refuse(request: Request, response: Response, status: number, type: string, title: string, detail: string): void {
  // RFC 6750: a 401 names the scheme it wants, so a browser or a client knows what to send.
  if (status === HttpStatus.UNAUTHORIZED) response.setHeader('WWW-Authenticate', 'Bearer realm="cpc"');
  send(request, response, new Problem(status, type, title, detail));
}

function send(request: Request, response: Response, problem: Problem): void {
  response
    .status(problem.getStatus())
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problem.toDocument(request.originalUrl)));
}
