import type { FastifyInstance } from 'fastify';
import { type BuildAppOptions, buildApp } from './app.ts';

/** Builds the app and listens; close it with `app.close()`. */
export async function startServer(
  options: BuildAppOptions & { port?: number; host?: string },
): Promise<{ app: FastifyInstance; url: string }> {
  const { port = 8080, host = '127.0.0.1', ...appOptions } = options;
  const app = await buildApp(appOptions);
  const address = await app.listen({ port, host });
  return { app, url: address };
}
