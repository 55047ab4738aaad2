import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

type Stack = { webUrl: string; apiUrl: string; databaseUrl: string; stop: () => Promise<void> };
type StackOptions = {
  freshDatabase: boolean;
  seedDemo: boolean;
  apiPort: number;
  webPort: number;
  quiet: boolean;
  env: Record<string, string>;
};

/** A port nobody listens on right now, picked by the operating system. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('No free port found'))));
    });
  });
}

async function loadStartStack(): Promise<(options: StackOptions) => Promise<Stack>> {
  // tools/stack.mjs is plain ESM JavaScript shared with `npm start`.
  const url = pathToFileURL(path.resolve(__dirname, '../../../tools/stack.mjs')).href;
  const stackModule: unknown = await import(url);
  const startStack = (stackModule as { startStack?: unknown }).startStack;
  if (typeof startStack !== 'function') {
    throw new Error('tools/stack.mjs does not export startStack()');
  }
  return startStack as (options: StackOptions) => Promise<Stack>;
}

/** Starts PostgreSQL, the API and the web app from their builds; the returned function stops them. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const startStack = await loadStartStack();
  const [apiPort, webPort] = [await freePort(), await freePort()];
  const stack = await startStack({
    freshDatabase: true,
    seedDemo: true,
    apiPort,
    webPort,
    quiet: true,
    // Every browser test signs in from this one address; the limit itself is tested in the API's tests.
    env: { LOGIN_LIMIT_PER_IP: '1000', SNAPSHOTS_ENABLED: 'false' },
  });
  process.env.E2E_BASE_URL = stack.webUrl;
  process.env.E2E_API_URL = stack.apiUrl;
  return stack.stop;
}
