import type { Socket } from 'node:net';

/** How long a refused upload may keep arriving after its answer before the connection is cut anyway. */
export const LINGER_MS = 2_000;

/**
 * Makes the connection's close after a `Connection: close` answer a lingering close, as nginx and Apache do it.
 * Node closes such a socket with `destroySoon()`: a FIN once the answer is written, then at once a full close. A
 * client still sending its body (a browser uploading a too-large file) then gets its next bytes answered with a
 * reset, and may lose the answer waiting in its receive buffer: it reports a broken pipe or a connection reset, not
 * the 413. Here the FIN still follows the answer, but what the client keeps sending is read and dropped (never held)
 * until it closes its side or `lingerMs` has passed.
 */
export function closeWithoutReset(socket: Socket, lingerMs = LINGER_MS): void {
  socket.destroySoon = function lingeringClose(this: Socket) {
    this.end();
    const cutOff = setTimeout(() => this.destroy(), lingerMs);
    this.once('close', () => clearTimeout(cutOff));
    // Node's HTTP parser still reads the socket and drops the rest of the refused body; resume in case it stopped.
    this.resume();
  };
}
