import type { AispmConfig } from '@aispm/core';
import type { Command } from 'commander';

export function registerServe(program: Command, config: AispmConfig): void {
  program
    .command('serve')
    .description('serve the REST API (/api/v1, docs at /api/docs) and the dashboard')
    .option('--port <port>', 'port', String(config.PORT))
    .option('--host <host>', 'address to listen on', config.HOST)
    .action(async (flags: { port: string; host: string }) => {
      const { bootstrapAdminToken, startServer } = await import('@aispm/api');
      const { dbOptionsFromConfig, ensureDatabase, migrate, openDb } = await import('@aispm/db');
      const { connectorsFromConfig } = await import('@aispm/scan');
      const { buildApiServices } = await import('../api-services.ts');
      const { webDistPath } = await import('../web-dist.ts');
      const dbOptions = dbOptionsFromConfig(config);
      if (dbOptions.backend !== 'pglite' && dbOptions.url) await ensureDatabase(dbOptions.url);
      const db = await openDb(dbOptions);
      await migrate(db);
      const wired = buildApiServices({
        db,
        connectors: await connectorsFromConfig(config),
        redis: config.REDIS_URL ?? undefined,
        queuePrefix: config.AISPM_QUEUE_PREFIX,
        ...(config.AISPM_PACING_SCALE !== undefined ? { pacingScale: config.AISPM_PACING_SCALE } : {}),
      });
      const admin = await bootstrapAdminToken(db, config);
      const webDist = webDistPath();
      const { app, url } = await startServer({
        db,
        services: wired.services,
        port: Number(flags.port),
        host: flags.host,
        logger: { level: config.LOG_LEVEL },
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
