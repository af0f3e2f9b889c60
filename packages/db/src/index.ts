export * from './client.ts';
export * from './migrate.ts';
export { diffShapes, shapeFromDatabase, shapeFromSchema } from './drift.ts';
export type { PrismaClient } from './generated/prisma/client.ts';
