import {
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiCookieAuth, ApiOkResponse, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { IMPORT_MAX_BYTES, SESSION_COOKIE, type ImportResult } from '@sferum/contracts';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import type { AuthContext } from '../auth/auth-context';
import { Auth } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.decorator';
import { RequestValidationException } from '../common/validation';
import { ExportService, type ExportFile } from './export/export.service';
import { CONTENT_TYPES, type SpreadsheetFormat } from './export/spreadsheet';
import { ImportService } from './import/import.service';
import { importTemplate } from './import/import-template';
import { RefuseOversizedUpload } from './import/refuse-oversized-upload.interceptor';

class FormatQueryDto {
  @IsOptional()
  @IsIn(['xlsx', 'csv'])
  format?: SpreadsheetFormat;
}

class ImportQueryDto {
  @IsOptional()
  @IsIn(['preview', 'commit'])
  mode?: 'preview' | 'commit';
}

const SPREADSHEET_TYPES = [CONTENT_TYPES.xlsx, CONTENT_TYPES.csv];

@ApiTags('roster')
@ApiCookieAuth(SESSION_COOKIE)
@Controller()
export class ImportExportController {
  constructor(
    private readonly imports: ImportService,
    private readonly exports: ExportService,
  ) {}

  @Post('classes/:classId/import')
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(new RefuseOversizedUpload(IMPORT_MAX_BYTES), FileInterceptor('file', { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 2 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ description: 'mode=preview (default): what would happen and every error. mode=commit: done, in one transaction.' })
  @ApiUnprocessableEntityResponse({ description: 'mode=commit with a file that has errors: nothing was written.' })
  importList(
    @Auth() auth: AuthContext,
    @UuidParam('classId') classId: string,
    @Query() query: ImportQueryDto,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<ImportResult> {
    if (!file) throw RequestValidationException.forField('file', 'attach the class list as file');
    return this.imports.run(auth, classId, file.buffer, query.mode === 'commit');
  }

  @Get('roster/import-template')
  @ApiProduces(...SPREADSHEET_TYPES)
  async template(@Query() query: FormatQueryDto, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const format = query.format ?? 'xlsx';
    return send(response, { fileName: `шаблон-списка-класса.${format}`, content: await importTemplate(format) }, format);
  }

  @Get('classes/:classId/export')
  @ApiProduces(...SPREADSHEET_TYPES)
  async classExport(
    @Auth() auth: AuthContext,
    @UuidParam('classId') classId: string,
    @Query() query: FormatQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const format = query.format ?? 'xlsx';
    return send(response, await this.exports.classExport(auth, classId, format), format);
  }

  @Get('schools/:schoolId/export')
  @ApiProduces(...SPREADSHEET_TYPES)
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
