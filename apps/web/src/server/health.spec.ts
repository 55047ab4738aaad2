import { describe, expect, it } from '@jest/globals';
import { fetchHealth, toHealthView } from './health';

const healthy = { status: 'ok', database: 'up', replica: 'none', version: '1.2.3', uptimeSeconds: 5 };

function answering(status: number, body: unknown): typeof fetch {
  return () => Promise.resolve(Response.json(body, { status }));
}

describe('toHealthView', () => {
  it('reports up when the API and its database are up', () => {
    expect(toHealthView(healthy)).toEqual({ state: 'up', version: '1.2.3' });
  });

  it('reports the database as down whatever the overall status says', () => {
    expect(toHealthView({ ...healthy, status: 'error', database: 'down' })).toEqual({
      state: 'databaseDown',
      version: '1.2.3',
    });
  });

  it('treats a body of the wrong shape as an unreachable API', () => {
    expect(toHealthView({ status: 'ok' })).toEqual({ state: 'unreachable' });
    expect(toHealthView('<html>')).toEqual({ state: 'unreachable' });
    expect(toHealthView(null)).toEqual({ state: 'unreachable' });
  });
});

describe('fetchHealth', () => {
  it('reads the body of a 503 answer, which names the component that is down', async () => {
    const fetchImpl = answering(503, { ...healthy, status: 'error', database: 'down' });
    await expect(fetchHealth(fetchImpl)).resolves.toEqual({ state: 'databaseDown', version: '1.2.3' });
  });

  it('reports unreachable when the request fails', async () => {
    const failing: typeof fetch = () => Promise.reject(new TypeError('fetch failed'));
    await expect(fetchHealth(failing)).resolves.toEqual({ state: 'unreachable' });
  });

  it('reports unreachable when the answer is not JSON', async () => {
    const html: typeof fetch = () => Promise.resolve(new Response('<html></html>', { status: 502 }));
    await expect(fetchHealth(html)).resolves.toEqual({ state: 'unreachable' });
  });

  it('asks the API under API_URL for /api/health', async () => {
    const previous = process.env.API_URL;
    process.env.API_URL = 'http://api.internal:4000';
    let asked = '';
    const recording: typeof fetch = (input) => {
      asked = input instanceof Request ? input.url : input.toString();
      return Promise.resolve(Response.json(healthy));
    };
    try {
      await fetchHealth(recording);
    } finally {
      process.env.API_URL = previous;
    }
    expect(asked).toBe('http://api.internal:4000/api/health');
  });
});
