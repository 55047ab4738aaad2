import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod, type LoggerService } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { destination as pinoDestination, type DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import type { AppConfig } from '../config/app-config';

/** Long opaque path segments (40+ characters: longer than a uuid) are tokens: never written to a log. */
const TOKEN_LIKE_SEGMENT = /[A-Za-z0-9_-]{40,}/g;

/** A request's path as logs may show it: no query string, no token-like segments. */
export function loggablePath(url: string | undefined): string {
  const path = (url ?? '').split('?')[0] ?? '';
  return path.replace(TOKEN_LIKE_SEGMENT, '[redacted]');
}

/** Lines gathered into one write; about fifteen request lines. */
const LOG_BATCH_BYTES = 4096;
/** The longest a line waits for its batch, so that `tail -f` still follows. */
const LOG_FLUSH_MS = 250;

/**
 * Standard output without blocking the request and without a system call per
 * line: lines gather until there are 4 KiB of them or a quarter of a second has
 * passed since the first of them, then go out in one write on libuv's thread
 * pool (a write per line, synchronous or not, was up to a tenth of the parent
 * page's profile under load: docs/benchmarks.md). The timer runs only while
 * lines wait, so an idle API makes no writes. What is still queued when the
 * process exits is written synchronously then (pino's exit hook; main.ts ends
 * with process.exit after a signal so that the hook runs); a process killed
 * outright loses at most its last quarter of a second of lines.
 */
export function requestLogDestination(): DestinationStream {
  const stream = pinoDestination({ dest: 1, sync: false, minLength: LOG_BATCH_BYTES });
  let flushing: NodeJS.Timeout | undefined;
  return {
    write(line: string): void {
      stream.write(line);
      flushing ??= setTimeout(() => {
        flushing = undefined;
        stream.flush();
      }, LOG_FLUSH_MS).unref();
    },
  };
}

/**
 * Structured request logs that carry method, path, status and timing only:
 * never bodies, headers, cookies or tokens. `destination` replaces standard
 * output (tests read what would be logged).
 */
export function loggerParams(config: AppConfig, destination?: DestinationStream): Params {
  const options: Options = {
    level: config.LOG_LEVEL,
    genReqId: (request: IncomingMessage) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    },
    serializers: {
      req: (request: IncomingMessage & { id?: string }) => ({
        id: request.id,
        method: request.method,
        path: loggablePath(request.url),
      }),
      res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
    },
    customLogLevel: (_request, response, error) => {
      if (error || response.statusCode >= 500) return 'error';
      if (response.statusCode >= 400) return 'warn';
      return 'info';
    },
    autoLogging: { ignore: (request) => request.url === '/api/health' },
    redact: { paths: ['req.headers', 'res.headers', 'req.body'], remove: true },
  };
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: [options, destination ?? requestLogDestination()],
  };
}

/** Nest's route mapping at start-up: a line per route, which would push the URL banner of `npm start` off screen. */
const ROUTE_MAPPING_CONTEXTS = new Set(['RoutesResolver', 'RouterExplorer']);

/**
 * Nest's logger with its route mapping moved to debug level (LOG_LEVEL=debug shows it again);
 * everything else goes through unchanged. Nest passes the context as the last argument.
 */
export class QuietStartupLogger implements LoggerService {
  constructor(private readonly inner: LoggerService) {}

  log(message: unknown, ...rest: unknown[]): void {
    const context = rest.at(-1);
    if (typeof context === 'string' && ROUTE_MAPPING_CONTEXTS.has(context)) {
      this.inner.debug?.(message, ...rest);
    } else {
      this.inner.log(message, ...rest);
    }
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.inner.error(message, ...rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.inner.warn(message, ...rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.inner.debug?.(message, ...rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.inner.verbose?.(message, ...rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    (this.inner.fatal ?? this.inner.error).call(this.inner, message, ...rest);
  }
}
