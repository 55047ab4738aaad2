import type { LoggerService } from '@nestjs/common';
import { loggablePath, QuietStartupLogger } from './logging';

describe('loggablePath', () => {
  it('drops the query string', () => {
    expect(loggablePath('/api/schools?search=Иванов')).toBe('/api/schools');
  });

  it('hides token-like path segments', () => {
    const token = 'q7Vb3kX9_wZ2-mN8pR4tY6uI1oP5aS0dF3gH7jK9lL2';
    expect(loggablePath(`/api/parent/${token}/steps`)).toBe('/api/parent/[redacted]/steps');
  });

  it('keeps ordinary paths and uuids readable', () => {
    expect(loggablePath('/api/classes/3f1c2a4e-1111-4c1b-9a55-0d2e5c7b8a90')).toBe(
      '/api/classes/3f1c2a4e-1111-4c1b-9a55-0d2e5c7b8a90',
    );
  });
});

describe('QuietStartupLogger', () => {
  function recording() {
    const calls: Array<[string, unknown[]]> = [];
    const inner: LoggerService = {
      log: (...args: unknown[]) => calls.push(['log', args]),
      error: (...args: unknown[]) => calls.push(['error', args]),
      warn: (...args: unknown[]) => calls.push(['warn', args]),
      debug: (...args: unknown[]) => calls.push(['debug', args]),
    };
    return { calls, logger: new QuietStartupLogger(inner) };
  }

  it("moves Nest's route mapping to debug level", () => {
    const { calls, logger } = recording();
    logger.log('Mapped {/api/health, GET} route', 'RouterExplorer');
    logger.log('HealthController {/api/health}:', 'RoutesResolver');
    expect(calls.map(([level]) => level)).toEqual(['debug', 'debug']);
  });

  it('keeps every other message at its level', () => {
    const { calls, logger } = recording();
    logger.log('Nest application successfully started', 'NestApplication');
    logger.warn('slow', 'Db');
    logger.error('failed', 'Db');
    expect(calls).toEqual([
      ['log', ['Nest application successfully started', 'NestApplication']],
      ['warn', ['slow', 'Db']],
      ['error', ['failed', 'Db']],
    ]);
  });
});
