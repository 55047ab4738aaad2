import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { RequestValidationException } from '../common/validation';

/**
 * `csv`: comma-separated UTF-8 for scripts; `excel-csv`: the same table as
 * Russian Excel opens it in columns (semicolons, decimal commas, UTF-8 BOM).
 */
export const REPORT_FORMATS = ['json', 'csv', 'excel-csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export class ReportFormatDto {
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_HISTORY_DAYS = 400;
const DEFAULT_HISTORY_DAYS = 30;

/** Which days, and of what: the district, one school or one class. */
export class HistoryRangeDto {
  @ApiPropertyOptional({ example: '2026-09-01', description: 'First day (Moscow); default 30 days before `to`' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date such as 2026-09-01' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-26', description: 'Last day; default today' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date such as 2026-11-26' })
  to?: string;

  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @IsOptional()
  @IsUUID()
  classId?: string;
}

export class HistoryQueryDto extends HistoryRangeDto {
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

/** The days asked for, with defaults; a reversed, invalid or too long range is a 400 naming `from`. */
export function historyRange(query: HistoryRangeDto): { from: string; to: string } {
  const to = query.to ?? new Date().toISOString().slice(0, 10);
  const from = query.from ?? new Date(Date.parse(to) - DEFAULT_HISTORY_DAYS * 86_400_000).toISOString().slice(0, 10);
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (Number.isNaN(days) || days < 0 || days > MAX_HISTORY_DAYS) {
    throw RequestValidationException.forField(
      'from',
      `from must be a valid date on or before to, at most ${MAX_HISTORY_DAYS} days earlier`,
    );
  }
  return { from, to };
}
