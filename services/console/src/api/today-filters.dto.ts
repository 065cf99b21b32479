import { ConferenceKinds, ConferenceStatuses, type ConferenceKind, type ConferenceStatus } from '@cpc/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { TodayFilters } from '../application/today';

/** An empty choice of a GET form ("All") is no filter. */
const emptyIsNone = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** The Today filters as a query string (the page's GET form and GET /api/v1/today). */
export class TodayFiltersDto implements TodayFilters {
  @ApiPropertyOptional({ description: 'The locality team of the conference.' })
  @Transform(emptyIsNone)
  @IsOptional()
  @IsString()
  @MaxLength(200)
  team?: string;

  @ApiPropertyOptional({ description: "The chair's name, as the conference holds it." })
  @Transform(emptyIsNone)
  @IsOptional()
  @IsString()
  @MaxLength(200)
  chair?: string;

  @ApiPropertyOptional({ enum: ConferenceKinds })
  @Transform(emptyIsNone)
  @IsOptional()
  @IsIn(ConferenceKinds)
  kind?: ConferenceKind;

  @ApiPropertyOptional({ enum: ConferenceStatuses, description: "The conference's status." })
  @Transform(emptyIsNone)
  @IsOptional()
  @IsIn(ConferenceStatuses)
  status?: ConferenceStatus;

  @ApiPropertyOptional({
    enum: ['yes', 'all'],
    description:
      "`yes`: only the conferences the user chairs; `all`: every conference of the user's local authority. Absent: a chair's own, everyone else's all.",
  })
  @Transform(emptyIsNone)
  @IsOptional()
  @IsIn(['yes', 'all'])
  mine?: 'yes' | 'all';
}

export class ConferenceIdParams {
  @IsUUID() id: string;
}
