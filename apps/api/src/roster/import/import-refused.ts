import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus, UnprocessableEntityException } from '@nestjs/common';
import type { ImportRefusalBody, SchoolImportReport } from '@sferum/contracts';
import type { Response } from 'express';
import { ERRORS, plural } from './russian';

/** A commit of a file with errors: nothing was written, and the answer says why, row by row. */
export class ImportRefused extends UnprocessableEntityException {
  constructor(readonly report: SchoolImportReport) {
    super(
      `В файле ${plural(report.errors.length, ERRORS)}; ничего не загружено. Исправьте файл по предпросмотру и загрузите его снова.`,
    );
  }
}

/**
 * The 422 of a refused import in the API's one error shape, with the whole
 * report beside it (`result`): its errors are the file's, as a preview lists them.
 */
@Catch(ImportRefused)
export class ImportRefusedFilter implements ExceptionFilter {
  catch(exception: ImportRefused, host: ArgumentsHost): void {
    const body: ImportRefusalBody = {
      statusCode: HttpStatus.UNPROCESSABLE_ENTITY,
      error: 'Unprocessable Entity',
      message: exception.message,
      result: exception.report,
    };
    host.switchToHttp().getResponse<Response>().status(HttpStatus.UNPROCESSABLE_ENTITY).json(body);
  }
}
