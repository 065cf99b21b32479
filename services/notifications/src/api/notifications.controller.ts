import { Roles, type Role } from '@cpc/contracts';
import { Allow, ApiProblems, CurrentPrincipal, PageNumber, PageSize, Problem, type Principal } from '@cpc/http';
import { Public } from '@cpc/observability';
import { Body, Controller, Get, Headers, HttpCode, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID } from 'class-validator';
import { timingSafeEqual } from 'node:crypto';
import type { NotificationRow } from '../application/notification-log';
import { NotificationLog } from '../application/notification-queries';
import { SettleReceipt } from '../application/settle-receipt';
import { NotificationsConfig } from '../notifications.config';

/** HELD: recorded, not sent, until its reason goes (R-CONTACT: a family member's contact confirmed). */
const STATUSES = ['PENDING', 'HELD', 'SENT', 'DELIVERED', 'FAILED'] as const;

export class NotificationQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() conferenceId?: string;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: (typeof STATUSES)[number];
  @ApiPropertyOptional() @IsOptional() @IsUUID() deliveryId?: string;
  /** The recipient: the conference participant the message is for. */
  @ApiPropertyOptional() @IsOptional() @IsUUID() participantId?: string;
  @ApiPropertyOptional({ enum: Roles }) @IsOptional() @IsIn(Roles) recipientRole?: Role;
  @PageNumber() page = 1;
  @PageSize() pageSize = 50;
}

/** What Notify posts to the callback URL for each message (docs "Callbacks"). */
export class NotifyCallback {
  @ApiProperty() @IsString() id: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() reference?: string | null;
  @ApiProperty() @IsString() status: string;
  @ApiPropertyOptional() @IsOptional() @IsString() to?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() created_at?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() completed_at?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() sent_at?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() notification_type?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() template_id?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() template_version?: number;
}

/** One message of the delivery log (the answer's schema too). */
export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) conferenceId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) deliveryId: string | null;
  @ApiProperty({ example: 'invitation' }) template: string;
  @ApiProperty({ example: 'EMAIL' }) channel: string;
  @ApiProperty({ example: 'notify' }) provider: string;
  @ApiProperty({ example: 'p***@example.org', description: 'The address or number, masked.' }) recipientMasked: string;
  @ApiProperty({ enum: Roles }) recipientRole: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The recipient participant.' }) participantId: string | null;
  @ApiProperty({ enum: STATUSES }) status: string;
  /** Why a HELD message waits, e.g. HELD_CONTACT_UNCONFIRMED. */
  @ApiProperty({ type: String, nullable: true, example: 'HELD_CONTACT_UNCONFIRMED', description: 'Why a HELD message waits.' })
  holdReason: string | null;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) failedAt: string | null;
  /** How a Notify message was settled: CALLBACK or POLL. */
  @ApiProperty({ type: String, nullable: true, enum: ['CALLBACK', 'POLL'], description: 'How a Notify message was settled.' })
  settledBy: string | null;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationView] }) items: NotificationView[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
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
    participantId: row.participant_id,
    status: row.status,
    holdReason: row.hold_reason,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: iso(row.created_at)!,
    sentAt: iso(row.sent_at),
    deliveredAt: iso(row.delivered_at),
    failedAt: iso(row.failed_at),
    settledBy: row.settled_by,
  };
}

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly log: NotificationLog,
    private readonly settle: SettleReceipt,
    private readonly config: NotificationsConfig,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List notifications',
    description:
      "The delivery log of the caller's local authority, newest first, paginated: every invitation, reminder, alert and plan delivery (R-DEL-PRO, R-DEL-PAR, R-DEL-PWD) with its status, attempts and times, contacts masked, never a body or a password. Filter by conference, status, delivery, recipient participant or recipient role; HELD messages say why (R-CONTACT).",
  })
  @ApiOkResponse({ type: NotificationPage, description: 'Messages of the caller’s local authority, newest first, paginated' })
  @Allow({
    roles: ['CHAIR', 'CLERK', 'TEAM_MANAGER', 'SAFEGUARDING_SERVICE_MANAGER', 'LOCALITY_SERVICE_MANAGER', 'SOCIAL_WORKER'],
    scope: 'notifications:read',
  })
  async list(
    @Query() query: NotificationQuery,
    @CurrentPrincipal() caller: Principal,
  ): Promise<{ items: NotificationView[]; page: number; pageSize: number; total: number }> {
    const { rows, total } = await this.log.list({ ...query, localAuthority: caller.la });
    return { items: rows.map(viewOf), page: query.page, pageSize: query.pageSize, total };
  }

  /**
   * GOV.UK Notify's delivery receipts. Authenticated by the bearer token configured in Notify
   * (NOTIFY_CALLBACK_TOKEN), not by a user's JWT: Notify is the caller. A failure receipt ends the
   * message FAILED with NotificationFailed and an operations alert; a technical failure sends it once more.
   */
  @Post('callbacks/notify')
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Receive a GOV.UK Notify delivery receipt',
    description:
      "Called by GOV.UK Notify, not by users: authenticated by the bearer token configured in Notify (NOTIFY_CALLBACK_TOKEN), not a user's JWT. A failure receipt ends the message FAILED with NotificationFailed and an operations alert; a technical failure sends it once more.",
  })
  @ApiNoContentResponse({ description: 'Settled' })
  @ApiProblems(401)
  async notifyCallback(@Headers('authorization') authorization: string | undefined, @Body() callback: NotifyCallback): Promise<void> {
    const expected = Buffer.from(`Bearer ${this.config.NOTIFY_CALLBACK_TOKEN}`);
    const given = Buffer.from(authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new Problem(401, 'unauthorized', 'Not authorised', 'The callback token is not the configured one.');
    // The same use case as the receipt poll: one way to settle a message.
    await this.settle.settle({ providerReference: callback.id, providerStatus: callback.status, source: 'CALLBACK' });
  }
}
