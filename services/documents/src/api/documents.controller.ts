import { LocalAuthorityStaffRoles } from '@cpc/contracts';
import { Allow, ApiProblems, CurrentPrincipal, type Principal } from '@cpc/http';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, StreamableFile, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Circulation } from '../application/circulation';
import type { CirculationState } from '../application/circulation-progress';
import { DocumentReads } from '../application/document-reads';
import { Plans } from '../application/plan';
import { Reports } from '../application/reports';
import { AwaitConference, ApiPreferWait } from './await-conference.interceptor';
import { DocumentsErrors } from './documents-errors';
import {
  CirculationListView,
  CirculationView,
  PlanView,
  PutPlanDto,
  ReportView,
  ShareReportDto,
  ShareView,
  SubmitReportDto,
} from './documents.dto';

/** R-PREP-3, R-PREP-10: social work, police and agency reports (a SYSTEM client needs reports:write). */
const REPORT_AUTHORS = ['SOCIAL_WORKER', 'PROFESSIONAL', 'CHAIR', 'CLERK'] as const;
/** R-PREP-2, R-PREP-4: the social worker shares with the family; the chair and clerk may too. */
const SHARERS = ['SOCIAL_WORKER', 'CHAIR', 'CLERK'] as const;
/** R-OUT, R-POST-3: the chair (and the clerk writing the minutes) own the plan and its circulation. */
const PLAN_OWNERS = ['CHAIR', 'CLERK'] as const;
/** Staff of the local authority; notifications fetches copies as SYSTEM with documents:read. */
const DOCUMENT_READERS = LocalAuthorityStaffRoles;

@ApiTags('documents')
@Controller()
@UseInterceptors(DocumentsErrors)
export class DocumentsController {
  constructor(
    private readonly reports: Reports,
    private readonly plans: Plans,
    private readonly circulation: Circulation,
    private readonly reads: DocumentReads,
  ) {}

  @Post('conferences/:id/reports')
  @UseInterceptors(AwaitConference)
  @ApiPreferWait()
  @ApiOperation({
    summary: 'Submit a report',
    description:
      'R-PREP-3, R-PREP-10: a social work, police or agency report for a conference, each section classified OPEN or CONFIDENTIAL (R-CLASS) and optionally marked sensitive (R-DV). A conference is known here from ConferenceScheduled on Kafka: one created a moment ago may still be 404, unless the request asks to wait for it (`Prefer: wait=N`). ReportSubmitted is emitted.',
  })
  @ApiCreatedResponse({ type: ReportView })
  @Allow({ roles: REPORT_AUTHORS, scope: 'reports:write' })
  submitReport(
    @Param('id', new ParseUUIDPipe()) conferenceId: string,
    @Body() body: SubmitReportDto,
    @CurrentPrincipal() caller: Principal,
  ) {
    return this.reports.submit(conferenceId, body, caller);
  }

  @Post('reports/:id/shares')
  @ApiOperation({
    summary: 'Share a report',
    description:
      "R-PREP-2, R-PREP-4, R-SHARE: a report's sections go to an audience. CONFIDENTIAL sections never go to the family (422 confidential-to-family, R-CLASS-2), nor sensitive ones (422 sensitive-to-family, R-DV, R-RED-DV); the family copy is redacted (R-RED-INIT). A family share of the social work report is what meets R-NOTDAY. ReportShared is emitted.",
  })
  @ApiCreatedResponse({ type: ShareView })
  @ApiProblems(422)
  @Allow({ roles: SHARERS })
  shareReport(@Param('id', new ParseUUIDPipe()) reportId: string, @Body() body: ShareReportDto, @CurrentPrincipal() caller: Principal) {
    return this.reports.share(reportId, body, caller);
  }

  @Put('conferences/:id/plan')
  @UseInterceptors(AwaitConference)
  @ApiPreferWait()
  @ApiOperation({
    summary: 'Put the plan and minutes',
    description:
      'R-OUT: the child protection plan and minutes of a conference, a new version each time; circulated with POST .../plan/circulation (R-POST-3).',
  })
  @ApiOkResponse({ type: PlanView })
  @Allow({ roles: PLAN_OWNERS })
  putPlan(@Param('id', new ParseUUIDPipe()) conferenceId: string, @Body() body: PutPlanDto, @CurrentPrincipal() caller: Principal) {
    return this.plans.put(conferenceId, body, caller);
  }

