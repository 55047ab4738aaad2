import { ApiProperty } from '@nestjs/swagger';
import {
  IMPORT_COLUMN_ROLES,
  IMPORT_MAX_HEADER_ROW,
  type ImportColumnMapping,
  type SaveImportMappingRequest,
} from '@sferum/contracts';
import { IsInt, Max, Min, ValidateBy } from 'class-validator';
import { columnMappingProblem } from './import-options';

const ColumnMapping = (): PropertyDecorator =>
  ValidateBy({
    name: 'isColumnMapping',
    validator: {
      validate: (value: unknown) => columnMappingProblem(value) === null,
      defaultMessage: (args) => `$property ${columnMappingProblem(args?.value) ?? 'is not a column mapping'}`,
    },
  });

export class SaveImportMappingDto implements SaveImportMappingRequest {
  @ApiProperty({
    description: 'Every column of the file by its key (as the preview lists them) → its role, or null to leave it out',
    type: 'object',
    additionalProperties: { type: 'string', enum: [...IMPORT_COLUMN_ROLES], nullable: true },
    example: {
      '№ п/п': 'number',
      Фамилия: 'student_surname',
      Имя: 'student_first_name',
      Мать: 'parent1_name',
      'Дата рождения': null,
    },
  })
  @ColumnMapping()
  mapping!: ImportColumnMapping;

  @ApiProperty({ description: 'the row where the header ends, as the preview gave it' })
  @IsInt()
  @Min(1)
  @Max(IMPORT_MAX_HEADER_ROW)
  headerRow!: number;
}
