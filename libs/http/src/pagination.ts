import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The highest page any list accepts: far beyond any real list, far below where offset arithmetic overflows a bigint. */
export const MAX_PAGE = 1_000_000;
/** The most items one page may hold. */
export const MAX_PAGE_SIZE = 200;

/**
 * A query-string integer as it was written: decimal digits only (at most 9), so `1e20`, `0x10`, `1.5`,
 * ` 7`, `-1` and `abc` stay strings and fail `IsInt` with a 400 naming the field, instead of
 * becoming numbers that pass and overflow a query (issue 11 item 3).
 */
export function strictQueryInteger({ value }: { value: unknown }): unknown {
  if (typeof value === 'string' && /^[0-9]{1,9}$/.test(value)) return Number(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  return value;
}

function boundedInteger(field: string, max: number, fallback: number, description: string): PropertyDecorator {
  const message = `${field} must be a whole number from 1 to ${max}`;
  return applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: max, default: fallback, description }),
    IsOptional(),
    Transform(strictQueryInteger),
    IsInt({ message }),
    Min(1, { message }),
    Max(max, { message }),
  );
}

/** `page`: 1 to MAX_PAGE, written as digits. The one validator every list's page uses. */
export const PageNumber = (fallback = 1): PropertyDecorator => boundedInteger('page', MAX_PAGE, fallback, 'The page, from 1');

/** `pageSize`: 1 to MAX_PAGE_SIZE, written as digits. The one validator every list's page size uses. */
export const PageSize = (fallback = 50): PropertyDecorator =>
  boundedInteger('pageSize', MAX_PAGE_SIZE, fallback, `Items per page, at most ${MAX_PAGE_SIZE}`);

/** The paging of a list query; a list's query DTO extends it (or uses the two decorators on its own fields). */
export class PageQuery {
  @PageNumber() page?: number;
  @PageSize() pageSize?: number;
}
