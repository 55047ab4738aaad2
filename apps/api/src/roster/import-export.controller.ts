import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  IMPORT_MAX_BYTES,
  IMPORT_MAX_HEADER_ROW,
  SESSION_COOKIE,
  type ImportReport,
  type SchoolImportReport,
  ImportReportSchema,
  ROUTES,
  SchoolImportReportSchema,
} from '@sferum/contracts';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import type { AuthContext } from '../auth/auth-context';
import { Auth } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.decorator';
import { RequestValidationException } from '../common/validation';
import { ExportService, type ExportFile } from './export/export.service';
import { CONTENT_TYPES, type SpreadsheetFormat } from '../common/spreadsheet';
import { ImportService } from './import/import.service';
import { importOptions, MAPPING_JSON_MAX_LENGTH, type ImportParameters } from './import/import-options';
import { ImportRefusedFilter } from './import/import-refused';
import { importTemplate, type TemplateScope } from './import/import-template';
import { RefuseOversizedUpload } from './import/refuse-oversized-upload.interceptor';
import { Responds, RespondsWithFile } from '../common/contract/responds.decorator';

class FormatQueryDto {
  @IsOptional()
  @IsIn(['xlsx', 'csv'])
  format?: SpreadsheetFormat;
}

class TemplateQueryDto extends FormatQueryDto {
  @IsOptional()
  @IsIn(['class', 'school'])
  scope?: TemplateScope;
}

/** How to read the file: as form fields beside it, or in the query (ImportQueryDto). */
class ImportFieldsDto implements ImportParameters {
  @IsOptional()
  @IsString()
  @MaxLength(3)
  headerRow?: string;

  @IsOptional()
  @IsString()
  @MaxLength(MAPPING_JSON_MAX_LENGTH)
  mapping?: string;
}

class ImportQueryDto extends ImportFieldsDto {
  @IsOptional()
  @IsIn(['preview', 'commit'])
  mode?: 'preview' | 'commit';
}

const SPREADSHEET_TYPES = [CONTENT_TYPES.xlsx, CONTENT_TYPES.csv];

/** The query parameters of both imports, for the OpenAPI document. */
const ImportQueries = (): MethodDecorator & ClassDecorator => {
  const decorators = [
    ApiQuery({
      name: 'mode',
      required: false,
      enum: ['preview', 'commit'],
      description: 'preview (the default) writes nothing; commit imports, all or nothing',
    }),
    ApiQuery({
      name: 'headerRow',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: IMPORT_MAX_HEADER_ROW },
      description:
        'the row where the header ends (1-based, as the spreadsheet numbers it); found in the first rows when not given',
    }),
    ApiQuery({
      name: 'mapping',
      required: false,
      schema: { type: 'string' },
      description:
        'JSON: column key (the header, or "[E]" for column E) → role or null, over what was recognised; ' +
        'e.g. {"Воспитанник":"student_name","Контакт":null}. May be sent as a form field instead.',
    }),
  ];
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    for (const decorator of decorators) decorator(target, key!, descriptor!);
  };
};

const IMPORT_BODY = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: {
      file: { type: 'string', format: 'binary', description: 'XLSX or CSV (UTF-8 or Windows-1251; ; , or tab)' },
      headerRow: { type: 'string', description: 'as the headerRow query parameter' },
      mapping: { type: 'string', description: 'as the mapping query parameter' },
    },
  },
};

const UPLOAD = [
  new RefuseOversizedUpload(IMPORT_MAX_BYTES),
  FileInterceptor('file', {
    limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 3, fieldSize: MAPPING_JSON_MAX_LENGTH },
  }),
];

@ApiTags('roster')
@ApiCookieAuth(SESSION_COOKIE)
@Controller()
export class ImportExportController {
  constructor(
    private readonly imports: ImportService,
    private readonly exports: ExportService,
  ) {}

