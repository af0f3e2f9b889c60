import { defineConfig } from 'prisma/config';

// Used by `prisma generate` here and by `prisma migrate deploy` on machines where Prisma's engines can be
// downloaded; aispm itself applies the same migrations with its own runner (src/migrate.ts).
export default defineConfig({
  schema: '../../prisma/schema.prisma',
  migrations: { path: '../../prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/aispm' },
});
