export * from './asset.ts';
export * from './batch.ts';
export * from './gaps.ts';
export * from './pacing.ts';
export * from './paging.ts';
export * from './retry.ts';
export * from './secrets.ts';
export * from './task.ts';
