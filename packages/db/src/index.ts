export * from './client.ts';
export { diffShapes, shapeFromDatabase, shapeFromSchema } from './drift.ts';
export type { PrismaClient } from './generated/prisma/client.ts';
export * from './migrate.ts';
export * from './repos/accounts.ts';
export * from './repos/graph.ts';
export * from './repos/tenants.ts';
