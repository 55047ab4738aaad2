import { delay, startApiProcess, type ApiProcess } from './support/api-process';

/** Long enough for any write the API has queued; a line missing then was never written. */
const LINE_WITHIN_MS = 10_000;

interface RequestLine {
  req?: { method?: string; path?: string };
  res?: { statusCode?: number };
  msg?: string;
}

/** The request lines among the complete lines of the output (its last, unfinished line and any cut one left out). */
function requestLines(output: string): RequestLine[] {
  return output
    .split('\n')
    .slice(0, -1)
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as RequestLine];
      } catch {
        return [];
      }
    })
    .filter((line) => line.msg === 'request completed');
}

/**
 * The production build's request log goes to standard output without blocking
 * the request (common/logging.ts): each line must still arrive while the API
 * runs, not only when a buffer fills or the process ends.
 */
describe('the request log of the API process', () => {
  let api: ApiProcess | undefined;

  beforeAll(async () => {
    const databaseUrl = process.env.TEST_DATABASE_URL;
    if (!databaseUrl) throw new Error('TEST_DATABASE_URL is not set: run through jest.e2e.config.cjs');
    api = await startApiProcess({ databaseUrl, env: { LOG_LEVEL: 'info' } });
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('writes a line per request at once, with method, path and status and without the token', async () => {
    const running = api!;
    const token = 'q7Vb3kX9_wZ2-mN8pR4tY6uI1oP5aS0dF3gH7jK9lL2';
    const answer = await fetch(`${running.url}/api/parent/family`, { headers: { 'x-parent-token': token } });
    expect(answer.status).toBe(404);
    const deadline = Date.now() + LINE_WITHIN_MS;
    let lines = requestLines(running.output());
    while (!lines.some((line) => line.req?.path === '/api/parent/family') && Date.now() < deadline) {
      await delay(50);
      lines = requestLines(running.output());
    }
    expect(lines.filter((line) => line.req?.path === '/api/parent/family')).toEqual([
      expect.objectContaining({ req: expect.objectContaining({ method: 'GET' }), res: { statusCode: 404 } }),
    ]);
    expect(running.output()).not.toContain(token);
  });
});
