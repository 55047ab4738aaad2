import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ApiErrorBody } from '@sferum/contracts';
import type { Response } from 'express';
import { CodedConflictException } from './coded-conflict.exception';
import { isForeignKeyViolation, retryableDatabaseFailure, type RetryableDatabaseFailure } from './postgres-errors';
import { TooManyRequestsException } from './rate-limit.service';
import { RequestValidationException } from './validation';

/** Every error leaves the API in one JSON shape; unexpected ones without internals. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const failure = retryableDatabaseFailure(exception);
    const body = failure ? RETRYABLE[failure].body : this.toBody(exception);
    if (failure) {
      this.logger.warn(`Database (${failure}): ${String((exception as { message?: unknown }).message)}`);
      response.setHeader('Retry-After', String(RETRYABLE[failure].retryAfterSeconds));
    } else if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    if (exception instanceof TooManyRequestsException) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    if (!response.headersSent) {
      response.status(body.statusCode).json(body);
    }
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const body: ApiErrorBody = {
        statusCode,
        error: reasonPhrase(statusCode),
        message: messageOf(exception),
      };
      if (exception instanceof RequestValidationException) {
        body.details = exception.details;
      }
      if (exception instanceof CodedConflictException) {
        body.code = exception.code;
      }
      return body;
    }
    if (isForeignKeyViolation(exception)) {
      return {
        statusCode: HttpStatus.CONFLICT,
        error: reasonPhrase(HttpStatus.CONFLICT),
        message:
          'Something this change refers to was removed at the same moment (for example, the family was erased). Reload and try again.',
      };
    }
    const clientError = asClientError(exception);
    if (clientError) {
      return { statusCode: clientError, error: reasonPhrase(clientError), message: clientErrorMessage(clientError) };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: reasonPhrase(HttpStatus.INTERNAL_SERVER_ERROR),
      message: 'Something went wrong on our side. Please try again.',
    };
  }
}

/** What a client is told, and how long to wait, when a retry will do. */
const RETRYABLE: Record<RetryableDatabaseFailure, { body: ApiErrorBody; retryAfterSeconds: number }> = {
  unavailable: {
    retryAfterSeconds: 5,
    body: {
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      error: 'Service Unavailable',
      message: 'The database is not available right now. Please try again in a few seconds.',
    },
  },
  // The request may have saved something before it waited in vain, so no "nothing was changed" here.
  pool_exhausted: {
    retryAfterSeconds: 2,
    body: {
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      error: 'Service Unavailable',
      message:
        'The server is too busy to answer right now, or its database is not available. Please try again in a few seconds.',
    },
  },
  transient_conflict: {
    retryAfterSeconds: 1,
    body: {
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      error: 'Service Unavailable',
      message:
        'Another change to the same records was being saved at that moment. Nothing was changed; please try again.',
    },
  },
};

/**
 * Errors that Express middleware (the body parser) raises before Nest sees the
 * request carry their 4xx status the http-errors way (`status`, `expose`).
 */
function asClientError(exception: unknown): number | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { status, expose } = exception as { status?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true ? status : undefined;
}

function clientErrorMessage(statusCode: HttpStatus): string {
  switch (statusCode) {
    case HttpStatus.PAYLOAD_TOO_LARGE:
      return 'The request body is too large';
    case HttpStatus.UNSUPPORTED_MEDIA_TYPE:
      return 'Send the request body as JSON';
    default:
      return 'The request could not be read';
  }
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') {
    return response;
  }
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) {
    return message.map(String).join('; ');
  }
  return typeof message === 'string' ? message : exception.message;
}

function reasonPhrase(statusCode: number): string {
  const name = HttpStatus[statusCode];
  if (typeof name !== 'string') {
    return 'Error';
  }
  return name
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
