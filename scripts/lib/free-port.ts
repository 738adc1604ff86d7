import { createServer } from 'node:net';

/**
 * Returns a TCP port on 127.0.0.1 that was free a moment ago, found by
 * listening on port 0 and closing again. Another process may still take it
 * before the caller binds, which is acceptable for local tools and tests.
 */
export function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close(() => reject(new Error('failed to read the port of a loopback listener')));
        return;
      }
      server.close(() => resolvePort(address.port));
    });
  });
}
