import type { NotificationDelivered, NotificationFailed } from '@cpc/contracts';
import { Allow, CurrentPrincipal, Problem, type Principal } from '@cpc/http';
import { Outbox } from '@cpc/messaging';
import { Public } from '@cpc/observability';
import { Body, Controller, Get, Headers, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, Min } from 'class-validator';
import { timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { notificationEventFacts, type NotificationRow } from '../application/notification-log';
import { deliveryState } from '../infrastructure/channels/notify.channel';
import { NotificationsConfig } from '../notifications.config';

const STATUSES = ['PENDING', 'SENT', 'DELIVERED', 'FAILED'] as const;

export class NotificationQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() conferenceId?: string;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: (typeof STATUSES)[number];
  @ApiPropertyOptional() @IsOptional() @IsUUID() deliveryId?: string;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) page = 1;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) pageSize = 50;
}

/** What Notify posts to the callback URL for each message (docs "Callbacks"). */
export class NotifyCallback {
  @ApiProperty() @IsString() id: string;
  @ApiPropertyOptional() @IsOptional() @IsString() reference?: string | null;
  @ApiProperty() @IsString() status: string;
  @ApiPropertyOptional() @IsOptional() @IsString() to?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() created_at?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() completed_at?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() sent_at?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() notification_type?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() template_id?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() template_version?: number;
}

export interface NotificationView {
  id: string;
  conferenceId: string;
  deliveryId: string | null;
  template: string;
  channel: string;
  provider: string;
  recipientMasked: string;
  recipientRole: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  failedAt: string | null;
}

const iso = (at: Date | null) => (at ? new Date(at).toISOString() : null);

/** The delivery log: status, attempts and timestamps, contacts masked, never a message body or password. */
function viewOf(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    conferenceId: row.conference_id,
    deliveryId: row.delivery_id,
    template: row.template,
    channel: row.channel,
    provider: row.provider,
    recipientMasked: row.recipient_masked,
    recipientRole: row.recipient_role,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: iso(row.created_at)!,
    sentAt: iso(row.sent_at),
    deliveredAt: iso(row.delivered_at),
    failedAt: iso(row.failed_at),
  };
}

@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly config: NotificationsConfig,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'Messages of the caller’s local authority, newest first, paginated' })
  @Allow({
    roles: ['CHAIR', 'CLERK', 'TEAM_MANAGER', 'SAFEGUARDING_SERVICE_MANAGER', 'LOCALITY_SERVICE_MANAGER', 'SOCIAL_WORKER'],
    scope: 'notifications:read',
  })
  async list(
    @Query() query: NotificationQuery,
    @CurrentPrincipal() caller: Principal,
  ): Promise<{ items: NotificationView[]; page: number; pageSize: number; total: number }> {
    const where = ['local_authority = $1'];
    const values: unknown[] = [caller.la];
    for (const [column, value] of [
      ['conference_id', query.conferenceId],
      ['status', query.status],
      ['delivery_id', query.deliveryId],
    ] as const) {
      if (value === undefined) continue;
      values.push(value);
      where.push(`${column} = $${values.length}`);
    }
    const clause = where.join(' AND ');
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM notifications WHERE ${clause}`, values)) as {
      total: number;
    }[];
    const rows = (await this.dataSource.query(
      `SELECT * FROM notifications WHERE ${clause} ORDER BY created_at DESC, id LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
      values,
    )) as NotificationRow[];
    return { items: rows.map(viewOf), page: query.page, pageSize: query.pageSize, total };
  }

  /**
   * GOV.UK Notify's delivery receipts. Authenticated by the bearer token configured in Notify
   * (NOTIFY_CALLBACK_TOKEN), not by a user's JWT: Notify is the caller.
   */
  @Post('callbacks/notify')
  @Public()
  @HttpCode(204)
  async notifyCallback(@Headers('authorization') authorization: string | undefined, @Body() callback: NotifyCallback): Promise<void> {
    const expected = Buffer.from(`Bearer ${this.config.NOTIFY_CALLBACK_TOKEN}`);
    const given = Buffer.from(authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new Problem(401, 'unauthorized', 'Not authorised', 'The callback token is not the configured one.');
    const state = deliveryState(callback.status);
    if (state === 'PENDING') return;
    await this.dataSource.transaction(async (manager) => {
      const delivered = state === 'DELIVERED';
      const [rows] = (await manager.query(
        `UPDATE notifications SET status = $2, ${delivered ? 'delivered_at' : 'failed_at'} = now(), last_error = $3, updated_at = now()
         WHERE provider_reference = $1 AND status = 'SENT' RETURNING *`,
        [callback.id, delivered ? 'DELIVERED' : 'FAILED', delivered ? null : `provider: ${callback.status}`],
      )) as [NotificationRow[], number];
      const [row] = rows;
      if (!row) return; // unknown, or already settled: a repeated receipt has no second effect
      const facts = notificationEventFacts(row, row.attempts);
      if (delivered) {
        await this.outbox.append<NotificationDelivered>(manager, {
          type: 'NotificationDelivered',
          conferenceId: row.conference_id,
          localAuthority: row.local_authority,
          data: facts,
        });
      } else {
        await this.outbox.append<NotificationFailed>(manager, {
          type: 'NotificationFailed',
          conferenceId: row.conference_id,
          localAuthority: row.local_authority,
          data: { ...facts, reason: `provider: ${callback.status}`, failure: 'PERMANENT' },
        });
      }
    });
  }
}