  @Post(ROUTES.classes.import)
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(...UPLOAD)
  @UseFilters(new ImportRefusedFilter())
  @ApiConsumes('multipart/form-data')
  @ApiBody(IMPORT_BODY)
  @ImportQueries()
  @Responds(ImportReportSchema, {
    description:
      'ImportReport. mode=preview: how the file was read (header row, every column and its role), what would happen, every error and warning. ' +
      'mode=commit: done, in one transaction. Rows whose «Класс» names another class are left out and listed in `skipped`.',
  })
  @ApiUnprocessableEntityResponse({
    description:
      'mode=commit with a file that has errors: nothing was written; the body is ImportRefusalBody (`result` holds the report).',
  })
  importList(
    @Auth() auth: AuthContext,
    @UuidParam('classId') classId: string,
    @Query() query: ImportQueryDto,
    @Body() fields: ImportFieldsDto,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<ImportReport> {
    if (!file) throw RequestValidationException.forField('file', 'attach the class list as file');
    return this.imports.importIntoClass(
      auth,
      classId,
      file.buffer,
      importOptions(query.mode === 'commit', query, fields),
    );
  }

  @Post(ROUTES.schools.import)
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(...UPLOAD)
  @UseFilters(new ImportRefusedFilter())
  @ApiConsumes('multipart/form-data')
  @ApiBody(IMPORT_BODY)
  @ImportQueries()
  @Responds(SchoolImportReportSchema, {
    description:
      'ImportReport for a whole school: each row goes to the class its «Класс» names (5А, 5 а, 5-А, 5«А» are one class) in the school year; ' +
      '`classes` lists them, those without an id are created on commit with their chats.',
  })
  @ApiForbiddenResponse({
    description: 'A teacher: only the school’s admin (or the district’s) imports a whole school.',
  })
  @ApiUnprocessableEntityResponse({
    description: 'mode=commit with a file that has errors: nothing was written; the body is ImportRefusalBody.',
  })
  importSchool(
    @Auth() auth: AuthContext,
    @UuidParam('schoolId') schoolId: string,
    @Query() query: ImportQueryDto,
    @Body() fields: ImportFieldsDto,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<SchoolImportReport> {
    if (!file) throw RequestValidationException.forField('file', 'attach the school’s list as file');
    return this.imports.importIntoSchool(
      auth,
      schoolId,
      file.buffer,
      importOptions(query.mode === 'commit', query, fields),
    );
  }

  @Get(ROUTES.roster.importTemplate)
  @ApiProduces(...SPREADSHEET_TYPES)
  @ApiQuery({ name: 'format', required: false, enum: ['xlsx', 'csv'] })
  @ApiQuery({
    name: 'scope',
    required: false,
    enum: ['class', 'school'],
    description: 'school: with a «Класс» column first',
  })
  @RespondsWithFile(SPREADSHEET_TYPES)
  async template(
    @Query() query: TemplateQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const format = query.format ?? 'xlsx';
    const fileName = query.scope === 'school' ? `шаблон-списка-школы.${format}` : `шаблон-списка-класса.${format}`;
    return send(response, { fileName, content: await importTemplate(format, query.scope) }, format);
  }

  @Get(ROUTES.classes.export)
  @ApiProduces(...SPREADSHEET_TYPES)
  @RespondsWithFile(SPREADSHEET_TYPES)
  async classExport(
    @Auth() auth: AuthContext,
    @UuidParam('classId') classId: string,
    @Query() query: FormatQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const format = query.format ?? 'xlsx';
    return send(response, await this.exports.classExport(auth, classId, format), format);
  }

  @Get(ROUTES.schools.export)
  @ApiProduces(...SPREADSHEET_TYPES)
  @RespondsWithFile(SPREADSHEET_TYPES)
  async schoolExport(
    @Auth() auth: AuthContext,
    @UuidParam('schoolId') schoolId: string,
    @Query() query: FormatQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const format = query.format ?? 'xlsx';
    return send(response, await this.exports.schoolExport(auth, schoolId, format), format);
  }
}

function send(response: Response, file: ExportFile, format: SpreadsheetFormat): StreamableFile {
  response.attachment(file.fileName);
  response.setHeader('Cache-Control', 'no-store');
  return new StreamableFile(file.content, { type: CONTENT_TYPES[format] });
}
