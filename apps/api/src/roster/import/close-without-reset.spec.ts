import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeWithoutReset } from './close-without-reset';

const MB = 1024 * 1024;
const chunk = Buffer.alloc(MB, 'x');

/** A server that refuses every body at once, without reading it, and closes the connection: as the import does. */
function refusingServer(): http.Server {
  return http.createServer((request, response) => {
    response.setHeader('Connection', 'close');
    closeWithoutReset(request.socket);
    response.statusCode = 413;
    response.end('too large');
  });
}

/** Streams a declared 100 MB body until the answer comes; what the client saw: the status, or the error without one. */
function upload(port: number): Promise<string> {
  return new Promise((resolve) => {
    let answered = false;
    const request = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      headers: { 'content-length': String(100 * MB) },
    });
    request.on('response', (response) => {
      answered = true;
      response.resume();
      resolve(String(response.statusCode));
      request.destroy();
    });
    request.on('error', (error: NodeJS.ErrnoException) =>
      answered ? undefined : resolve(error.code ?? error.message),
    );
    void (async () => {
      for (let sent = 0; sent < 100 * MB && !answered && !request.destroyed; sent += MB) {
        if (!request.write(chunk)) await new Promise((resume) => request.once('drain', resume));
        // A turn of the event loop between writes, as a client doing other work has: without the linger, the reset
        // then often reaches a write before the answer is read.
        await new Promise((resume) => setImmediate(resume));
      }
    })();
  });
}

async function outcomes(uploads: number): Promise<string[]> {
  const server = refusingServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const seen: string[] = [];
    for (let n = 0; n < uploads; n += 1) seen.push(await upload(port));
    return seen;
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('closeWithoutReset', () => {
  it('lets a client that is still uploading read the 413, every time', async () => {
    expect((await outcomes(30)).filter((seen) => seen !== '413')).toEqual([]);
  });
});
