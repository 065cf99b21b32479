import { LocalAuthorityStaffRoles } from '@cpc/contracts';
import { Allow } from '@cpc/http';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, Matches, Max, Min } from 'class-validator';
import { WORKING_CALENDAR } from '../application/deadline-lifecycle';
import type { WorkingCalendar } from '../domain/working-calendar';

export class WorkingDaysQuery {
  @ApiProperty({ example: '2026-12-23', format: 'date', description: 'A date (Europe/London)' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date (YYYY-MM-DD)' })
  from: string;
  @ApiProperty({ example: 5, minimum: -260, maximum: 260, description: 'Working days to add (negative: go back)' })
  @Type(() => Number)
  @IsInt()
  @Min(-260)
  @Max(260)
  add: number;
}

export class WorkingDaysView {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty() add: number;
  @ApiProperty({ format: 'date', description: 'The date `add` England and Wales working days from `from`' }) date: string;
  @ApiProperty({ format: 'date-time', description: '23:59:59 Europe/London on that date, as a UTC instant (R-POST-3 style end of day)' })
  endOfDay: string;
  @ApiProperty({ example: 'england-and-wales' }) region: string;
}

@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(@Inject(WORKING_CALENDAR) private readonly calendar: WorkingCalendar) {}

  @Get('working-days')
  @ApiOperation({
    summary: 'Add working days to a date',
    description:
      'R-TIME: the date `add` England and Wales working days from `from` (weekends and bank holidays skipped; negative goes back), and the end of that day in Europe/London as a UTC instant.',
  })
  @ApiOkResponse({ type: WorkingDaysView, description: 'R-TIME: working days skip weekends and England and Wales bank holidays' })
  @Allow({
    roles: [...LocalAuthorityStaffRoles, 'PROFESSIONAL'],
    scope: 'calendar:read',
  })
  workingDays(@Query() query: WorkingDaysQuery): WorkingDaysView {
    const date = this.calendar.addWorkingDays(query.from, query.add);
    return {
      from: query.from,
      add: query.add,
      date,
      endOfDay: this.calendar.endOfNthWorkingDayAfter(date, 0).toISOString(),
      region: 'england-and-wales',
    };
  }
}
