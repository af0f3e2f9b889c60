import type { Command } from 'commander';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the REST API (/api/v1, docs at /api/docs) and the dashboard')
    .option('--port <port>', 'port', process.env.PORT ?? '8080')
    .option('--host <host>', 'address to listen on', process.env.HOST ?? '127.0.0.1')
    .action(async (flags: { port: string; host: string }) => {
      const { bootstrapAdminToken, startServer } = await import('@aispm/api');
      const { dbOptionsFromEnv, ensureDatabase, migrate, openDb } = await import('@aispm/db');
      const { connectorsFromEnv } = await import('@aispm/scan');
      const { buildApiServices } = await import('../api-services.ts');
      const { webDistPath } = await import('../web-dist.ts');
      const dbOptions = dbOptionsFromEnv();
      if (dbOptions.backend !== 'pglite' && dbOptions.url) await ensureDatabase(dbOptions.url);
      const db = await openDb(dbOptions);
      await migrate(db);
      const redis =
        process.env.REDIS_URL === 'none' ? undefined : (process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
      const wired = buildApiServices({ db, connectors: await connectorsFromEnv(), redis });
      const admin = await bootstrapAdminToken(db);
      const webDist = webDistPath();
      const { app, url } = await startServer({
        db,
        services: wired.services,
        port: Number(flags.port),
        host: flags.host,
        logger: { level: process.env.LOG_LEVEL ?? 'info' },
        ...(webDist ? { webDist } : {}),
      });
      process.stderr.write(
        `aispm API on ${url}/api/v1 (docs ${url}/api/docs)${webDist ? `, dashboard ${url}/` : ''}\n`,
      );
      if (admin.token) process.stderr.write(`admin token (shown once, store it now): ${admin.token}\n`);
      const stop = async () => {
        await app.close();
        await wired.close();
        await db.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
