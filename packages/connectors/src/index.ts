export * from './aws/index.ts';
export * from './shared/index.ts';
export * from './types.ts';
