import { CallHandler, ExecutionContext, Injectable, NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { closeWithoutReset } from './close-without-reset';

/** What a multipart body adds around the file: boundaries, part headers, the file name. */
const MULTIPART_ALLOWANCE_BYTES = 64 * 1024;

/**
 * Answers 413 at once when the declared body is larger than a file may be,
 * before Multer would read (and drop) all of it, and closes the connection so
 * the rest is not read either, after a short linger that lets a client still
 * uploading read the answer (see closeWithoutReset). A body without
 * Content-Length (chunked) is still cut off by Multer's own limit.
 */
@Injectable()
export class RefuseOversizedUpload implements NestInterceptor {
  constructor(private readonly maxFileBytes: number) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const declared = Number(request.get('content-length'));
    if (Number.isFinite(declared) && declared > this.maxFileBytes + MULTIPART_ALLOWANCE_BYTES) {
      context.switchToHttp().getResponse<Response>().setHeader('Connection', 'close');
      closeWithoutReset(request.socket);
      throw new PayloadTooLargeException(`The file is larger than ${Math.round(this.maxFileBytes / 1024 / 1024)} MB`);
    }
    return next.handle();
  }
}
