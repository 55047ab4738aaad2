import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ApiErrorBody } from '@sferum/contracts';
import type { Response } from 'express';
import { TooManyRequestsException } from './rate-limit.service';
import { RequestValidationException } from './validation';

/** Every error leaves the API in one JSON shape; unexpected ones without internals. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const databaseUnavailable = isDatabaseUnavailable(exception);
    const transientConflict = !databaseUnavailable && isTransientConflict(exception);
    const body = databaseUnavailable ? DATABASE_UNAVAILABLE : transientConflict ? TRANSIENT_CONFLICT : this.toBody(exception);
    if (databaseUnavailable || transientConflict) {
      this.logger.warn(`Database: ${String((exception as { message?: unknown }).message)}`);
      response.setHeader('Retry-After', String(transientConflict ? 1 : DATABASE_RETRY_AFTER_SECONDS));
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
      return body;
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

const DATABASE_RETRY_AFTER_SECONDS = 5;

const DATABASE_UNAVAILABLE: ApiErrorBody = {
  statusCode: HttpStatus.SERVICE_UNAVAILABLE,
  error: 'Service Unavailable',
  message: 'The database is not available right now. Nothing was changed; try again in a few seconds.',
};

const TRANSIENT_CONFLICT: ApiErrorBody = {
  statusCode: HttpStatus.SERVICE_UNAVAILABLE,
  error: 'Service Unavailable',
  message: 'Another change to the same records was being saved at that moment. Nothing was changed; please try again.',
};

/** A deadlock or serialization failure: PostgreSQL rolled the transaction back, and a retry will do. */
export function isTransientConflict(exception: unknown): boolean {
  const code = (exception as { driverError?: { code?: unknown } } | null)?.driverError?.code;
  return code === '40P01' || code === '40001';
}

/** SQLSTATE classes and codes, and socket errors, that mean "no database right now", not "bad request". */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Connection is not established|the database system is (starting up|shutting down)/i;

/**
 * PostgreSQL stopped, restarting, unreachable, or the pool exhausted: the
 * client gets 503 with Retry-After, and the pool reconnects by itself.
 */
export function isDatabaseUnavailable(exception: unknown): boolean {
  // Duck-typed: socket errors come from Node's own realm, where `instanceof Error` may not hold.
  const errorLike = (value: unknown): value is { code?: unknown; message?: unknown } => typeof value === 'object' && value !== null;
  if (!errorLike(exception)) return false;
  const nested = exception as { driverError?: unknown; cause?: unknown; errors?: unknown };
  const inner: unknown[] = Array.isArray(nested.errors) ? (nested.errors as unknown[]) : [];
  const candidates: unknown[] = [exception, nested.driverError, nested.cause, ...inner];
  return candidates.some((candidate) => {
    if (!errorLike(candidate)) return false;
    const code = candidate.code;
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
    return typeof candidate.message === 'string' && UNAVAILABLE_MESSAGES.test(candidate.message);
  });
}

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
