import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CloudHandler } from '../src/handler.ts';

/**
 * A Node request listener that feeds one cloud's handler, as the simulator's server does, and records
 * `METHOD path` of every request so tests can assert which calls an SDK made.
 */
export function handlerListener(handler: CloudHandler, baseUrl: () => string, paths: string[]) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      paths.push(`${req.method} ${req.url}`);
      handler(
        {
          method: req.method ?? 'GET',
          url: new URL(req.url ?? '/', baseUrl()),
          headers: req.headers,
          body: Buffer.concat(chunks),
        },
        res,
      ).catch((err: unknown) => {
        res.writeHead(500);
        res.end(String(err));
      });
    });
  };
}