  @Post('conferences/:id/plan/circulation')
  @UseInterceptors(AwaitConference)
  @ApiPreferWait()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Circulate the plan',
    description:
      "R-POST-3, R-DEL-PRO, R-DEL-PAR, R-DEL-PWD: the latest plan goes to every professional and parent participant (the parents' copy redacted and password protected, the password by another channel). 409 no-plan before PUT .../plan; 422 no-recipients when nobody can receive it. A parent whose contact the chair has not confirmed is HELD (R-CONTACT).",
  })
  @ApiProblems(409, 422)
  @ApiAcceptedResponse({
    type: CirculationView,
    description:
      "Accepted: each recipient is PENDING (asked of notifications), HELD (reasonCode HELD_CONTACT_UNCONFIRMED until the chair confirms a parent's contact) or FAILED (NO_EMAIL, NO_MOBILE); PlanCirculated follows once none is PENDING",
  })
  @Allow({ roles: PLAN_OWNERS })
  async circulate(@Param('id', new ParseUUIDPipe()) conferenceId: string, @CurrentPrincipal() caller: Principal): Promise<CirculationView> {
    return circulationView(await this.circulation.circulate(conferenceId, caller));
  }

  @Get('conferences/:id/plan/circulations')
  @UseInterceptors(AwaitConference)
  @ApiPreferWait()
  @ApiOperation({
    summary: 'List circulations',
    description: "The conference's circulations, newest first, with each recipient's state and reason (R-POST-3).",
  })
  @ApiOkResponse({
    type: CirculationListView,
    description: "The conference's circulations, newest first, each recipient's state and reason (R-POST-3)",
  })
  @Allow({ roles: DOCUMENT_READERS, scope: 'documents:read' })
  async circulations(
    @Param('id', new ParseUUIDPipe()) conferenceId: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<CirculationListView> {
    return { items: (await this.circulation.list(conferenceId, caller)).map(circulationView) };
  }

  @Get('conferences/:id/plan/circulations/:circulationId')
  @UseInterceptors(AwaitConference)
  @ApiPreferWait()
  @ApiOperation({
    summary: 'Read a circulation',
    description: 'One circulation: each recipient PENDING, HELD or FAILED with its reason, or sent, and every message (R-POST-3).',
  })
  @ApiOkResponse({ type: CirculationView })
  @Allow({ roles: DOCUMENT_READERS, scope: 'documents:read' })
  async circulationOne(
    @Param('id', new ParseUUIDPipe()) conferenceId: string,
    @Param('circulationId', new ParseUUIDPipe()) circulationId: string,
    @CurrentPrincipal() caller: Principal,
  ): Promise<CirculationView> {
    return circulationView(await this.circulation.one(conferenceId, circulationId, caller));
  }

  @Get('documents/:id')
  @ApiOperation({
    summary: 'Download a document',
    description: "A stored document (a report, a plan, a family's redacted copy) as its Word file; every read is audited.",
  })
  @ApiOkResponse({
    description: 'The document file (Word); every read is audited',
    content: {
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @Allow({ roles: DOCUMENT_READERS, scope: 'documents:read' })
  async download(@Param('id', new ParseUUIDPipe()) documentId: string, @CurrentPrincipal() caller: Principal): Promise<StreamableFile> {
    const document = await this.reads.read(documentId, caller);
    return new StreamableFile(document.content, { type: document.contentType, disposition: `attachment; filename="${document.fileName}"` });
  }
}

/** The REST shape of a circulation: by recipient, and every message flat for older clients. */
function circulationView({ circulation, recipients, complete }: CirculationState): CirculationView {
  return {
    id: circulation.id,
    conferenceId: circulation.conferenceId,
    planVersion: circulation.planVersion,
    startedAt: circulation.startedAt.toISOString(),
    announcedAt: circulation.announcedAt?.toISOString() ?? null,
    complete,
    recipients,
    deliveries: recipients.flatMap((r) =>
      r.messages.map((m) => ({ ...m, recipientRole: r.recipientRole, participantId: r.participantId })),
    ),
  };
}
