import { Allow, CurrentPrincipal, type Principal } from '@cpc/http';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { RoutingDirectory } from '../application/routing-directory';
import { DirectoryRoles, type DirectoryRole } from '../domain/routing';
import type { StoredDirectoryEntry } from '../application/routing-directory';

const MANAGERS = ['SAFEGUARDING_SERVICE_MANAGER', 'LOCALITY_SERVICE_MANAGER', 'TEAM_MANAGER'] as const;

export class DirectoryRoleParam {
  @ApiProperty({ enum: DirectoryRoles }) @IsIn(DirectoryRoles) role: DirectoryRole;
}

export class DirectoryEntryBody {
  /** The team the mailbox serves; omitted: the local authority's default for the role. */
  @ApiPropertyOptional({ example: 'Locality North' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[^\r\n]*$/, { message: 'team must be one line' })
  team?: string;
  @ApiProperty({ example: 'team-managers@council.example' }) @IsEmail() @MaxLength(254) email: string;
  /** How messages address the mailbox ("Dear ..."). */
  @ApiProperty({ example: 'Duty team manager' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  @Matches(/^[^\r\n]*\S[^\r\n]*$/, { message: 'name must be one non-blank line' })
  name: string;
}

/** One entry of the routing directory (the answer's schema too). */
export class DirectoryEntryView {
  @ApiProperty({ enum: DirectoryRoles }) role: string;
  @ApiProperty({ type: String, nullable: true, example: 'Locality North' }) team: string | null;
  @ApiProperty({ example: 'team-managers@council.example' }) email: string;
  @ApiProperty({ example: 'Duty team manager' }) name: string;
  @ApiProperty() updatedBy: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class DirectoryPage {
  @ApiProperty({ type: [DirectoryEntryView] }) items: DirectoryEntryView[];
}

const viewOf = (entry: StoredDirectoryEntry): DirectoryEntryView => ({
  role: entry.role,
  team: entry.team || null,
  email: entry.email,
  name: entry.name,
  updatedBy: entry.updatedBy,
  updatedAt: entry.updatedAt.toISOString(),
});

/**
 * R-ROUTE: the caller's local authority's routing directory. Alerts, reminders to staff roles and
 * risk escalations go to an entry here when the conference has no participant in the role with an
 * email; with neither, operations are alerted (ROUTING_FAILURE_ALERT_EMAIL).
 */
@ApiTags('routing-directory')
@Controller('routing-directory')
export class RoutingDirectoryController {
  constructor(private readonly directory: RoutingDirectory) {}

  @Get()
  @ApiOperation({
    summary: 'List the routing directory',
    description:
      "R-ROUTE: every entry of the caller's local authority, by role and team: where alerts, staff reminders and escalations go when a conference has no participant in the role with an email.",
  })
  @ApiOkResponse({ type: DirectoryPage, description: 'Every entry of the caller’s local authority, by role and team' })
  @Allow({ roles: [...MANAGERS, 'CHAIR'], scope: 'routing:read' })
  async list(@CurrentPrincipal() caller: Principal): Promise<{ items: DirectoryEntryView[] }> {
    return { items: (await this.directory.list(caller.la)).map(viewOf) };
  }

  @Put(':role')
  @ApiOperation({
    summary: 'Set a routing directory entry',
    description: "R-ROUTE: creates or replaces the mailbox for a role (and team) in the caller's local authority.",
  })
  @ApiOkResponse({ type: DirectoryEntryView, description: 'The entry as stored (created or replaced)' })
  @Allow({ roles: [...MANAGERS], scope: 'routing:write' })
  async put(
    @Param() params: DirectoryRoleParam,
    @Body() body: DirectoryEntryBody,
    @CurrentPrincipal() caller: Principal,
  ): Promise<DirectoryEntryView> {
    return viewOf(await this.directory.set({ ...body, role: params.role, localAuthority: caller.la, updatedBy: caller.sub }));
  }
}
