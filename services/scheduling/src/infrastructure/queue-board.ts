import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { isAllowed, Problem, PROBLEM_CONTENT_TYPE, TokenVerifier, type AccessRule } from '@cpc/http';
import { HttpStatus, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express, NextFunction, Request, Response } from 'express';
import { WakeUpQueue } from './wake-up.queue';
import { SchedulingConfig } from '../scheduling.config';

export const QUEUE_BOARD_PATH = '/admin/queues';

/** Operations staff: the team manager, or another council system granted ops:read. */
export const QUEUE_BOARD_ACCESS: AccessRule = { roles: ['TEAM_MANAGER'], scope: 'ops:read' };

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
        'Send a bearer token in the Authorization header.',
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
          `Allowed for ${rule.roles.join(', ')}, or SYSTEM with scope ${rule.scope}.`,
        );
      },
      (error: unknown) =>
        refuse(
          request,
          response,
          HttpStatus.UNAUTHORIZED,
          'unauthenticated',
          'Authentication required',
          `The bearer token was refused: ${(error as Error).message}.`,
        ),
    );
  };
}

function refuse(request: Request, response: Response, status: number, type: string, title: string, detail: string): void {
  const problem = new Problem(status, type, title, detail).toDocument(request.originalUrl);
  response.status(status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
